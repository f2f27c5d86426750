package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestControlProblems: the API over HTTP without a token, a token file
// others can read, a short token, a token shared by two names and the
// daemon's own name are errors of `config check`, each naming its key.
func TestControlProblems(t *testing.T) {
	dir := t.TempDir()
	token := strings.Repeat("k", MinTokenLen)
	files := map[string]struct {
		text string
		mode os.FileMode
	}{
		"good": {token + "\n", 0o600}, "other": {strings.Repeat("o", MinTokenLen), 0o600},
		"world": {token, 0o644}, "group": {token, 0o640}, "short": {"abc", 0o600},
	}
	for name, f := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(f.text), f.mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, f.mode) // whatever the umask
	}
	tok := func(name, file string) string {
		return "[[control.tokens]]\nname = \"" + name + "\"\nfile = \"" + filepath.Join(dir, file) + "\"\n"
	}
	tests := []struct {
		name, control string
		want          string // "" = no problem
	}{
		{"http with a token", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("ops", "good"), ""},
		{"metrics alone", "[control]\nmetrics = \"0.0.0.0:9026\"\n", ""},
		{"http without a token", "[control]\nhttp = \"127.0.0.1:8026\"\n", "[control] http: the API over HTTP gives out every requester's data"},
		{"http not on loopback", "[control]\nhttp = \"0.0.0.0:8026\"\n" + tok("ops", "good"), `[control] http: "0.0.0.0:8026": the JSON API listens on loopback only`},
		{"world-readable token", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("ops", "world"), "is mode 0644: others can read the token (chmod 600)"},
		{"group-readable token", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("ops", "group"), "is mode 0640: others can read the token"},
		{"short token", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("ops", "short"), "the token must be one word of at least 32 characters"},
		{"missing token file", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("ops", "none"), "[[control.tokens]] #1 file:"},
		{"token named daemon", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("daemon", "good"), `[[control.tokens]] #1 name: "daemon": the daemon's own name`},
		{"one token, two names", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("a", "good") + tok("b", "good"), "[[control.tokens]] #2 file: the same token as another"},
		{"one name, two tokens", "[control]\nhttp = \"127.0.0.1:8026\"\n" + tok("a", "good") + tok("a", "other"), `[[control.tokens]] #2 name: "a": given twice`},
		{"metrics on the API's address", "[control]\nhttp = \"127.0.0.1:8026\"\nmetrics = \"127.0.0.1:8026\"\n" + tok("a", "good"), "[control] metrics: \"127.0.0.1:8026\": needs an address of its own"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("c.toml", []byte(minimal+tt.control))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("problems:\n%v\nwant none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("problems:\n%v\nwant one saying %q", err, tt.want)
			case err != nil && strings.Contains(err.Error(), token):
				t.Errorf("a problem shows the token:\n%v", err)
			}
		})
	}
}

// TestReadToken: the token without its newline; a file others can read is
// refused even when the config was checked before it changed.
func TestReadToken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	token := strings.Repeat("t", MinTokenLen)
	os.WriteFile(path, []byte(token+"\n"), 0o600)
	if got, err := ReadToken(path); err != nil || got != token {
		t.Errorf("ReadToken = %q, %v; want the token", got, err)
	}
	os.Chmod(path, 0o604)
	if _, err := ReadToken(path); err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("ReadToken(mode 0604) = %v, want a refusal that does not show the token", err)
	}
}
