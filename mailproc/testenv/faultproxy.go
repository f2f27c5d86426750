package testenv

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"regexp"
	"strconv"
	"sync"
	"testing"
)

// FaultProxy is a TCP proxy in front of an IMAP server that breaks the
// connection at a chosen moment: right after the server answered OK to a
// chosen command, before the client sees that answer. The server has then
// done the command and the client cannot know it. It can also hide MOVE
// (and IMAP4rev2, which implies it) from the server's capabilities, so the
// client falls back to COPY + STORE \Deleted + EXPUNGE.
type FaultProxy struct {
	Addr string
	Host string
	Port int

	target   string
	hideMove bool
	ln       net.Listener

	mu      sync.Mutex
	pattern *regexp.Regexp // commands (without their tag) whose OK may drop
	nth     int            // drop at the nth OK of such a command
	seen    int
	drops   int
}

// StartFaultProxy starts a proxy to target (host:port) on a loopback port;
// it stops with the test.
func StartFaultProxy(t testing.TB, target string, hideMove bool) *FaultProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	p := &FaultProxy{Addr: addr.String(), Host: "127.0.0.1", Port: addr.Port, target: target, hideMove: hideMove, ln: ln}
	go p.serve()
	t.Cleanup(func() { ln.Close() })
	return p
}

// DropAfter arms the proxy: the nth server OK (counted from now) to a
// command matching pattern (a regular expression on the command line
// without its tag, such as `^UID COPY` or `^UID STORE .*\\Deleted`) is not
// passed on; both connections are closed instead. It fires once.
func (p *FaultProxy) DropAfter(pattern string, nth int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pattern, p.nth, p.seen = regexp.MustCompile(`(?i)`+pattern), nth, 0
}

// Drops is how many connections the proxy broke.
func (p *FaultProxy) Drops() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.drops
}

func (p *FaultProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.relay(c)
	}
}

// relay carries one connection, watching the commands and the answers.
func (p *FaultProxy) relay(client net.Conn) {
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	closeBoth := func() { client.Close(); server.Close() }
	var mu sync.Mutex
	watched := map[string]bool{} // tags of commands whose OK may drop
	go func() {
		defer closeBoth()
		pump(client, server, func(line []byte) ([]byte, bool) {
			tag, cmd, ok := bytes.Cut(bytes.TrimRight(line, "\r\n"), []byte(" "))
			if ok && p.matches(cmd) {
				mu.Lock()
				watched[string(tag)] = true
				mu.Unlock()
			}
			return line, true
		})
	}()
	defer closeBoth()
	pump(server, client, func(line []byte) ([]byte, bool) {
		tag, rest, _ := bytes.Cut(line, []byte(" "))
		mu.Lock()
		w := watched[string(tag)]
		delete(watched, string(tag))
		mu.Unlock()
		if w && bytes.HasPrefix(bytes.ToUpper(rest), []byte("OK")) && p.fire() {
			return nil, false
		}
		if p.hideMove && bytes.Contains(bytes.ToUpper(line), []byte("CAPABILITY")) {
			line = withoutMove(line)
		}
		return line, true
	})
}

func (p *FaultProxy) matches(cmd []byte) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pattern != nil && p.pattern.Match(cmd)
}

// fire counts one OK of a watched command and reports whether this one
// drops the connection.
func (p *FaultProxy) fire() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pattern == nil {
		return false
	}
	p.seen++
	if p.seen < p.nth {
		return false
	}
	p.pattern = nil
	p.drops++
	return true
}

var moveCaps = regexp.MustCompile(`(?i) (MOVE|IMAP4rev2)\b`)

// withoutMove removes MOVE and IMAP4rev2 from a capability list, keeping
// IMAP4rev1.
func withoutMove(line []byte) []byte {
	out := moveCaps.ReplaceAll(line, nil)
	if !bytes.Contains(bytes.ToUpper(out), []byte("IMAP4REV1")) {
		out = bytes.Replace(out, []byte("CAPABILITY"), []byte("CAPABILITY IMAP4rev1"), 1)
	}
	return out
}

var literal = regexp.MustCompile(`\{(\d+)\+?\}\r?\n$`)

// pump copies src to dst line by line, passing each line that starts a
// command or a response through fn (which may change it, or stop the
// copy); literals and the lines that continue after them go as they are.
func pump(src io.Reader, dst io.Writer, fn func(line []byte) ([]byte, bool)) {
	r := bufio.NewReader(src)
	cont := false
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			if !cont {
				var ok bool
				if line, ok = fn(line); !ok {
					return
				}
			}
			if _, werr := dst.Write(line); werr != nil {
				return
			}
			cont = false
			if m := literal.FindSubmatch(line); m != nil {
				n, _ := strconv.ParseInt(string(m[1]), 10, 64)
				if _, err := io.CopyN(dst, r, n); err != nil {
					return
				}
				cont = true
			}
		}
		if err != nil {
			return
		}
	}
}
