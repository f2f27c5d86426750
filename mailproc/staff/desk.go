// Package staff is what staff do with cases, from the command line, the
// console or the control API: list and search the queue, read a case and
// the advice on it, preview an answer, approve, dismiss, reclassify, mark
// done, reopen and close (privacy requests), act on many cases at once,
// fetch an attachment from the mailbox, export what is held about a
// requester and back the database up. Each action is checked against the
// case, made in one transaction of the store and recorded in the case's
// history; then the mail loop is woken, so that the reply staff chose
// (planned through package plan) goes out and the mail is filed at once.
package staff

import (
	"errors"
	"log/slog"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Options wire a Desk.
type Options struct {
	Config *config.Config
	Store  *store.Store
	Plan   *plan.Planner
	// Wake makes the mail loop work now (the daemon's Wake); nil when no
	// daemon runs: what staff plan goes out when it next runs.
	Wake func()
	// Dial reaches the mailbox to fetch an attachment; nil when no daemon
	// runs: only the running daemon fetches them.
	Dial   Dialer
	Logger *slog.Logger     // nil = discard
	Now    func() time.Time // nil = time.Now
}

// Desk is where staff act on cases; it is the control.Service of the
// command line, the console and the control API, with the letter desk
// and the reports beside it (package service puts them together).
type Desk struct {
	opts  Options
	cfg   *config.Config
	store *store.Store
	plan  *plan.Planner
	log   *slog.Logger
}

// New checks the options and returns a Desk.
func New(o Options) (*Desk, error) {
	if o.Config == nil || o.Store == nil || o.Plan == nil {
		return nil, errors.New("staff: config, store and planner are required")
	}
	if o.Wake == nil {
		o.Wake = func() {}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Desk{opts: o, cfg: o.Config, store: o.Store, plan: o.Plan, log: o.Logger}, nil
}

func (d *Desk) now() time.Time { return d.opts.Now() }

// loadCase reads a case in a transaction of its own.
func (d *Desk) loadCase(id string) (c *cases.Case, err error) {
	err = d.store.View(func(tx *store.Tx) error {
		c, err = tx.Case(id)
		return err
	})
	return c, err
}

// updateCase changes a case in one transaction and returns it as written.
func (d *Desk) updateCase(id string, fn func(tx *store.Tx, c *cases.Case) error) (*cases.Case, error) {
	var c *cases.Case
	err := d.store.Update(func(tx *store.Tx) error {
		var err error
		if c, err = tx.Case(id); err != nil {
			return err
		}
		if err := fn(tx, c); err != nil {
			return err
		}
		return tx.PutCase(c)
	})
	return c, err
}
