package service

import (
	"context"
	"io"
	"log/slog"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/jobs"
	"github.com/mailproc/mailproc/mailproc/letterdesk"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/report"
	"github.com/mailproc/mailproc/mailproc/staff"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Mailbox is what the parts reach the mailbox with: the mail loop's IMAP
// side, and fetching one attachment for staff; *mailbox.Client is one.
type Mailbox interface {
	daemon.Mailbox
	staff.PartFetcher
}

// Wiring is what mailproc's parts are made from.
type Wiring struct {
	Config    *config.Config
	Store     *store.Store
	Templates *reply.Set
	Logger    *slog.Logger     // nil = discard
	Now       func() time.Time // nil = time.Now
	// Dial and Sender reach the mailbox and the SMTP server. Without them
	// there is no mail loop: the parts serve staff tools while no daemon
	// runs, and the replies they plan go out when the daemon next runs.
	Dial   func(ctx context.Context) (Mailbox, error)
	Sender daemon.Sender
	// Daemon edits the daemon's options (metrics, readiness, failpoints,
	// an observer, a wrapped dialer or sender) before the parts are made;
	// the logger, clock and sender they leave are every part's.
	Daemon []func(*daemon.Options)
}

// Parts are mailproc on one store: the mail loop, and beside it the desk
// staff act through and the scheduled jobs, all planning replies with
// one planner.
type Parts struct {
	Daemon *daemon.Daemon // nil without Dial and Sender
	Desk   *Desk
	Jobs   *jobs.Scheduler // run by the daemon after each cycle
	Plan   *plan.Planner   // what SIGHUP reloads
}

// Assemble makes the parts and wires them together: every part plans
// with one planner, staff actions wake the daemon, the letter desk acts
// through the staff desk, the jobs' digest lists the staff desk's queue,
// and the daemon runs the jobs after each cycle.
func Assemble(w Wiring) (*Parts, error) {
	o := daemonOptions(w)
	p := &Parts{}
	var err error
	if p.Plan, err = plan.New(plan.Options{Config: w.Config, Store: w.Store, Templates: w.Templates, Logger: o.Logger, Now: o.Now}); err != nil {
		return nil, err
	}
	var dial staff.Dialer
	if w.Dial != nil {
		dial = func(ctx context.Context) (staff.PartFetcher, error) { return w.Dial(ctx) }
	}
	sd, err := staff.New(staff.Options{Config: w.Config, Store: w.Store, Plan: p.Plan, Wake: p.wake, Dial: dial, Logger: o.Logger, Now: o.Now})
	if err != nil {
		return nil, err
	}
	ld, err := letterdesk.New(letterdesk.Options{Config: w.Config, Store: w.Store, Plan: p.Plan, Staff: sd, Logger: o.Logger, Now: o.Now})
	if err != nil {
		return nil, err
	}
	if p.Jobs, err = jobs.New(jobs.Options{Config: w.Config, Store: w.Store, Sender: o.Sender, Cases: sd, Logger: o.Logger, Now: o.Now}); err != nil {
		return nil, err
	}
	p.Desk = &Desk{Desk: sd, letters: ld, reports: p.Jobs}
	if w.Dial == nil || w.Sender == nil {
		return p, nil
	}
	o.Plan, o.Jobs = p.Plan, p.Jobs.Run
	p.Daemon, err = daemon.New(o)
	return p, err
}

// daemonOptions are the daemon's options from w, as w.Daemon edits them.
func daemonOptions(w Wiring) daemon.Options {
	o := daemon.Options{Config: w.Config, Store: w.Store, Sender: w.Sender, Logger: w.Logger, Now: w.Now}
	if w.Dial != nil {
		o.Dial = func(ctx context.Context) (daemon.Mailbox, error) { return w.Dial(ctx) }
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	for _, edit := range w.Daemon {
		edit(&o)
	}
	return o
}

// wake wakes the daemon, when one runs, after a staff action.
func (p *Parts) wake() {
	if p.Daemon != nil {
		p.Daemon.Wake()
	}
}

// Desk is the control.Service staff tools use (the control socket, its
// HTTP listener, the console, and the command line while no daemon
// runs), put together from the parts: the staff actions (package staff),
// the letter desk (letterdesk) and the monthly report (jobs).
type Desk struct {
	*staff.Desk
	letters *letterdesk.Desk
	reports *jobs.Scheduler
}

// The desk is every part of the control API.
var (
	_ control.Service     = (*Desk)(nil)
	_ control.Attachments = (*Desk)(nil)
	_ control.DataKeeper  = (*Desk)(nil)
	_ control.LetterDesk  = (*Desk)(nil)
	_ control.ScanKeeper  = (*Desk)(nil)
	_ control.Reporter    = (*Desk)(nil)
)

// AddLetter makes a case of a letter (letterdesk.Desk.AddLetter).
func (d *Desk) AddLetter(l control.Letter) (*cases.Case, error) { return d.letters.AddLetter(l) }

// PrintLetter renders a letter of a case (letterdesk.Desk.PrintLetter).
func (d *Desk) PrintLetter(id string, n int) (control.Printable, error) {
	return d.letters.PrintLetter(id, n)
}

// MarkPosted records a letter posted (letterdesk.Desk.MarkPosted).
func (d *Desk) MarkPosted(id string, act control.Act, posted time.Time) (*cases.Case, error) {
	return d.letters.MarkPosted(id, act, posted)
}

// KeepScan stores an uploaded scan (letterdesk.Desk.KeepScan).
func (d *Desk) KeepScan(r io.Reader) (string, error) { return d.letters.KeepScan(r) }

// MonthReport builds a month's report (jobs.Scheduler.MonthReport).
func (d *Desk) MonthReport(year int, month time.Month) (report.Report, error) {
	return d.reports.MonthReport(year, month)
}
