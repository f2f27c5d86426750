// Package letterdesk is where requests that came by post are handled:
// staff enter a letter as a case, with the scan of it they keep (or
// upload); the case is decided by the rules mail is decided by, and its
// reply becomes a letter to print and post, never an email (planned
// through package plan); staff print it and mark it posted, which dates
// the answer. Acting on a letter's case otherwise is a staff action
// (package staff), which the letter desk builds on.
package letterdesk

import (
	"errors"
	"log/slog"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/staff"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Options wire a Desk.
type Options struct {
	Config *config.Config
	Store  *store.Store
	Plan   *plan.Planner
	// Staff acts on the cases (marking a letter posted is one action), and
	// wakes the mail loop after.
	Staff  *staff.Desk
	Logger *slog.Logger     // nil = discard
	Now    func() time.Time // nil = time.Now
}

// Desk is the letter desk: the control.LetterDesk and control.ScanKeeper.
type Desk struct {
	opts  Options
	cfg   *config.Config
	store *store.Store
	plan  *plan.Planner
	staff *staff.Desk
	log   *slog.Logger
}

// New checks the options and returns a Desk.
func New(o Options) (*Desk, error) {
	if o.Config == nil || o.Store == nil || o.Plan == nil || o.Staff == nil {
		return nil, errors.New("letterdesk: config, store, planner and staff desk are required")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Desk{opts: o, cfg: o.Config, store: o.Store, plan: o.Plan, staff: o.Staff, log: o.Logger}, nil
}

func (d *Desk) now() time.Time { return d.opts.Now() }
