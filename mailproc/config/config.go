// Package config reads mailproc's TOML configuration: defaults, then the
// file; every problem is reported at once, each naming its key. It resolves
// secrets from files or the environment but never prints them.
package config

import (
	"time"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// Config is the whole configuration.
type Config struct {
	Mailbox    Mailbox      `toml:"mailbox"`
	SMTP       SMTP         `toml:"smtp"`
	Company    Company      `toml:"company"`
	Store      Store        `toml:"store"`
	Disclosure []Disclosure `toml:"disclosure"`
	Limits     Limits       `toml:"limits"`
	Coppa      Coppa        `toml:"coppa"`
	Privacy    Privacy      `toml:"privacy"`
	Templates  Templates    `toml:"templates"`
	Auth       Auth         `toml:"auth"`
	Log        Log          `toml:"log"`
	Reports    Reports      `toml:"reports"`
	Control    Control      `toml:"control"`
	Web        Web          `toml:"web"`
	Letters    Letters      `toml:"letters"`
	// OAuth2 is how mailproc gets its own OAuth2 tokens, for the sides
	// whose auth is "oauth2".
	OAuth2 oauth.Settings `toml:"oauth2"`
}

// Letters configures requests that come by post and the letters that
// answer them.
type Letters struct {
	// Paper is what answers are printed on: "letter" (US Letter, folded in
	// three into a #10 single-window envelope) or "a4" (A4, folded into a
	// DL window envelope, DIN 5008 form B).
	Paper string `toml:"paper"`
	// ScanDir is where scans of letters are kept (default: scans/ beside
	// the store): a scan is a regular file in it, named relative to it,
	// reached without following links; anything else is refused.
	ScanDir string `toml:"scan_dir"`
}

// Control is the daemon's API for staff tools, and its public endpoints.
type Control struct {
	Socket string `toml:"socket"` // unix socket, mode 0600; default: control.sock beside the store
	// HTTP is a loopback address for the JSON API, e.g. "127.0.0.1:8026";
	// "" = none. Every call over it needs one of Tokens.
	HTTP string `toml:"http"`
	// Tokens are who may call the API over HTTP: each a bearer token in a
	// file only the daemon's user may read, and the name the history
	// records for what its caller does.
	Tokens []APIToken `toml:"tokens"`
	// Metrics is the address of /metrics and /healthz, which carry no
	// personal data and need no token; "" = none.
	Metrics string `toml:"metrics"`
}

// APIToken is one caller of the control API over HTTP.
type APIToken struct {
	Name string `toml:"name"` // recorded as who acts
	File string `toml:"file"` // the token, at least MinTokenLen characters; mode 0600
}

// Web is the staff console.
type Web struct {
	Listen         string    `toml:"listen"`           // e.g. "127.0.0.1:8080"; "" = no console
	SessionKeyFile string    `toml:"session_key_file"` // 32 random bytes or more; "" = a new key at each start
	SecureCookies  *bool     `toml:"secure_cookies"`   // default true; false only for plain-HTTP loopback
	SessionTTL     Duration  `toml:"session_ttl"`      // default 12h
	IdleTimeout    Duration  `toml:"idle_timeout"`     // a session unused this long ends; default 30m
	TrustedProxies []string  `toml:"trusted_proxies"`  // reverse proxies (addresses or CIDR prefixes) whose X-Forwarded-Host, -Proto and -For are believed
	Users          []WebUser `toml:"users"`
}

// WebUser is one member of staff who may sign in.
type WebUser struct {
	Name         string `toml:"name"`
	PasswordHash string `toml:"password_hash"` // bcrypt, made by `mailproc passwd`
}

// Mailbox is the IMAP side.
type Mailbox struct {
	Host            string `toml:"host"`
	Port            int    `toml:"port"`
	Security        string `toml:"security"`
	CAFile          string `toml:"ca_file"`
	Username        string `toml:"username"`
	PasswordFile    string `toml:"password_file"`
	PasswordEnv     string `toml:"password_env"`
	Auth            string `toml:"auth"`          // "password" (default), "oauth2" ([oauth2]), "xoauth2" or "oauthbearer"
	TokenFile       string `toml:"token_file"`    // OAuth2 access token, read again when it changes
	TokenCommand    string `toml:"token_command"` // or a command that prints one (and, optionally, its lifetime)
	Inbox           string `toml:"inbox"`
	ProcessedFolder string `toml:"processed_folder"`
	ReviewFolder    string `toml:"review_folder"`
	// SentFolder is where copies of replies go; "" finds the folder
	// marked SPECIAL-USE \Sent (RFC 6154), else "Sent".
	SentFolder string `toml:"sent_folder"`
	// NoSentCopy is set by sent_folder = "" in the file: the SMTP server
	// files its own copy, so none is appended.
	NoSentCopy   bool     `toml:"-"`
	PollInterval Duration `toml:"poll_interval"`
	// IdleRecheck is how often a NOOP asks the server for new mail while
	// the connection idles (IDLE), for servers that announce it in IDLE
	// only after their own polling (Courier, Cyrus: about 60 s); 0 = never.
	IdleRecheck Duration `toml:"idle_recheck"`
}

// SMTP is the sending side.
type SMTP struct {
	Host         string `toml:"host"`
	Port         int    `toml:"port"`
	Security     string `toml:"security"`
	CAFile       string `toml:"ca_file"`
	Username     string `toml:"username"`
	PasswordFile string `toml:"password_file"`
	PasswordEnv  string `toml:"password_env"`
	Auth         string `toml:"auth"`          // "password" (default), "oauth2" ([oauth2]), "xoauth2" or "oauthbearer"
	TokenFile    string `toml:"token_file"`    // OAuth2 access token
	TokenCommand string `toml:"token_command"` // or a command that prints one
	HeloName     string `toml:"helo_name"`
}

// Company is who answers.
type Company struct {
	Name              string `toml:"name"`
	ReplyFrom         string `toml:"reply_from"`
	Timezone          string `toml:"timezone"`
	StaffAddress      string `toml:"staff_address"`
	ComplianceAddress string `toml:"compliance_address"`
	// PostalAddress is the company's address, one line an entry: the
	// letterhead of printed answers (and, on A4, the return line in the
	// envelope's window).
	PostalAddress []string `toml:"postal_address"`
}

// Store is where the database lives and how long cases keep personal data.
type Store struct {
	Path            string `toml:"path"`
	RetentionMonths int    `toml:"retention_months"`  // at least 24 (11 CCR § 7101); then personal data is erased
	IdentityKeyFile string `toml:"identity_key_file"` // HMAC key for the once-a-year record; "" = a key kept in the database
}

// Reports says where monthly reports are kept.
type Reports struct {
	Dir string `toml:"dir"` // default: reports/ beside the store
}

// Disclosure is what was shared in one covered calendar year.
type Disclosure struct {
	Year         int          `toml:"year"`
	Categories   []string     `toml:"categories"`
	ThirdParties []ThirdParty `toml:"third_parties"`
}

// ThirdParty is one business personal information was shared with.
type ThirdParty struct {
	Name     string `toml:"name"`
	Address  string `toml:"address"`
	Business string `toml:"business"`
}

// Limits bound automatic replies and the work spent on one message.
type Limits struct {
	RepliesPerSenderPerDay int      `toml:"replies_per_sender_per_day"`
	RepliesPerHour         int      `toml:"replies_per_hour"`
	MaxMessageBytes        int64    `toml:"max_message_bytes"`
	MessageTimeout         Duration `toml:"message_timeout"`
}

// Coppa configures coppa requests.
type Coppa struct {
	TargetDays int      `toml:"target_days"`
	Collected  []string `toml:"collected"`
}

// Privacy configures the other privacy-rights requests (SPEC §10).
type Privacy struct {
	// Acknowledge sends privacy-received once on each new request: its
	// case number, what was understood, the due date. Off by default.
	Acknowledge bool `toml:"acknowledge"`
}

// Templates says where override templates live.
type Templates struct {
	Dir string `toml:"dir"`
}

// Auth says whose Authentication-Results to believe.
type Auth struct {
	TrustedAuthServIDs []string `toml:"trusted_authserv_ids"`
}

// Log configures logging.
type Log struct {
	Level  string `toml:"level"`
	Format string `toml:"format"`
}

// Duration is a time.Duration written as "60s" in TOML.
type Duration struct{ time.Duration }

// UnmarshalText reads "60s", "5m".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration as time.Duration prints it.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.Duration.String()), nil }
