package config

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

func TestExampleLoads(t *testing.T) {
	data, err := os.ReadFile("../../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []string{"imap-password", "smtp-password"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("secret\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	text := strings.ReplaceAll(string(data), "/etc/mailproc/", dir+"/")
	l, err := Parse("config.example.toml", []byte(text))
	if err != nil {
		t.Fatalf("Parse(example) problems:\n%v", err)
	}
	if len(l.Warnings) != 0 {
		t.Errorf("Parse(example) warnings = %q, want none", l.Warnings)
	}
	if l.Mailbox.Port != 993 || l.SMTP.Port != 465 || l.Limits.RepliesPerSenderPerDay != 3 {
		t.Errorf("example values: mailbox port %d, smtp port %d, per sender %d", l.Mailbox.Port, l.SMTP.Port, l.Limits.RepliesPerSenderPerDay)
	}
	if d, ok := l.DisclosureFor(2024); !ok || len(d.Categories)+len(d.ThirdParties) != 0 {
		t.Errorf("DisclosureFor(2024) = %+v, %v; want an empty table", d, ok)
	}
	pw, err := l.MailboxPassword()
	if err != nil || pw != "secret" {
		t.Errorf("MailboxPassword() = %q, %v; want the file's content without its newline", pw, err)
	}
}

func TestDefaults(t *testing.T) {
	l, err := Parse("min.toml", []byte(minimal))
	if err != nil {
		t.Fatalf("Parse(minimal): %v", err)
	}
	if l.Mailbox.ReviewFolder != "Privacy/Review" || l.Mailbox.Port != 143 {
		t.Errorf("defaults: review %q, port %d", l.Mailbox.ReviewFolder, l.Mailbox.Port)
	}
	tests := []struct {
		name, edit string
		folder     string
		find       bool
	}{
		{"sent_folder left out: found by SPECIAL-USE", "", "", true},
		{"sent_folder = \"\": no copy", "sent_folder = \"\"\n", "", false},
		{"sent_folder named", "sent_folder = \"Sent Items\"\n", "Sent Items", false},
	}
	for _, tt := range tests {
		l, err := Parse("min.toml", []byte(strings.Replace(minimal, "[smtp]", tt.edit+"[smtp]", 1)))
		if err != nil {
			t.Fatal(err)
		}
		if folder, find := l.SentCopy(); folder != tt.folder || find != tt.find {
			t.Errorf("%s: SentCopy() = %q, %v, want %q, %v", tt.name, folder, find, tt.folder, tt.find)
		}
	}
}

const minimal = `
[mailbox]
host = "127.0.0.1"
security = "none"
username = "u"
password_env = "HOME"
[smtp]
host = "127.0.0.1"
security = "none"
port = 25
[company]
name = "Cooper"
reply_from = "Cooper Privacy <support@example.com>"
[store]
path = "/tmp/x.db"
`

// TestProblemsGolden compares the report of a configuration with many
// mistakes with testdata/bad.problems.
func TestProblemsGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/bad.toml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse("bad.toml", data)
	if err == nil {
		t.Fatal("Parse(bad.toml) = nil error, want problems")
	}
	lines := strings.Split(err.Error(), "\n")
	got := strings.Join(sortedLines(lines), "\n") + "\n"
	golden.Check(t, "testdata/bad.problems", []byte(got))
}

func sortedLines(l []string) []string {
	out := append([]string{}, l...)
	sort.Strings(out)
	return out
}

func TestStatuteCategory(t *testing.T) {
	for c, want := range map[string]bool{
		"Name and address": true, "email address": true, "the kind of product the customer purchased": true,
		"Payment history.": true, "browsing habits": false, "name": false,
	} {
		if got := StatuteCategory(c); got != want {
			t.Errorf("StatuteCategory(%q) = %v, want %v", c, got, want)
		}
	}
}

func TestSecretNeverInErrors(t *testing.T) {
	t.Setenv("MAILPROC_TEST_PW", "hunter2-very-secret")
	c := Default()
	c.Mailbox.PasswordEnv = "MAILPROC_TEST_PW"
	pw, err := c.MailboxPassword()
	if err != nil || pw != "hunter2-very-secret" {
		t.Fatalf("MailboxPassword() = %q, %v", pw, err)
	}
	c.Mailbox.PasswordEnv = ""
	c.Mailbox.PasswordFile = "/nonexistent/file"
	if _, err := c.MailboxPassword(); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("MailboxPassword() error = %v", err)
	}
}

// TestSMTPWithoutAuthNeedsNoPassword: `[smtp] username = ""` means no AUTH
// (a local relay); a password_env or password_file left from the example
// is then ignored with a warning, never demanded.
func TestSMTPWithoutAuthNeedsNoPassword(t *testing.T) {
	for name, keys := range map[string]string{
		"no password keys":     "",
		"password_env unset":   "password_env = \"MAILPROC_TEST_SMTP_PW_UNSET\"\n",
		"password_file absent": "password_file = \"/nonexistent/smtp-password\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			text := strings.Replace(minimal, "port = 25\n", "port = 25\nusername = \"\"\n"+keys, 1)
			l, err := Parse("relay.toml", []byte(text))
			if err != nil {
				t.Fatalf("Parse = %v, want no problem", err)
			}
			if pw, err := l.SMTPPassword(); err != nil || pw != "" {
				t.Errorf("SMTPPassword() = %q, %v; want \"\", nil", pw, err)
			}
			ignored := false
			for _, w := range l.Warnings {
				ignored = ignored || strings.Contains(w, "ignored")
			}
			if ignored != (keys != "") {
				t.Errorf("warnings = %q, want one that the password is ignored: %v", l.Warnings, keys != "")
			}
		})
	}
}
