package config

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"os"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// MinTokenLen is the least length of a control API token: 32 characters,
// such as `head -c 24 /dev/urandom | base64` prints.
const MinTokenLen = 32

// checkControl checks the control API's addresses and tokens. The API
// over HTTP gives out every requester's data and acts on cases, so it
// wants a token, and each token's file must be the daemon's secret.
func checkControl(add adder, ctl Control, webListen string) {
	if ctl.HTTP != "" {
		if host, _, err := net.SplitHostPort(ctl.HTTP); err != nil {
			add("[control] http", "%q: not host:port", ctl.HTTP)
		} else if !loopback(host) {
			add("[control] http", "%q: the JSON API listens on loopback only", ctl.HTTP)
		}
		if len(ctl.Tokens) == 0 {
			add("[control] http", "the API over HTTP gives out every requester's data: give it a [[control.tokens]] "+
				"(a name and a 0600 file), or, for Prometheus alone, use [control] metrics instead")
		}
	}
	if ctl.Metrics != "" {
		if _, _, err := net.SplitHostPort(ctl.Metrics); err != nil {
			add("[control] metrics", "%q: not host:port", ctl.Metrics)
		} else if ctl.Metrics == ctl.HTTP || ctl.Metrics == webListen {
			add("[control] metrics", "%q: needs an address of its own", ctl.Metrics)
		}
	}
	checkTokens(add, ctl.Tokens)
}

// checkTokens checks each token: a name that is not the daemon's, given
// once, and a secret file no one else can read, unlike any other token.
func checkTokens(add adder, tokens []APIToken) {
	names := map[string]bool{}
	var secrets []string
	for i, t := range tokens {
		key := fmt.Sprintf("[[control.tokens]] #%d", i+1)
		switch name := strings.TrimSpace(t.Name); {
		case name == "":
			add(key+" name", "required: the history records it as who acts")
		case name == cases.ActorDaemon:
			add(key+" name", "%q: the daemon's own name in the history", t.Name)
		case names[name]:
			add(key+" name", "%q: given twice", t.Name)
		}
		names[strings.TrimSpace(t.Name)] = true
		secret, err := ReadToken(t.File)
		if err != nil {
			add(key+" file", "%v", err)
			continue
		}
		for _, s := range secrets {
			if subtle.ConstantTimeCompare([]byte(s), []byte(secret)) == 1 {
				add(key+" file", "the same token as another: callers could not be told apart")
			}
		}
		secrets = append(secrets, secret)
	}
}

// ReadToken reads a control API token from its file, refusing a file
// that others can read (group or world), a file that is not a regular
// one, and a token shorter than MinTokenLen. The mode is checked on the
// file it reads. Errors name the file, never the token.
func ReadToken(path string) (string, error) {
	if path == "" {
		return "", fmt.Errorf("required: a file holding the token (mode 0600)")
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("%q: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("%q: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%q: not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return "", fmt.Errorf("%q is mode %04o: others can read the token (chmod 600)", path, perm)
	}
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return "", fmt.Errorf("%q: %w", path, err)
	}
	token := strings.TrimSpace(string(b))
	if len(token) < MinTokenLen || strings.ContainsAny(token, " \t\r\n") {
		return "", fmt.Errorf("%q: the token must be one word of at least %d characters", path, MinTokenLen)
	}
	return token, nil
}
