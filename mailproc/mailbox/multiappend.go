package mailbox

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// The Client appends several messages with one APPEND command (MULTIAPPEND,
// RFC 3502) and non-synchronising literals (LITERAL+, RFC 7888) where the
// server has both, as Dovecot does: the server then stores them in
// one transaction, where go-imap's APPEND per message waits for a
// continuation request and a commit each. go-imap v2 has no MULTIAPPEND, so
// the command goes over a connection of its own (appendSession), opened for
// each AppendMany and logged in with the Client's username and password.
// Whatever that connection cannot do (OAuth2 sign-in, a folder name that is
// not plain ASCII, a message holding a NUL byte, a server that refuses the
// login or the command) leaves the messages to go-imap's pipelined APPENDs.

// multiAppendMax bounds one MULTIAPPEND: how many messages, and how many
// bytes of them.
const (
	multiAppendMax      = 250
	multiAppendMaxBytes = 16 << 20
)

// errNoMultiAppend means the server refused a MULTIAPPEND (or the login
// for it), or its connection could not be had: the messages it held were
// not stored.
var errNoMultiAppend = errors.New("multiappend not usable")

// multiAppendable reports whether items can go in MULTIAPPENDs to the
// server folder name on this Client: several messages, a folder name, a
// username and a password that are plain ASCII, flags that are atoms, no
// NUL byte in a message.
func (c *Client) multiAppendable(server string, items []AppendItem) bool {
	if !c.caps.multiAppend || c.multiAppendOff || len(items) < 2 || c.cfg.Auth != "" && c.cfg.Auth != AuthPassword {
		return false
	}
	if !plainQuotable(server) || !plainQuotable(c.cfg.Username) || !plainQuotable(c.cfg.Password) {
		return false
	}
	for _, it := range items {
		if bytes.IndexByte(it.Raw, 0) >= 0 {
			return false
		}
		for _, f := range it.Flags {
			if !flagAtom(f) {
				return false
			}
		}
	}
	return true
}

