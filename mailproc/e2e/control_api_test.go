package e2e

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// apiToken is the bearer token of the control API in these tests.
const apiToken = "9f8e7d6c5b4a39281706f5e4d3c2b1a0-test-token"

// apiSetup is a running daemon whose control API listens on loopback
// HTTP, with one case in review.
type apiSetup struct {
	*setup
	p      *daemonProcess
	dir    string // the folder of the config, the database and the socket
	api    string // host:port of the API over HTTP
	public string // host:port of /metrics and /healthz
	caseID string // a near miss, in review
}

// startAPI starts the daemon with the control API on HTTP (token
// "ops-bot") and the public endpoints on their own port, and waits for a
// near miss to land in review.
func startAPI(t *testing.T) *apiSetup {
	s := newSetup(t, "memory")
	a := &apiSetup{setup: s, dir: filepath.Dir(s.db), api: freeAddr(t), public: freeAddr(t)}
	tokenFile := filepath.Join(a.dir, "api-token")
	if err := os.WriteFile(tokenFile, []byte(apiToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	appendConfig(t, s.config, fmt.Sprintf("\n[control]\nhttp = %q\nmetrics = %q\n[[control.tokens]]\nname = \"ops-bot\"\nfile = %q\n",
		a.api, a.public, tokenFile))
	near := "From: Zed <zed@example.com>\r\nSubject: Shine the Light\r\nMessage-ID: <near-api@example.com>\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
	if err := s.imap.Append("INBOX", []byte(near), time.Now()); err != nil {
		t.Fatal(err)
	}
	a.p = s.start(t)
	a.caseID = s.waitCases(t, "near-api@example.com")["near-api@example.com"]
	waitListening(t, a.api)
	return a
}

// socket is a client on the daemon's unix socket, to see what the
// attacks changed.
func (a *apiSetup) socket(t *testing.T) *control.Client {
	t.Helper()
	c, err := control.Dial(filepath.Join(a.dir, "control.sock"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// expectUntouched checks that the case is still in review with only the
// daemon's history, and that no other case was made.
func (a *apiSetup) expectUntouched(t *testing.T) {
	t.Helper()
	c := a.socket(t)
	cs, err := c.Get(a.caseID)
	if err != nil {
		t.Fatal(err)
	}
	if cs.State != cases.Review {
		t.Errorf("case %s is %s, want still in review", cs.ID, cs.State)
	}
	for _, e := range cs.History {
		if e.Actor != cases.ActorDaemon {
			t.Errorf("history has %q by %q; an attack acted on the case", e.Action, e.Actor)
		}
	}
	if all, _ := c.List(control.Filter{}); len(all) != 1 {
		t.Errorf("%d cases, want 1: an attack made a case", len(all))
	}
}

// call makes one request to the API and returns its status and body.
func call(t *testing.T, method, url, host, token, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestControlAPIAttacks: over HTTP the API wants the bearer token, a Host
// naming its own address and JSON bodies; the actor is the token's name;
// /metrics and /healthz answer anyone on their own port.
func TestControlAPIAttacks(t *testing.T) {
	a := startAPI(t)
	base := "http://" + a.api
	dismiss := base + "/v1/cases/" + a.caseID + "/dismiss"
	_, port, _ := net.SplitHostPort(a.api)
	tests := []struct {
		name                     string
		method, url, host, token string
		contentType, body        string
		want                     int
	}{
		{"backup without a token", "GET", base + "/v1/backup", "", "", "", "", http.StatusUnauthorized},
		{"export without a token", "GET", base + "/v1/export?email=zed@example.com", "", "", "", "", http.StatusUnauthorized},
		{"list without a token", "GET", base + "/v1/cases", "", "", "", "", http.StatusUnauthorized},
		{"act as alice without a token", "POST", dismiss, "", "", "application/json", `{"actor":"alice","reason":"spam"}`, http.StatusUnauthorized},
		{"a wrong token", "GET", base + "/v1/backup", "", apiToken[:len(apiToken)-1] + "x", "", "", http.StatusUnauthorized},
		{"a rebound Host", "GET", base + "/v1/backup", "attacker.example:" + port, apiToken, "", "", http.StatusForbidden},
		{"text/plain", "POST", dismiss, "", apiToken, "text/plain", `{"reason":"spam"}`, http.StatusUnsupportedMediaType},
		{"no content type", "POST", dismiss, "", apiToken, "", `{"reason":"spam"}`, http.StatusUnsupportedMediaType},
		{"the token acting as alice", "POST", dismiss, "", apiToken, "application/json", `{"actor":"alice","reason":"spam"}`, http.StatusBadRequest},
		{"the API on the public port", "GET", "http://" + a.public + "/v1/backup", "", apiToken, "", "", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, tt.method, tt.url, tt.host, tt.token, tt.contentType, tt.body)
			t.Logf("%s %s: %d %.120q", tt.method, tt.url, status, strings.TrimSpace(body))
			if status != tt.want {
				t.Errorf("status %d, want %d", status, tt.want)
			}
			if strings.Contains(body, "zed@example.com") || len(body) > 1000 {
				t.Errorf("the refusal gave out data (%d bytes)", len(body))
			}
		})
	}
	a.expectUntouched(t)

	for _, path := range []string{"/metrics", "/healthz"} {
		if status, _ := call(t, "GET", "http://"+a.public+path, "", "", "", ""); status != http.StatusOK && status != http.StatusServiceUnavailable {
			t.Errorf("GET %s on the public port = %d, want it open", path, status)
		}
	}
	if status, body := call(t, "GET", base+"/v1/backup", "localhost:"+port, apiToken, "", ""); status != http.StatusOK || len(body) < 4096 {
		t.Errorf("backup with the token = %d, %d bytes; want the database", status, len(body))
	}
	status, body := call(t, "POST", dismiss, "", apiToken, "application/json; charset=utf-8", `{"reason":"spam"}`)
	if status != http.StatusOK {
		t.Fatalf("dismiss with the token = %d %s", status, body)
	}
	cs, _ := a.socket(t).Get(a.caseID)
	if last := cs.History[len(cs.History)-1]; last.Action != "dismissed" || last.Actor != "ops-bot" {
		t.Errorf("last event %+v, want dismissed by ops-bot (the token's name)", last)
	}
	a.p.stop(t)
}

// TestControlAPINobody: another local user (nobody) reaches neither the
// API over HTTP without the token, nor the socket, nor the token file.
// It needs root, to run commands as nobody (CI runs as root).
func TestControlAPINobody(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("runs commands as nobody: needs root")
	}
	for _, tool := range []string{"setpriv", "curl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s", tool)
		}
	}
	a := startAPI(t)
	// The folder is open to others, so that only the files' own modes
	// protect them.
	for _, dir := range []string{a.dir, filepath.Dir(a.dir)} {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	asNobody := func(args ...string) (string, error) {
		cmd := exec.Command("setpriv", append([]string{"--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"}, args...)...)
		out, err := cmd.CombinedOutput()
		return strings.TrimSpace(string(out)), err
	}
	for _, path := range []string{"/v1/backup", "/v1/export?email=zed@example.com", "/v1/cases"} {
		out, err := asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://"+a.api+path)
		t.Logf("nobody: curl %s: %s %v", path, out, err)
		if out != "401" {
			t.Errorf("nobody: GET %s = %s, want 401", path, out)
		}
	}
	out, err := asNobody("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Content-Type: application/json",
		"--data", `{"actor":"alice","reason":"spam"}`, "http://"+a.api+"/v1/cases/"+a.caseID+"/dismiss")
	t.Logf("nobody: curl dismiss: %s %v", out, err)
	if out != "401" {
		t.Errorf("nobody: dismiss = %s, want 401", out)
	}
	out, err = asNobody("curl", "-s", "--unix-socket", filepath.Join(a.dir, "control.sock"), "http://mailproc/v1/backup")
	t.Logf("nobody: curl --unix-socket: %v", err)
	if err == nil || len(out) > 0 {
		t.Errorf("nobody reached the control socket: %d bytes, %v", len(out), err)
	}
	out, err = asNobody("cat", filepath.Join(a.dir, "api-token"))
	t.Logf("nobody: cat api-token: %s", out)
	if err == nil || strings.Contains(out, apiToken) {
		t.Error("nobody read the token file")
	}
	a.expectUntouched(t)
	a.p.stop(t)
}

// TestControlAPIRefusesReadableToken: the daemon does not start, and
// `config check` fails, when others can read the token file, or when the
// API is on HTTP without a token.
func TestControlAPIRefusesReadableToken(t *testing.T) {
	s := newSetup(t, "memory")
	tokenFile := filepath.Join(filepath.Dir(s.db), "api-token")
	if err := os.WriteFile(tokenFile, []byte(apiToken), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(tokenFile, 0o644)
	base, _ := os.ReadFile(s.config)
	for name, control := range map[string]string{
		"readable token": fmt.Sprintf("\n[control]\nhttp = %q\n[[control.tokens]]\nname = \"ops-bot\"\nfile = %q\n", freeAddr(t), tokenFile),
		"no token":       fmt.Sprintf("\n[control]\nhttp = %q\n", freeAddr(t)),
	} {
		t.Run(name, func(t *testing.T) {
			os.WriteFile(s.config, append(append([]byte{}, base...), control...), 0o600)
			out, err := s.cli("config", "check")
			t.Logf("config check: %v\n%s", err, out)
			if err == nil || !strings.Contains(out, "[control") {
				t.Errorf("config check = %v, want a problem naming [control]", err)
			}
			if out, err := s.run(); err == nil || strings.Contains(out, apiToken) {
				t.Errorf("run = %v, want a refusal that does not show the token:\n%s", err, out)
			}
		})
	}
}
