// Package jobs is mailproc's scheduled work, done after each cycle of the
// mail loop: on the 1st of a month, last month's report, written to the
// reports folder and mailed to the compliance officer; each day from
// 07:00, the digest of the cases due soon or overdue, mailed to staff;
// each day, the erasure of personal data past its retention. A job is
// recorded in the store when done, and a notice's sending before it is
// begun, so that none is done or sent twice. It also builds the report
// of any month on demand (control.Reporter).
package jobs

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/store"
)

// sendTimeout bounds the SMTP transaction of one notice.
const sendTimeout = 2 * time.Minute

// Sender sends composed bytes; *smtpout.Sender has it.
type Sender interface {
	Send(ctx context.Context, from string, to []string, raw []byte) error
}

// Lister lists cases as the staff queue does; *staff.Desk is one.
type Lister interface {
	List(f control.Filter) ([]control.Summary, error)
}

// Options wire a Scheduler.
type Options struct {
	Config *config.Config
	Store  *store.Store
	// Sender sends the notices; nil when no daemon runs (a tool asks only
	// for reports): nothing is sent.
	Sender Sender
	// Cases lists the open cases for the digest.
	Cases  Lister
	Logger *slog.Logger     // nil = discard
	Now    func() time.Time // nil = time.Now
}

// Scheduler does the scheduled jobs.
type Scheduler struct {
	opts  Options
	cfg   *config.Config
	store *store.Store
	log   *slog.Logger
	tried time.Time // when the jobs last ran
}

// New checks the options and returns a Scheduler.
func New(o Options) (*Scheduler, error) {
	if o.Config == nil || o.Store == nil || o.Cases == nil {
		return nil, errors.New("jobs: config, store and a case lister are required")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Scheduler{opts: o, cfg: o.Config, store: o.Store, log: o.Logger}, nil
}

func (d *Scheduler) now() time.Time { return d.opts.Now() }
