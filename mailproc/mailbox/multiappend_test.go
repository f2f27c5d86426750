package mailbox

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestMultiAppendable(t *testing.T) {
	two := func(flags ...string) []AppendItem {
		return []AppendItem{{Raw: []byte("a\r\n"), Flags: flags}, {Raw: []byte("b\r\n")}}
	}
	base := func() *Client {
		return &Client{cfg: Config{Username: "support@example.test", Password: "secret"}, caps: capabilities{multiAppend: true}}
	}
	tests := []struct {
		name   string
		change func(c *Client)
		folder string
		items  []AppendItem
		want   bool
	}{
		{"plain", nil, "Sent", two(`\Seen`), true},
		{"folder with a space", nil, "Sent Items", two(`\Seen`, "$Label1"), true},
		{"server without it", func(c *Client) { c.caps.multiAppend = false }, "Sent", two(), false},
		{"turned off", func(c *Client) { c.multiAppendOff = true }, "Sent", two(), false},
		{"one message", nil, "Sent", two()[:1], false},
		{"oauth2", func(c *Client) { c.cfg.Auth = AuthXOAuth2 }, "Sent", two(), false},
		{"folder not ASCII", nil, "Envoyés", two(), false},
		{"folder with a quote", nil, `Sent "old"`, two(), false},
		{"password with a backslash", func(c *Client) { c.cfg.Password = `se\cret` }, "Sent", two(), false},
		{"password with a quote", func(c *Client) { c.cfg.Password = `se"cret` }, "Sent", two(), false},
		{"username not ASCII", func(c *Client) { c.cfg.Username = "sûpport" }, "Sent", two(), false},
		{"flag with a space", nil, "Sent", two(`\Seen x`), false},
		{"flag with a parenthesis", nil, "Sent", two(`\Seen)`), false},
		{"NUL in a message", nil, "Sent", []AppendItem{{Raw: []byte("a\x00\r\n")}, {Raw: []byte("b\r\n")}}, false},
	}
	for _, tt := range tests {
		c := base()
		if tt.change != nil {
			tt.change(c)
		}
		if got := c.multiAppendable(tt.folder, tt.items); got != tt.want {
			t.Errorf("%s: multiAppendable = %t, want %t", tt.name, got, tt.want)
		}
	}
}

func TestBatchEnd(t *testing.T) {
	item := func(n int) AppendItem { return AppendItem{Raw: bytes.Repeat([]byte("x"), n)} }
	many := make([]AppendItem, multiAppendMax+5)
	for i := range many {
		many[i] = item(10)
	}
	tests := []struct {
		name  string
		items []AppendItem
		want  int
	}{
		{"all fit", many[:7], 7},
		{"count bound", many, multiAppendMax},
		{"byte bound", []AppendItem{item(multiAppendMaxBytes - 10), item(10), item(1)}, 2},
		{"first alone too big", []AppendItem{item(multiAppendMaxBytes + 1), item(1)}, 1},
	}
	for _, tt := range tests {
		if got := batchEnd(tt.items); got != tt.want {
			t.Errorf("%s: batchEnd = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// fakeAppendServer accepts one connection on a loopback port, greets it,
// and answers each command the client sends (its line with the literals in
// it) with what answer returns for it, hanging up on an empty answer; it
// records every command.
type fakeAppendServer struct {
	cfg  Config
	sent chan string // every line the client sent, literals included
}

func startFakeAppendServer(t *testing.T, answer func(line string) string) *fakeAppendServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	f := &fakeAppendServer{sent: make(chan string, 100)}
	addr := ln.Addr().(*net.TCPAddr)
	f.cfg = Config{Host: "127.0.0.1", Port: addr.Port, Security: SecurityNone, Username: "support@example.test", Password: "s3cret-pw", Timeout: 5 * time.Second}
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		io.WriteString(conn, "* OK fake ready\r\n")
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				close(f.sent)
				return
			}
			line = strings.TrimRight(line, "\r\n")
			for strings.HasSuffix(line, "+}") { // LITERAL+: read it and the rest of the command
				n, _ := strconv.Atoi(line[strings.LastIndexByte(line, '{')+1 : len(line)-2])
				lit := make([]byte, n)
				io.ReadFull(r, lit)
				rest, _ := r.ReadString('\n')
				line += "\r\n" + string(lit) + strings.TrimRight(rest, "\r\n")
			}
			f.sent <- line
			out := answer(line)
			if out == "" {
				return // hang up
			}
			io.WriteString(conn, out)
		}
	}()
	return f
}

