// Package plan plans what a case sends: the reply a decision or staff
// call for, rendered from the templates and composed to its very bytes,
// or, for a case that came by post, the letter to print and post; each
// is recorded in the case as planned, for the mail loop to send or staff
// to post. The mail loop (daemon), staff actions (staff) and the letter
// desk (letterdesk) plan through one Planner, so a reply is planned one
// way. It also holds what SIGHUP reloads (the templates, the disclosure
// data, the description of what is collected from children), the due
// date of a case, and the history decisions are completed with.
package plan

import (
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Options wire a Planner.
type Options struct {
	Config    *config.Config
	Store     *store.Store
	Templates *reply.Set
	Logger    *slog.Logger     // nil = discard
	Now       func() time.Time // nil = time.Now
}

// Planner plans replies and letters.
type Planner struct {
	cfg   *config.Config
	store *store.Store
	log   *slog.Logger
	clock func() time.Time
	// content is what SIGHUP reloads.
	content atomic.Pointer[content]
}

// New checks the options and returns a Planner.
func New(o Options) (*Planner, error) {
	if o.Config == nil || o.Store == nil || o.Templates == nil {
		return nil, errors.New("plan: config, store and templates are required")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	d := &Planner{cfg: o.Config, store: o.Store, log: o.Logger, clock: o.Now}
	d.content.Store(newContent(o.Config, o.Templates))
	return d, nil
}

func (d *Planner) now() time.Time { return d.clock() }

// History is what decisions are completed with in tx: the store's record
// (repeats, replies for the rate limits) and the disclosure data.
func (d *Planner) History(tx *store.Tx) decide.History { return history{Tx: tx, d: d} }
