package e2e

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServiceOperations runs the daemon as systemd would: the start-up
// line names the build, READY and WATCHDOG arrive on NOTIFY_SOCKET,
// /metrics (with mailproc_build_info) and /healthz answer on the public
// address ([control] metrics), SIGHUP reloads the disclosure data
// without a restart, and SIGTERM sends STOPPING before a clean exit.
func TestServiceOperations(t *testing.T) {
	s := newSetup(t, "memory")
	notifyPath := filepath.Join(t.TempDir(), "notify.sock")
	notify, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: notifyPath, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer notify.Close()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	api := ln.Addr().String()
	ln.Close()
	appendConfig(t, s.config, fmt.Sprintf("\n[control]\nmetrics = %q\n", api))

	p := s.start(t, "NOTIFY_SOCKET="+notifyPath, "WATCHDOG_USEC=400000")
	p.waitLog(t, "msg=starting version=")
	if os.Getenv("GOMAXPROCS")+os.Getenv("GOMEMLIMIT")+os.Getenv("GOGC") == "" {
		// README "Operating it": one thread, a soft memory limit of 22 MiB.
		for _, want := range []string{" procs=1 ", " memory_limit=23068672 "} {
			if !strings.Contains(p.out.String(), want) {
				t.Errorf("the start line lacks %q:\n%s", want, p.out.String())
			}
		}
	}
	expectNotify(t, notify, "READY=1")
	expectNotifyEventually(t, notify, "WATCHDOG=1")

	s.deliver("ops-1@example.com")
	s.waitReplies(t, 1, p)
	for _, want := range []string{"mailproc_messages_seen_total 1", `mailproc_replies_total{outcome="sent",template="california-disclosure"} 1`, "mailproc_last_poll_timestamp_seconds", "mailproc_build_info{"} {
		waitFor(t, func() bool { return strings.Contains(get(t, "http://"+api+"/metrics"), want) }, "/metrics to show "+want)
	}
	if h := get(t, "http://"+api+"/healthz"); h != "ok\n" {
		t.Errorf("/healthz = %q", h)
	}

	// SIGHUP: the 2025 table now names another business.
	data, _ := os.ReadFile(s.config)
	os.WriteFile(s.config, []byte(strings.Replace(string(data), "Acme Catalogs", "Zenith Mailers", 1)), 0o600)
	p.cmd.Process.Signal(syscall.SIGHUP)
	p.waitLog(t, "reloaded templates and disclosure data")
	raw := "From: Bo Li <bo@example.com>\r\nSubject: Request for California Privacy Information\r\nMessage-ID: <ops-2@example.com>\r\nContent-Type: text/plain\r\n\r\n" +
		strings.ReplaceAll(request, "Ada Byron", "Bo Li")
	s.imap.Append("INBOX", []byte(raw), time.Now())
	s.waitReplies(t, 2, p)
	if last := string(s.smtp.Messages()[1].Raw); !strings.Contains(last, "Zenith Mailers") {
		t.Error("after SIGHUP the disclosure does not name the reloaded business")
	}
	p.stop(t)
	expectNotifyEventually(t, notify, "STOPPING=1")
}

func appendConfig(t *testing.T, path, text string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString(text)
}

func expectNotify(t *testing.T, c *net.UnixConn, want string) {
	t.Helper()
	buf := make([]byte, 256)
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := c.Read(buf)
	if err != nil || !strings.Contains(string(buf[:n]), want) {
		t.Fatalf("notify = %q, %v; want %q", buf[:n], err, want)
	}
}

// expectNotifyEventually skips other datagrams (watchdog pets) until want.
func expectNotifyEventually(t *testing.T, c *net.UnixConn, want string) {
	t.Helper()
	buf := make([]byte, 256)
	deadline := time.Now().Add(10 * time.Second)
	for {
		c.SetReadDeadline(deadline)
		n, err := c.Read(buf)
		if err != nil {
			t.Fatalf("never got %q: %v", want, err)
		}
		if strings.Contains(string(buf[:n]), want) {
			return
		}
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// waitFor polls cond until it holds or 10 s pass.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	waitUntil(t, 10*time.Second, cond, what)
}