// plainQuotable reports whether s is printable ASCII that needs no escaping
// in a quoted string (no '"' or '\').
func plainQuotable(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// flagAtom reports whether f is a flag made of letters, digits, '$', '_'
// and '-', with a backslash before it or not.
func flagAtom(f string) bool {
	f = strings.TrimPrefix(f, `\`)
	if f == "" {
		return false
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '$' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// multiAppend stores items in the server folder with as few MULTIAPPENDs as
// the bounds allow, on a connection of its own, and returns how many it
// stored. An error wrapping errNoMultiAppend means the server refused a
// command, or the connection could not be had: the items from the
// returned count on are not stored, and the caller appends them one by
// one, which tells the refused ones apart. Any other error means the fate
// of the items from the count on is not known.
func (c *Client) multiAppend(ctx context.Context, server string, items []AppendItem) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	s, err := dialAppendSession(ctx, c.cfg)
	if err != nil {
		c.multiAppendOff = true
		c.log.Warn("no second connection for MULTIAPPEND; appending one message at a time", "err", err)
		return 0, fmt.Errorf("%w: %w", errNoMultiAppend, err)
	}
	defer s.close()
	stored := 0
	for stored < len(items) {
		n := batchEnd(items[stored:])
		if err := s.appendAll(server, items[stored:stored+n]); err != nil {
			return stored, orContextError(ctx, err)
		}
		stored += n
		c.multiAppended += n
	}
	return stored, nil
}

// batchEnd is how many of items go in one MULTIAPPEND: at least one, at
// most multiAppendMax, and no more than multiAppendMaxBytes of them unless
// the first alone is more.
func batchEnd(items []AppendItem) int {
	n, size := 0, 0
	for n < len(items) && n < multiAppendMax && (n == 0 || size+len(items[n].Raw) <= multiAppendMaxBytes) {
		size += len(items[n].Raw)
		n++
	}
	return n
}

// appendSession is a minimal IMAP session for MULTIAPPEND: greeting, STARTTLS,
// LOGIN, APPEND and LOGOUT, nothing else.
type appendSession struct {
	conn net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	tag  int
	stop func() bool
}

// dialAppendSession connects as cfg says and logs in with cfg's username and
// password. The password is in no error it returns.
func dialAppendSession(ctx context.Context, cfg Config) (*appendSession, error) {
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", cfg.address())
	if err != nil {
		return nil, err
	}
	s := &appendSession{conn: conn, stop: context.AfterFunc(ctx, func() { conn.Close() })}
	if err := s.start(ctx, cfg); err != nil {
		s.stop()
		conn.Close()
		return nil, orContextError(ctx, err)
	}
	return s, nil
}

// start does the TLS cfg asks for, reads the greeting and logs in.
func (s *appendSession) start(ctx context.Context, cfg Config) error {
	if cfg.Security == SecurityTLS {
		if err := s.handshake(ctx, cfg); err != nil {
			return err
		}
	}
	s.setConn(s.conn)
	line, err := s.readLine()
	if err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	if !strings.HasPrefix(strings.ToUpper(line), "* OK") {
		return fmt.Errorf("greeting: %q", firstChars(line, 80))
	}
	if cfg.Security == SecurityStartTLS {
		if err := s.command("STARTTLS"); err != nil {
			return fmt.Errorf("starttls: %w", err)
		}
		if err := s.handshake(ctx, cfg); err != nil {
			return err
		}
		s.setConn(s.conn)
	}
	// The Client checked that both are plain quotable ASCII.
	if err := s.command(`LOGIN "` + cfg.Username + `" "` + cfg.Password + `"`); err != nil {
		return fmt.Errorf("log in as %q: %w", cfg.Username, err)
	}
	return nil
}

// handshake wraps the connection in TLS for cfg.Host.
func (s *appendSession) handshake(ctx context.Context, cfg Config) error {
	tc, err := tlsConfig(cfg)
	if err != nil {
		return err
	}
	tlsConn, err := handshakeTLS(ctx, s.conn, tc)
	if err != nil {
		return err
	}
	s.conn = tlsConn
	return nil
}

// setConn reads and writes through conn from now on.
func (s *appendSession) setConn(conn net.Conn) {
	s.r = bufio.NewReader(conn)
	s.w = bufio.NewWriterSize(conn, 64<<10)
}

// appendAll stores items in folder with one APPEND.
func (s *appendSession) appendAll(folder string, items []AppendItem) error {
	tag := s.nextTag()
	fmt.Fprintf(s.w, "%s APPEND \"%s\"", tag, folder)
	for _, it := range items {
		s.w.WriteString(" (" + strings.Join(it.Flags, " ") + ")")
		if !it.Date.IsZero() {
			s.w.WriteString(` "` + it.Date.Format("02-Jan-2006 15:04:05 -0700") + `"`)
		}
		fmt.Fprintf(s.w, " {%d+}\r\n", len(it.Raw))
		s.w.Write(it.Raw)
	}
	s.w.WriteString("\r\n")
	return s.answer(tag)
}

// command sends a command whose arguments are quoted already and reads
// its answer.
func (s *appendSession) command(cmd string) error {
	tag := s.nextTag()
	s.w.WriteString(tag + " " + cmd + "\r\n")
	return s.answer(tag)
}

// answer flushes what was written and reads the responses until the one
// tagged tag: nil for OK, the server's words wrapping errNoMultiAppend for
// NO or BAD, else the connection's error. Untagged responses are skipped,
// literals in them too.
func (s *appendSession) answer(tag string) error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	for {
		line, err := s.readLine()
		if err != nil {
			return err
		}
		rest, ok := strings.CutPrefix(line, tag+" ")
		if !ok {
			if err := s.skipLiteral(line); err != nil {
				return err
			}
			continue
		}
		if strings.HasPrefix(strings.ToUpper(rest), "OK") {
			return nil
		}
		return fmt.Errorf("%w: server refused: %s", errNoMultiAppend, firstChars(rest, 200))
	}
}

// skipLiteral reads past the literal a response line ends with, if any,
// and the rest of its response.
func (s *appendSession) skipLiteral(line string) error {
	for {
		open := strings.LastIndexByte(line, '{')
		if open < 0 || !strings.HasSuffix(line, "}") {
			return nil
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(line[open+1:len(line)-1], "+"), 10, 64)
		if err != nil || n < 0 {
			return nil
		}
		if _, err := s.r.Discard(int(n)); err != nil {
			return err
		}
		if line, err = s.readLine(); err != nil {
			return err
		}
	}
}

// readLine reads one line without its CRLF.
func (s *appendSession) readLine() (string, error) {
	line, err := s.r.ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func (s *appendSession) nextTag() string {
	s.tag++
	return "M" + strconv.Itoa(s.tag)
}

// close says LOGOUT, briefly, and closes the connection.
func (s *appendSession) close() {
	s.stop()
	s.conn.SetDeadline(time.Now().Add(logoutGrace))
	_ = s.command("LOGOUT")
	s.conn.Close()
}

// firstChars cuts s after n bytes.
func firstChars(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
