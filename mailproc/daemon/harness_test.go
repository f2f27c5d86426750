package daemon_test

import (
	"context"
	"fmt"
	"net/mail"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/service"
	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

var la = mustLoad("America/Los_Angeles")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// world is a mailbox, an SMTP server and a store: in-process, or the real
// Dovecot and mailpit (testenv).
type world struct {
	t     *testing.T
	imap  *testenv.Mailbox
	smtp  *testenv.SMTP
	store *store.Store
	cfg   *config.Config
	n     int
}

// newWorld builds a world on in-process servers.
func newWorld(t *testing.T) *world { return newWorldOn(t, testenv.Memory, testenv.Memory) }

// newWorldOn builds a world with an IMAP and an SMTP server of the kinds.
func newWorldOn(t *testing.T, imapKind, smtpKind string) *world {
	t.Helper()
	imap := testenv.NewMailbox(t, imapKind)
	smtp := testenv.NewSMTP(t, smtpKind)
	st, err := store.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := config.Default()
	mc := imap.Config()
	c.Mailbox.Host, c.Mailbox.Port, c.Mailbox.Security, c.Mailbox.CAFile, c.Mailbox.Username = mc.Host, mc.Port, mc.Security, mc.CAFile, mc.Username
	c.SMTP.Host, c.SMTP.Port, c.SMTP.Security, c.SMTP.CAFile = smtp.Host, smtp.Port, smtp.Security, smtp.CAFile
	c.Company = config.Company{Name: "Cooper", ReplyFrom: "Cooper Privacy <" + smtp.From + ">", Timezone: "America/Los_Angeles"}
	c.Disclosure = []config.Disclosure{{Year: 2024}, {Year: 2025, Categories: []string{"name and address"},
		ThirdParties: []config.ThirdParty{{Name: "Acme Catalogs", Address: "1 Market St, San Francisco, CA 94105", Business: "home goods catalogs"}}}}
	return &world{t: t, imap: imap, smtp: smtp, store: st, cfg: &c}
}

// snapshot copies the store's files as they are on disk at this moment,
// as a process killed now leaves them (what it held in memory, as the
// steps its journal holds, is gone), and returns where.
func (w *world) snapshot() string {
	dir := w.t.TempDir()
	if err := w.store.CopyFiles(dir); err != nil {
		w.t.Fatal(err)
	}
	return dir
}

// restart opens the store again from a snapshot, as the next process
// opens what the killed one left. The old store is left open, unused.
func (w *world) restart(snapshot string) {
	w.t.Helper()
	st, err := store.Open(filepath.Join(snapshot, "m.db"))
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { st.Close() })
	w.store = st
}

// eachKind runs f on in-process servers and, when they run, on the real
// Dovecot and mailpit, and on the Dovecot and SMTP server that take OAuth2
// tokens from Hydra only.
func eachKind(t *testing.T, f func(t *testing.T, w *world)) {
	for _, kind := range testenv.AllKinds() {
		t.Run(kind, func(t *testing.T) { f(t, newWorldOn(t, kind, kind)) })
	}
}

// eachPasswordKind is eachKind without the OAuth2 kinds, for the tests
// that deliver hundreds of messages: how mailproc signs in does not change
// how it works through a backlog, and each delivery signs in again.
func eachPasswordKind(t *testing.T, f func(t *testing.T, w *world)) {
	for _, kind := range testenv.Kinds() {
		t.Run(kind, func(t *testing.T) { f(t, newWorldOn(t, kind, kind)) })
	}
}

// deliver appends a message to INBOX, received at at; it returns its
// Message-ID.
func (w *world) deliver(at time.Time, from, subject, body string, headers ...string) string {
	w.t.Helper()
	w.n++
	id := fmt.Sprintf("m%d-%d@example.com", w.n, at.Unix())
	h := []string{"From: " + from, "To: privacy@cooper.example", "Subject: " + subject,
		"Date: " + at.Format(time.RFC1123Z), "Message-ID: <" + id + ">", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"}
	raw := strings.Join(append(h, headers...), "\r\n") + "\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n")
	if err := w.imap.Append("INBOX", []byte(raw), at); err != nil {
		w.t.Fatal(err)
	}
	return id
}

