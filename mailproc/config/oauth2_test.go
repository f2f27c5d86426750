package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oauthConfig is minimal with both sides on [oauth2] and the given table.
func oauthConfig(table string) string {
	text := strings.Replace(minimal, "password_env = \"HOME\"", "auth = \"oauth2\"", 1)
	text = strings.Replace(text, "port = 25", "port = 25\nusername = \"u@cooper.example\"\nauth = \"oauth2\"", 1)
	return text + "\n[oauth2]\n" + table
}

func TestOAuth2Problems(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret")
	os.WriteFile(secret, []byte("SECRET-abc\n"), 0o644)
	tests := []struct {
		name, table string
		want        []string // problems, in any order
	}{
		{"microsoft without tenant", "provider = \"microsoft\"\nclient_id = \"c\"\nclient_secret_file = \"" + secret + "\"\n",
			[]string{`[oauth2] tenant: required for provider "microsoft" (the directory (tenant) ID of the app registration)`}},
		{"google without key", "provider = \"google\"\n",
			[]string{`[oauth2] service_account_file: required for provider "google" without refresh_token_file (the service account's JSON key)`}},
		{"secret file missing", "provider = \"generic\"\ntoken_url = \"https://as.example/token\"\nclient_id = \"c\"\nclient_secret_file = \"/nonexistent/secret\"\n",
			[]string{`[oauth2] client_secret_file: "/nonexistent/secret": cannot be read`}},
		{"no provider", "", []string{`[oauth2] provider: required: "microsoft", "google" or "generic"`}},
		{"unknown key", "provider = \"microsoft\"\ntenant = \"t\"\nclient_id = \"c\"\nclient_secret_file = \"" + secret + "\"\nsecret = \"x\"\n",
			[]string{"[oauth2] secret: unknown key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("o.toml", []byte(oauthConfig(tt.table)))
			if err == nil {
				t.Fatalf("Parse() = nil error, want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Parse() problems:\n%v\nwant one saying %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("Parse() problems show the secret: %v", err)
			}
		})
	}
}

func TestOAuth2Warnings(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret")
	os.WriteFile(secret, []byte("SECRET-abc\n"), 0o644)
	table := "provider = \"microsoft\"\ntenant = \"t\"\nclient_id = \"c\"\nclient_secret_file = \"" + secret + "\"\n"
	l, err := Parse("o.toml", []byte(oauthConfig(table)))
	if err != nil {
		t.Fatal(err)
	}
	want := "[oauth2] client_secret_file: " + secret + " is mode 0644: others can read the secret (chmod 600)"
	if strings.Join(l.Warnings, "\n") != want {
		t.Errorf("warnings = %q, want %q", l.Warnings, want)
	}
	if folder, find := l.SentCopy(); folder != "" || !find {
		t.Errorf("microsoft SentCopy() = %q, %v, want the \\Sent folder found", folder, find)
	}
}

func TestGoogleAppendsNoCopy(t *testing.T) {
	key := filepath.Join(t.TempDir(), "sa.json")
	os.WriteFile(key, []byte("{}"), 0o600)
	l, err := Parse("o.toml", []byte(oauthConfig("provider = \"google\"\nservice_account_file = \""+key+"\"\n")))
	if err != nil {
		t.Fatal(err)
	}
	if folder, find := l.SentCopy(); folder != "" || find {
		t.Errorf("google SentCopy() = %q, %v, want no copy (Gmail files its own)", folder, find)
	}
}
