package mailbox

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// dovecotEnv names the environment variable that makes every test in this
// package run against a real IMAP server (meant for Dovecot) as well as
// against the in-memory one:
//
//	MAILPROC_TEST_DOVECOT="host:port,security,user,password,cafile"
//
// security is tls, starttls or none; cafile (a PEM file) may be empty. The
// password may hold commas: the cafile is whatever follows the last comma.
// Each test works only in folders under a top folder of its own,
// "mailproc-test-<nanoseconds>", which it deletes when done; the inbox is
// not touched. The server must have no namespace prefix. Without the
// variable the Dovecot subtests are skipped. scripts/test-servers.sh (at the repository root)
// starts a suitable Dovecot.
const dovecotEnv = "MAILPROC_TEST_DOVECOT"

// backend is an IMAP server the tests run against, with a bare go-imap
// connection for seeding mail and looking at it without the Client.
type backend struct {
	cfg         Config
	mem         MemServer // nil for a real server
	root        string    // this test's top folder
	raw         *imapclient.Client
	sep         rune
	noticeBound time.Duration // how soon an IDLEing Client must hear of new mail
}

// forEachBackend runs test against a fresh MemServer and, when dovecotEnv
// is set, against that server.
func forEachBackend(t *testing.T, test func(t *testing.T, b *backend)) {
	t.Helper()
	t.Run("memserver", func(t *testing.T) { test(t, newMemBackend(t)) })
	t.Run("dovecot", func(t *testing.T) { test(t, newDovecotBackend(t)) })
}

