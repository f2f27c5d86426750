package bench

import (
	"testing"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

func TestDaemonConfigLoads(t *testing.T) {
	s := daemonSetup{
		Dir:       t.TempDir(),
		IMAP:      mailbox.Config{Host: "127.0.0.1", Port: 10993, Security: "tls", Username: "u@example.test", Password: "secret"},
		SMTP:      SMTPServer{Host: "127.0.0.1", Port: 11025, Security: "starttls", Username: "mailproc", Password: "pw"},
		ReplyFrom: "Cooper Privacy <privacy-bench@cooper.example>",
		Years:     []int{2025, 2026},
	}
	path, err := s.writeConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("config.Load(written config) = %v", err)
	}
	imapPass, err := cfg.MailboxPassword()
	if err != nil || imapPass != "secret" {
		t.Errorf("MailboxPassword() = %q, %v; want the account's", imapPass, err)
	}
	if cfg.Mailbox.Username != s.IMAP.Username || cfg.SMTP.Port != 11025 || len(cfg.Disclosure) != 2 ||
		cfg.Limits.RepliesPerHour < 100000 {
		t.Errorf("config.Load(written config) = %+v %+v, want the setup's servers, two disclosure years and no hourly limit in the way",
			cfg.Mailbox, cfg.SMTP)
	}
}