// tagOf is the tag a client's command line starts with.
func tagOf(line string) string { tag, _, _ := strings.Cut(line, " "); return tag }

func TestAppendSessionWire(t *testing.T) {
	f := startFakeAppendServer(t, func(line string) string {
		tag := tagOf(line)
		switch {
		case strings.Contains(line, " APPEND "):
			// an untagged response holding a literal, before the answer
			return "* 3 FETCH (BODY[] {5}\r\nhello)\r\n" + tag + " OK [APPENDUID 1 1:2] done\r\n"
		default:
			return tag + " OK\r\n"
		}
	})
	s, err := dialAppendSession(context.Background(), f.cfg)
	if err != nil {
		t.Fatalf("dialAppendSession: %v", err)
	}
	date := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	items := []AppendItem{{Raw: []byte("one\r\n"), Flags: []string{`\Seen`}, Date: date}, {Raw: []byte("two\r\n")}}
	if err := s.appendAll("Sent Items", items); err != nil {
		t.Fatalf("appendAll: %v", err)
	}
	s.close()
	var got []string
	for l := range f.sent {
		got = append(got, l)
	}
	want := []string{
		`M1 LOGIN "support@example.test" "s3cret-pw"`,
		"M2 APPEND \"Sent Items\" (\\Seen) \"02-Mar-2026 09:00:00 +0000\" {5+}\r\none\r\n () {5+}\r\ntwo\r\n",
		"M3 LOGOUT",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the client sent\n%q\nwant\n%q", got, want)
	}
}

func TestAppendSessionRefusals(t *testing.T) {
	t.Run("login refused", func(t *testing.T) {
		f := startFakeAppendServer(t, func(line string) string { return tagOf(line) + " NO [AUTHENTICATIONFAILED] bad\r\n" })
		_, err := dialAppendSession(context.Background(), f.cfg)
		if !errors.Is(err, errNoMultiAppend) || strings.Contains(err.Error(), f.cfg.Password) {
			t.Errorf("dialAppendSession with the login refused = %v; want errNoMultiAppend, without the password", err)
		}
	})
	t.Run("append refused", func(t *testing.T) {
		err := appendAnswered(t, " NO [TRYCREATE] no such folder\r\n")
		if !errors.Is(err, errNoMultiAppend) {
			t.Errorf("appendAll refused = %v, want errNoMultiAppend (nothing stored: append one by one)", err)
		}
	})
	t.Run("hung up before the answer", func(t *testing.T) {
		err := appendAnswered(t, "") // the messages' fate is not known
		if err == nil || errors.Is(err, errNoMultiAppend) {
			t.Errorf("appendAll with the connection gone = %v; want an error that is not errNoMultiAppend (fate unknown)", err)
		}
	})
}

// appendAnswered appends two messages on a session with a fake server that
// answers the APPEND with its tag and answer (hangs up on ""), and every
// other command with OK; it returns appendAll's error.
func appendAnswered(t *testing.T, answer string) error {
	t.Helper()
	f := startFakeAppendServer(t, func(line string) string {
		switch {
		case !strings.Contains(line, " APPEND "):
			return tagOf(line) + " OK\r\n"
		case answer == "":
			return ""
		}
		return tagOf(line) + answer
	})
	s, err := dialAppendSession(context.Background(), f.cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	return s.appendAll("Sent", []AppendItem{{Raw: []byte("a\r\n")}, {Raw: []byte("b\r\n")}})
}