// mailproc is mailproc as service assembles it: the mail loop, and the
// desk staff act through (staff actions, letters, reports).
type mailproc struct {
	*daemon.Daemon
	*service.Desk
}

// daemon builds mailproc on the world with its clock at now.
func (w *world) daemon(now time.Time, opts ...func(*daemon.Options)) *mailproc {
	w.t.Helper()
	sender, err := smtpout.New(smtpout.Config{Host: w.cfg.SMTP.Host, Port: w.cfg.SMTP.Port, Security: w.cfg.SMTP.Security,
		CAFile: w.cfg.SMTP.CAFile, HeloName: "test", Username: w.smtp.Username, Auth: w.smtp.Auth, Token: w.smtp.Token})
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { sender.Close() })
	tmpl, err := reply.Load("")
	if err != nil {
		w.t.Fatal(err)
	}
	mc := w.imap.Config()
	p, err := service.Assemble(service.Wiring{Config: w.cfg, Store: w.store, Sender: sender, Templates: tmpl,
		Now:  func() time.Time { return now },
		Dial: func(ctx context.Context) (service.Mailbox, error) { return mailbox.Dial(ctx, mc) }, Daemon: opts})
	if err != nil {
		w.t.Fatal(err)
	}
	return &mailproc{p.Daemon, p.Desk}
}

func (w *world) runOnce(now time.Time) {
	w.t.Helper()
	if err := w.daemon(now).RunOnce(context.Background()); err != nil {
		w.t.Fatalf("RunOnce: %v", err)
	}
}

// sent is one reply the SMTP server accepted.
type sent struct {
	to, subject, messageID, inReplyTo, references, autoSubmitted, body string
}

func (w *world) sent() []sent {
	w.t.Helper()
	var out []sent
	for _, m := range w.smtp.Messages() {
		msg, err := mail.ReadMessage(strings.NewReader(string(m.Raw)))
		if err != nil {
			w.t.Fatalf("reply does not parse: %v", err)
		}
		body := new(strings.Builder)
		fmt.Fprint(body, msg.Body)
		out = append(out, sent{to: strings.Join(m.To, ","), subject: msg.Header.Get("Subject"),
			messageID: msg.Header.Get("Message-ID"), inReplyTo: msg.Header.Get("In-Reply-To"),
			references: msg.Header.Get("References"), autoSubmitted: msg.Header.Get("Auto-Submitted"), body: string(m.Raw)})
	}
	return out
}

// templatesSent lists "template to" for each reply, in order.
func (w *world) templatesSent() []string {
	var out []string
	for _, s := range w.sent() {
		id := strings.Trim(s.messageID, "<>") // case.template.instance@domain
		parts := strings.Split(strings.SplitN(id, "@", 2)[0], ".")
		out = append(out, parts[1]+" "+s.to)
	}
	return out
}

// folder returns the messages of a folder.
func (w *world) folder(name string) []mailbox.Message {
	w.t.Helper()
	return w.imap.Messages(name)
}

func hasFlag(m mailbox.Message, flag string) bool {
	return slices.ContainsFunc(m.Flags, func(f string) bool { return strings.EqualFold(f, flag) })
}

func (w *world) caseOf(messageID string) *cases.Case {
	w.t.Helper()
	var c *cases.Case
	err := w.store.View(func(tx *store.Tx) error {
		id, ok := tx.CaseForMessage("mid:" + messageID)
		if !ok {
			return fmt.Errorf("no case for %s", messageID)
		}
		var err error
		c, err = tx.Case(id)
		return err
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

const fullBody = "California Privacy Rights Request\n\nName: Ada Byron\nStreet address: 12 Oak Street\nCity: Fresno\nState: CA\nZIP code: 93704\n"
