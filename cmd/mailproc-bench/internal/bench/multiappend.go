package bench

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// multiAppendBatch is how many messages one MULTIAPPEND carries.
const multiAppendBatch = 250

// errNoMultiAppend means the server lacks MULTIAPPEND or LITERAL+.
var errNoMultiAppend = errors.New("server lacks MULTIAPPEND or LITERAL+")

// multiAppender appends many messages with one APPEND command (MULTIAPPEND,
// RFC 3502) and non-synchronising literals (LITERAL+, RFC 7888), so that
// Dovecot saves a batch in one transaction, with one fsync, where go-imap
// would wait for a continuation and a commit per message. It speaks just
// enough IMAP for that: LOGIN, CAPABILITY, APPEND, LOGOUT.
type multiAppender struct {
	conn    net.Conn
	r       *bufio.Reader
	w       *bufio.Writer
	tag     int
	inBatch int
}

// dialMultiAppender logs in; errNoMultiAppend when the server cannot.
func dialMultiAppender(ctx context.Context, acct mailbox.Config) (*multiAppender, error) {
	if acct.Security == mailbox.SecurityStartTLS {
		return nil, errNoMultiAppend // not worth STARTTLS here: go-imap does it
	}
	addr := net.JoinHostPort(acct.Host, strconv.Itoa(acct.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	if acct.Security == mailbox.SecurityTLS {
		tc, err := tlsConfig(acct.Host, acct.CAFile)
		if err != nil {
			conn.Close()
			return nil, err
		}
		conn = tls.Client(conn, tc)
	}
	context.AfterFunc(ctx, func() { conn.Close() })
	a := &multiAppender{conn: conn, r: bufio.NewReader(conn), w: bufio.NewWriterSize(conn, 256<<10)}
	if err := a.logIn(acct); err != nil {
		conn.Close()
		return nil, err
	}
	return a, nil
}

// logIn reads the greeting, logs in and checks the capabilities.
func (a *multiAppender) logIn(acct mailbox.Config) error {
	if _, err := a.r.ReadString('\n'); err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	if _, err := a.command("LOGIN " + quote(acct.Username) + " " + quote(acct.Password)); err != nil {
		return fmt.Errorf("log in as %s: %w", acct.Username, err)
	}
	lines, err := a.command("CAPABILITY")
	if err != nil {
		return fmt.Errorf("capability: %w", err)
	}
	caps := strings.ToUpper(strings.Join(lines, " "))
	if !strings.Contains(caps, " MULTIAPPEND") || !strings.Contains(caps, " LITERAL+") {
		return errNoMultiAppend
	}
	return nil
}

// command sends one command without literals and returns the untagged
// lines of its answer.
func (a *multiAppender) command(cmd string) ([]string, error) {
	tag := a.nextTag()
	a.w.WriteString(tag + " " + cmd + "\r\n")
	if err := a.w.Flush(); err != nil {
		return nil, err
	}
	return a.answer(tag)
}

// answer reads lines until the tagged one, and fails unless it is OK.
func (a *multiAppender) answer(tag string) ([]string, error) {
	var untagged []string
	for {
		line, err := a.r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if !strings.HasPrefix(line, tag+" ") {
			untagged = append(untagged, line)
			continue
		}
		if rest := line[len(tag)+1:]; !strings.HasPrefix(strings.ToUpper(rest), "OK") {
			return nil, errors.New(rest) // the server's words: no secret in them
		}
		return untagged, nil
	}
}

func (a *multiAppender) nextTag() string {
	a.tag++
	return "m" + strconv.Itoa(a.tag)
}

// add appends m to the batch, sending the batch when it is full.
func (a *multiAppender) add(m Message) error {
	if a.inBatch == 0 {
		a.w.WriteString(a.nextTag() + " APPEND INBOX")
	}
	fmt.Fprintf(a.w, " %s {%d+}\r\n", quote(m.Date.Format("02-Jan-2006 15:04:05 -0700")), len(m.Raw))
	if _, err := a.w.Write(m.Raw); err != nil {
		return err
	}
	if a.inBatch++; a.inBatch == multiAppendBatch {
		return a.flush()
	}
	return nil
}

// flush ends the open batch and waits for its answer.
func (a *multiAppender) flush() error {
	if a.inBatch == 0 {
		return nil
	}
	a.inBatch = 0
	a.w.WriteString("\r\n")
	if err := a.w.Flush(); err != nil {
		return err
	}
	if _, err := a.answer("m" + strconv.Itoa(a.tag)); err != nil {
		return fmt.Errorf("append: %w", err)
	}
	return nil
}

// close logs out.
func (a *multiAppender) close() {
	_, _ = a.command("LOGOUT")
	a.conn.Close()
}

// quote is an IMAP quoted string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