// newMemBackend starts a MemServer for one test.
func newMemBackend(t *testing.T) *backend {
	t.Helper()
	s, err := StartMemServer("support@example.test", "mem-secret")
	if err != nil {
		t.Fatalf("StartMemServer: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	b := &backend{cfg: s.Config(), mem: s, root: "mptest", noticeBound: 100 * time.Millisecond}
	b.connectRaw(t)
	return b
}

// newDovecotBackend connects to the server dovecotEnv names, or skips.
func newDovecotBackend(t *testing.T) *backend {
	t.Helper()
	env := os.Getenv(dovecotEnv)
	if env == "" {
		t.Skipf("%s is not set: not testing against a real IMAP server (see scripts/test-servers.sh (at the repository root))", dovecotEnv)
	}
	cfg, err := parseDovecotEnv(env)
	if err != nil {
		t.Fatalf("%s: %v", dovecotEnv, err)
	}
	// Dovecot looks for new mail about every half second while idling.
	b := &backend{cfg: cfg, root: fmt.Sprintf("mailproc-test-%d", time.Now().UnixNano()), noticeBound: 5 * time.Second}
	b.connectRaw(t)
	t.Cleanup(func() { b.deleteRoot(t) })
	return b
}

// parseDovecotEnv reads "host:port,security,user,password,cafile".
func parseDovecotEnv(env string) (Config, error) {
	last := strings.LastIndex(env, ",")
	fields := strings.SplitN(env[:max(last, 0)], ",", 4)
	if last < 0 || len(fields) != 4 {
		return Config{}, errors.New(`want "host:port,security,user,password,cafile"`)
	}
	host, portText, err := net.SplitHostPort(fields[0])
	if err != nil {
		return Config{}, err
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return Config{}, fmt.Errorf("port %q: %w", portText, err)
	}
	return Config{Host: host, Port: port, Security: fields[1], Username: fields[2],
		Password: fields[3], CAFile: env[last+1:], Timeout: 20 * time.Second}, nil
}

// connectRaw opens the bare connection and learns the separator.
func (b *backend) connectRaw(t *testing.T) {
	t.Helper()
	ic, err := dialRaw(context.Background(), b.cfg)
	if err != nil {
		t.Fatalf("raw connection: %v", err)
	}
	t.Cleanup(func() { ic.Close() })
	b.raw = ic
	list, err := ic.List("", "", nil).Collect()
	if err != nil || len(list) == 0 {
		t.Fatalf("raw LIST \"\" \"\" = %v, %v", list, err)
	}
	b.sep = list[0].Delim
}

// folder is this test's folder name, in the Client's '/' notation.
func (b *backend) folder(name string) string {
	return b.root + "/" + name
}

// server is the server's name for a folder name in '/' notation.
func (b *backend) server(name string) string {
	return strings.ReplaceAll(name, "/", string(b.sep))
}

// seed appends a message with the bare connection, creating the folder if
// needed, and returns its UID.
func (b *backend) seed(t *testing.T, folder string, raw []byte, date time.Time, flags ...string) uint32 {
	t.Helper()
	name := b.server(folder)
	_ = b.raw.Create(name, nil).Wait() // fails when it exists
	cmd := b.raw.Append(name, int64(len(raw)), &imap.AppendOptions{Flags: imapFlags(flags), Time: date})
	cmd.Write(raw)
	cmd.Close()
	data, err := cmd.Wait()
	if err != nil || data.UID == 0 {
		t.Fatalf("seed %s: APPEND = %+v, %v", name, data, err)
	}
	return uint32(data.UID)
}

// messages is what folder holds now, read with the bare connection.
func (b *backend) messages(t *testing.T, folder string) []Message {
	t.Helper()
	msgs, err := listMessages(b.raw, b.server(folder))
	if err != nil {
		t.Fatalf("messages(%s): %v", folder, err)
	}
	return msgs
}

// deleteRoot removes this test's folders from a real server.
func (b *backend) deleteRoot(t *testing.T) {
	_ = b.raw.Unselect().Wait()
	list, err := b.raw.List("", b.root+"*", nil).Collect()
	if err != nil {
		t.Logf("cleanup: list %s: %v", b.root, err)
		return
	}
	var names []string
	for _, l := range list {
		names = append(names, l.Mailbox)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, name := range names {
		var imapErr *imap.Error
		err := b.raw.Delete(name).Wait()
		if errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeNonExistent {
			continue // a \Noselect parent that went with its last child
		}
		if err != nil {
			t.Logf("cleanup: delete %s: %v", name, err)
		}
	}
}

// dial connects a Client, closed at the end of the test.
func (b *backend) dial(t *testing.T) *Client {
	t.Helper()
	c, err := Dial(context.Background(), b.cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// dialSelected connects a Client with folder selected; the folder must exist.
func (b *backend) dialSelected(t *testing.T, folder string) *Client {
	t.Helper()
	c := b.dial(t)
	if _, err := c.Select(context.Background(), folder); err != nil {
		t.Fatalf("Select(%s): %v", folder, err)
	}
	return c
}

// testMessage is a small message with CRLF line ends.
func testMessage(messageID, subject string, body ...string) []byte {
	if len(body) == 0 {
		body = []string{"Hello."}
	}
	return []byte("From: Jane Roe <jane@example.net>\r\n" +
		"To: support@example.test\r\n" +
		"Subject: " + subject + "\r\n" +
		"Message-ID: <" + messageID + ">\r\n" +
		"Date: Mon, 02 Jun 2025 10:00:00 -0700\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"\r\n" + strings.Join(body, "\r\n") + "\r\n")
}

// hasFlag reports whether flags holds flag (case-insensitively, as IMAP).
func hasFlag(flags []string, flag string) bool {
	return slices.ContainsFunc(flags, func(f string) bool { return strings.EqualFold(f, flag) })
}

// testContext is a context ending with the test or after a minute.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// listMessages reads every message of the server folder with EXAMINE and
// BODY.PEEK[], lowest UID first.
func listMessages(ic *imapclient.Client, folder string) ([]Message, error) {
	data, err := ic.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, fmt.Errorf("examine %q: %w", folder, err)
	}
	msgs, err := fetchAll(ic, data.NumMessages)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", folder, err)
	}
	return msgs, nil
}

// dialRaw is a bare go-imap connection logged in with cfg, for looking at a
// server without a Client.
func dialRaw(ctx context.Context, cfg Config) (*imapclient.Client, error) {
	cfg = cfg.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	ic, err := connect(ctx, cfg, &imapclient.Options{})
	if err != nil {
		return nil, err
	}
	if err := ic.Login(cfg.Username, cfg.Password).Wait(); err != nil {
		ic.Close()
		return nil, fmt.Errorf("login: %w", err)
	}
	return ic, nil
}
