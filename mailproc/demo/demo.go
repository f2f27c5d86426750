// Package demo runs the real daemon against go-imap's in-memory IMAP
// server and an in-process SMTP server, seeded with a dozen varied
// messages, and prints what it decides and sends. Nothing to install, no
// configuration.
package demo

import (
	"context"
	"embed"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/jobs"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/mailbox/imaptest"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/service"
	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
	"github.com/mailproc/mailproc/mailproc/store"
)

//go:embed mail/*.eml
var mailFS embed.FS

// The demo's mailbox account.
const (
	user     = "privacy@cooper.example"
	password = "demo-password"
)

// world is the demo's servers, store and daemon settings.
type world struct {
	out   io.Writer
	imap  *imaptest.MemServer
	smtp  *smtpsink.Sink
	store *store.Store
	cfg   *config.Config
	dir   string
}

// Run runs the demo and writes what happens to out.
func Run(ctx context.Context, out io.Writer) error {
	w, err := start(out)
	if err != nil {
		return err
	}
	defer w.close()
	return w.play(ctx)
}

func start(out io.Writer) (*world, error) {
	dir, err := os.MkdirTemp("", "mailproc-demo-")
	if err != nil {
		return nil, fmt.Errorf("demo: temp dir: %w", err)
	}
	w := &world{out: out, dir: dir}
	if w.imap, err = imaptest.StartMemServer(user, password); err != nil {
		w.close()
		return nil, err
	}
	if w.smtp, err = smtpsink.Start(smtpsink.Options{}); err != nil {
		w.close()
		return nil, err
	}
	if w.store, err = store.Open(filepath.Join(dir, "mailproc.db")); err != nil {
		w.close()
		return nil, err
	}
	w.cfg = demoConfig(w.imap.Config(), w.smtp.Addr, filepath.Join(dir, "mailproc.db"))
	return w, nil
}

func (w *world) close() {
	if w.store != nil {
		w.store.Close()
	}
	if w.smtp != nil {
		w.smtp.Close()
	}
	if w.imap != nil {
		w.imap.Close()
	}
	os.RemoveAll(w.dir)
}

// play seeds the inbox and runs the daemon three times: on the backlog, on
// a follow-up to the incomplete notice, and once more as after a restart.
func (w *world) play(ctx context.Context) error {
	loc := w.cfg.Location()
	seeded, err := w.seed()
	if err != nil {
		return err
	}
	fmt.Fprintf(w.out, "mailproc demo: %d messages in INBOX of an in-memory IMAP server; replies go to an in-process SMTP server.\n", seeded)
	fmt.Fprintf(w.out, "Company time zone %s. Disclosure data configured for 2024 (nothing shared) and 2025.\n\n", loc)
	if err := w.pass(ctx, "1. The daemon reads the backlog", time.Date(2026, 3, 9, 12, 0, 0, 0, loc)); err != nil {
		return err
	}
	if err := w.staffClose(time.Date(2026, 3, 10, 8, 30, 0, 0, loc)); err != nil {
		return err
	}
	if err := w.appendFollowUp(); err != nil {
		return err
	}
	if err := w.pass(ctx, "2. Brian answers the incomplete notice with his ZIP code", time.Date(2026, 3, 10, 9, 0, 0, 0, loc)); err != nil {
		return err
	}
	if err := w.pass(ctx, "3. The daemon restarts over the same mailbox and store", time.Date(2026, 3, 10, 9, 5, 0, 0, loc)); err != nil {
		return err
	}
	if err := w.summary(); err != nil {
		return err
	}
	return w.report(time.Date(2026, 3, 10, 9, 10, 0, 0, loc))
}

