package config

import (
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Default values of the keys a file may leave out.
const (
	DefaultInbox           = "INBOX"
	DefaultProcessedFolder = "Privacy/Processed"
	DefaultReviewFolder    = "Privacy/Review"
	// DefaultSentFolder is the sent folder when none is configured and the
	// server marks none \Sent.
	DefaultSentFolder      = "Sent"
	DefaultTimezone        = "America/Los_Angeles"
	DefaultStorePath       = "/var/lib/mailproc/mailproc.db"
	DefaultMaxMessageBytes = 26214400
	DefaultPerSenderPerDay = 3
	DefaultPerHour         = 100
	DefaultCoppaTargetDays = cases.CoppaDays
	// DefaultIdleRecheck keeps replies within seconds on servers that
	// announce new mail in IDLE only every minute or so.
	DefaultIdleRecheck = 4 * time.Second
	// DefaultPaper is what letters are printed on.
	DefaultPaper = "letter"
	// MaxPostalLines is how many lines the company's postal address may have.
	MaxPostalLines = 6
	// MinRetentionMonths is the least time cases keep their records
	// (11 CCR § 7101: at least 24 months).
	MinRetentionMonths = 24
	// DefaultIdleTimeout ends a console session nobody used for this long.
	DefaultIdleTimeout = 30 * time.Minute
)

// DefaultCollected describes what the service collects from children when
// the configuration does not say.
var DefaultCollected = []string{
	"the child's name and the email address or username used to sign up",
	"content the child posted or uploaded on the service",
	"device identifiers and usage data collected automatically",
}

// Default returns the configuration before any file is read.
func Default() Config {
	return Config{
		Mailbox: Mailbox{
			Security:        "tls",
			Inbox:           DefaultInbox,
			ProcessedFolder: DefaultProcessedFolder,
			ReviewFolder:    DefaultReviewFolder,
			PollInterval:    Duration{60 * time.Second},
			IdleRecheck:     Duration{DefaultIdleRecheck},
		},
		SMTP:    SMTP{Security: "tls"},
		Company: Company{Timezone: DefaultTimezone},
		Store:   Store{Path: DefaultStorePath, RetentionMonths: MinRetentionMonths},
		Limits: Limits{
			RepliesPerSenderPerDay: DefaultPerSenderPerDay,
			RepliesPerHour:         DefaultPerHour,
			MaxMessageBytes:        DefaultMaxMessageBytes,
			MessageTimeout:         Duration{60 * time.Second},
		},
		Coppa:   Coppa{TargetDays: DefaultCoppaTargetDays, Collected: DefaultCollected},
		Log:     Log{Level: "info", Format: "text"},
		Web:     Web{SessionTTL: Duration{12 * time.Hour}, IdleTimeout: Duration{DefaultIdleTimeout}},
		Letters: Letters{Paper: DefaultPaper},
	}
}

// defaultPort is the usual port of a protocol's security mode.
func defaultPort(imap bool, security string) int {
	switch {
	case imap && security == "tls":
		return 993
	case imap:
		return 143
	case security == "tls":
		return 465
	case security == "starttls":
		return 587
	default:
		return 25
	}
}
