package demo

import (
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// demoConfig is the configuration the demo's daemon runs with.
func demoConfig(imap mailbox.Config, smtpAddr, dbPath string) *config.Config {
	c := config.Default()
	c.Mailbox.SentFolder = config.DefaultSentFolder
	c.Mailbox.Host, c.Mailbox.Port, c.Mailbox.Security = imap.Host, imap.Port, "none"
	c.Mailbox.Username, c.Mailbox.PasswordEnv = user, "MAILPROC_DEMO_UNUSED"
	c.Mailbox.PollInterval = config.Duration{Duration: time.Second}
	c.SMTP.Host, c.SMTP.Port, c.SMTP.Security = "127.0.0.1", port(smtpAddr), "none"
	c.Company = config.Company{
		Name:      "Cooper",
		ReplyFrom: "Cooper Privacy <" + user + ">",
		Timezone:  "America/Los_Angeles",
		// No staff or compliance address: the demo's outbox holds replies
		// only; its report is written to a folder at the end.
	}
	c.Store.Path = dbPath
	c.Privacy.Acknowledge = true // show the optional acknowledgement of a privacy request
	c.Disclosure = []config.Disclosure{
		{Year: 2024},
		{
			Year:       2025,
			Categories: []string{"name and address", "email address", "the kind of product the customer purchased"},
			ThirdParties: []config.ThirdParty{
				{Name: "Acme Catalogs", Address: "1 Market St, San Francisco, CA 94105", Business: "home goods catalogs"},
				{Name: "Golden State Outdoor Supply", Address: "200 Harbor Way, Oakland, CA 94607"},
			},
		},
	}
	return &c
}