// staffClose is staff answering the GDPR request in the company's systems
// and closing its case as complied; its mail leaves review on the next
// pass.
func (w *world) staffClose(now time.Time) error {
	tmpl, err := reply.Load("")
	if err != nil {
		return err
	}
	p, err := service.Assemble(service.Wiring{Config: w.cfg, Store: w.store, Templates: tmpl, Now: func() time.Time { return now },
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	d := p.Desk
	open, err := d.List(control.Filter{Kind: cases.Privacy, Open: true})
	if err != nil {
		return err
	}
	for _, s := range open {
		if _, err := d.Close(s.ID, control.Closing{Act: control.Act{Actor: "alice", Note: "identity checked; copy sent from the customer database"},
			Outcome: cases.OutcomeComplied}); err != nil {
			return fmt.Errorf("demo: close %s: %w", s.ID, err)
		}
		fmt.Fprintf(w.out, "== Staff (alice) verify the requester of %s (%s), send her data from the company's systems, and close it as complied (clock: %s)\n\n",
			s.ID, s.About, now.Format("2 Jan 2006 15:04 MST"))
	}
	return nil
}

// report writes the compliance report of the demo's month and says where.
func (w *world) report(now time.Time) error {
	tmpl, err := reply.Load("")
	if err != nil {
		return err
	}
	p, err := service.Assemble(service.Wiring{Config: w.cfg, Store: w.store, Templates: tmpl, Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	r, err := p.Desk.MonthReport(now.Year(), now.Month())
	if err != nil {
		return err
	}
	dir := filepath.Join(os.TempDir(), "mailproc-demo-report")
	paths, err := jobs.WriteReport(r, dir)
	if err != nil {
		return err
	}
	sort.Strings(paths)
	fmt.Fprintf(w.out, "\n== The compliance report for %s (%d cases received that month)\n", now.Format("January 2006"), len(r.Cases))
	for _, p := range paths {
		fmt.Fprintf(w.out, "   %s\n", p)
	}
	return nil
}

// pass runs the real daemon once, with the demo's clock at now.
func (w *world) pass(ctx context.Context, title string, now time.Time) error {
	fmt.Fprintf(w.out, "== %s (clock: %s)\n", title, now.Format("2 Jan 2006 15:04 MST"))
	sender, err := smtpout.New(smtpout.Config{Host: "127.0.0.1", Port: port(w.smtp.Addr), Security: smtpout.SecurityNone, HeloName: "demo.cooper.example"})
	if err != nil {
		return err
	}
	defer sender.Close()
	tmpl, err := reply.Load("")
	if err != nil {
		return err
	}
	p := &printer{out: w.out, loc: w.cfg.Location(), acknowledge: w.cfg.Privacy.Acknowledge}
	mcfg := w.imap.Config()
	parts, err := service.Assemble(service.Wiring{
		Config: w.cfg, Store: w.store, Sender: sender, Templates: tmpl,
		Logger: slog.New(slog.DiscardHandler), Now: func() time.Time { return now },
		Dial:   func(ctx context.Context) (service.Mailbox, error) { return mailbox.Dial(ctx, mcfg) },
		Daemon: []func(*daemon.Options){func(o *daemon.Options) { o.Observer = p }},
	})
	if err != nil {
		return err
	}
	before := len(w.smtp.Messages())
	err = parts.Daemon.RunOnce(ctx)
	decided := p.flush()
	if err != nil {
		return fmt.Errorf("demo: daemon: %w", err)
	}
	if decided == 0 {
		fmt.Fprintln(w.out, "   nothing new: every message was seen before, so nothing is decided or sent twice")
	}
	fmt.Fprintf(w.out, "   replies accepted by the SMTP server in this pass: %d\n\n", len(w.smtp.Messages())-before)
	return nil
}

// summary prints the folders and the outbox at the end.
func (w *world) summary() error {
	fmt.Fprintln(w.out, "== Where everything ended up")
	for _, f := range []string{w.cfg.Mailbox.Inbox, w.cfg.Mailbox.ProcessedFolder, w.cfg.Mailbox.ReviewFolder, w.cfg.Mailbox.SentFolder} {
		msgs, err := w.imap.Messages(f)
		if err != nil {
			return err
		}
		flagged, seen := 0, 0
		for _, m := range msgs {
			for _, fl := range m.Flags {
				switch strings.ToLower(fl) {
				case `\flagged`:
					flagged++
				case `\seen`:
					seen++
				}
			}
		}
		fmt.Fprintf(w.out, "   %-18s %2d messages (%d flagged, %d seen)\n", f, len(msgs), flagged, seen)
	}
	fmt.Fprintf(w.out, "   %-18s %2d replies\n", "SMTP server", len(w.smtp.Messages()))
	return nil
}

func port(addr string) int {
	var p int
	fmt.Sscanf(addr[strings.LastIndexByte(addr, ':')+1:], "%d", &p)
	return p
}
