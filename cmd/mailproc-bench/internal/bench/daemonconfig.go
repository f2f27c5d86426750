package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// daemonSetup is what one daemon run is configured with.
type daemonSetup struct {
	Dir       string // its configuration, password files, store and log
	IMAP      mailbox.Config
	SMTP      SMTPServer
	ReplyFrom string
	Years     []int // covered years with disclosure data
}

// writeConfig writes the daemon's TOML file, with the keys of SPEC §9,
// into s.Dir and returns its path. The limits let every request be
// answered: each comes from its own sender, and the hourly limit is out of
// the way.
func (s daemonSetup) writeConfig() (string, error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return "", fmt.Errorf("daemon dir: %w", err)
	}
	imapPass, err := writeSecret(s.Dir, "imap-password", s.IMAP.Password)
	if err != nil {
		return "", err
	}
	smtpPass, err := writeSecret(s.Dir, "smtp-password", s.SMTP.Password)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "[mailbox]\nhost = %q\nport = %d\nsecurity = %q\nca_file = %q\nusername = %q\npassword_file = %q\n\n",
		s.IMAP.Host, s.IMAP.Port, s.IMAP.Security, s.IMAP.CAFile, s.IMAP.Username, imapPass)
	fmt.Fprintf(&b, "[smtp]\nhost = %q\nport = %d\nsecurity = %q\nca_file = %q\nusername = %q\n",
		s.SMTP.Host, s.SMTP.Port, s.SMTP.Security, s.SMTP.CAFile, s.SMTP.Username)
	if s.SMTP.Username != "" {
		fmt.Fprintf(&b, "password_file = %q\n", smtpPass)
	}
	fmt.Fprintf(&b, "\n[company]\nname = \"Cooper\"\nreply_from = %q\n\n", s.ReplyFrom)
	fmt.Fprintf(&b, "[store]\npath = %q\n\n", filepath.Join(s.Dir, "mailproc.db"))
	b.WriteString("[limits]\nreplies_per_sender_per_day = 3\nreplies_per_hour = 1000000\n\n")
	for _, y := range s.Years {
		fmt.Fprintf(&b, "[[disclosure]]\nyear = %d\ncategories = [\"name and address\", \"email address\"]\n", y)
		b.WriteString("[[disclosure.third_parties]]\nname = \"Acme Catalogs\"\naddress = \"1 Market St, San Francisco, CA 94105\"\nbusiness = \"home goods catalogs\"\n\n")
	}
	path := filepath.Join(s.Dir, "mailproc.toml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return "", fmt.Errorf("write daemon config: %w", err)
	}
	return path, nil
}

// writeSecret writes a password file readable by its owner only.
func writeSecret(dir, name, secret string) (string, error) {
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write %s: %w", name, err)
	}
	return path, nil
}
