// Package daemon is mailproc's mail loop: fetch new mail, parse,
// classify, validate, decide, plan the automatic reply (through package
// plan), record, send, file. It records every intent in the store before
// acting on it, so that a process killed at any moment neither loses a
// request nor answers one twice, and it sends and files what staff
// actions (package staff) planned when they wake it. The scheduled jobs
// (package jobs) run after each of its cycles.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/metrics"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Options wire a Daemon.
type Options struct {
	Config   *config.Config
	Store    *store.Store
	Dial     Dialer
	Sender   Sender
	Plan     *plan.Planner    // plans the replies; shared with staff and the letter desk
	Logger   *slog.Logger     // nil = discard
	Now      func() time.Time // nil = time.Now
	Observer Observer         // nil = none
	// Failpoint names a step at which the process kills itself (tests of
	// crash recovery): after-decision (once the group that records the
	// decision is committed, before any of its replies is begun),
	// after-intent, after-send, after-record, before-move;
	// "after-intent:2" kills at the second time the step is reached (the
	// second decision, reply...), and so on.
	Failpoint string
	// Kill is what a failpoint does; nil = SIGKILL this process.
	Kill func()
	// Metrics, when set, counts what the daemon does.
	Metrics *metrics.Metrics
	// Ready, when set, is called once after the first successful cycle
	// (systemd's READY=1).
	Ready func()
	// Jobs, when set, does the scheduled work after each cycle
	// (jobs.Scheduler.Run); it must never stop the mail.
	Jobs func(ctx context.Context)
}

// Daemon is the running pipeline.
type Daemon struct {
	opts     Options
	cfg      *config.Config
	store    *store.Store
	log      *slog.Logger
	policy   decide.Policy
	limits   parse.Limits
	obs      Observer
	validity uint32         // UIDVALIDITY of the inbox as last selected
	failures map[uint32]int // per-UID fetch failures in this process
	// sendPausedUntil stops all sending after the SMTP server refused our
	// configuration (a wrong password fails every reply alike).
	sendPausedUntil time.Time
	// wake, when signalled, ends a wait for mail early: staff acted.
	wake    chan struct{}
	plan    *plan.Planner
	metrics *metrics.Metrics
	// ready is called once, after the first successful cycle.
	ready     sync.Once
	countedAt time.Time // when the open cases were last counted
	here      *done     // what this process did itself, to spare checks
	composed  *composed // the bytes of replies this process recorded, not yet filed
	batch     *batch    // the batch of new mail in hand, if any
	fail      *failpoints
	sent      atomic.Pointer[string] // the sent folder, as the last connection found it
}

// batchSize is how many new messages' headers are fetched at a time.
const batchSize = 500

// New checks the options and returns a Daemon.
func New(o Options) (*Daemon, error) {
	if o.Config == nil || o.Store == nil || o.Plan == nil || o.Dial == nil || o.Sender == nil {
		return nil, errors.New("daemon: config, store, planner, mailbox dialer and sender are required")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Observer == nil {
		o.Observer = nopObserver{}
	}
	if o.Jobs == nil {
		o.Jobs = func(context.Context) {}
	}
	c := o.Config
	d := &Daemon{
		opts:  o,
		cfg:   c,
		store: o.Store,
		log:   o.Logger,
		obs:   o.Observer,
		policy: decide.Policy{
			MaxMessageBytes:    c.Limits.MaxMessageBytes,
			TrustedAuthServIDs: c.Auth.TrustedAuthServIDs,
			OwnAddresses:       c.OwnAddresses(),
		},
		failures: map[uint32]int{},
		wake:     make(chan struct{}, 1),
		plan:     o.Plan,
		metrics:  o.Metrics,
		here:     newDone(),
		composed: newComposed(),
		fail:     parseFailpoint(o.Failpoint),
	}
	return d, nil
}

// Run processes the mailbox until ctx ends, reconnecting after failures
// with capped, jittered backoff. The message in hand when ctx ends is
// finished first.
func (d *Daemon) Run(ctx context.Context) error {
	if err := d.recoverInterrupted(); err != nil {
		return err
	}
	b := newBackoff()
	for ctx.Err() == nil {
		err := d.session(ctx, b)
		if ctx.Err() != nil {
			break
		}
		if errors.Is(err, mailbox.ErrFolderName) {
			return err // the configuration must change: trying again will not help
		}
		wait := b.next()
		d.metrics.Reconnect()
		d.log.Warn("mailbox session ended; reconnecting", "err", err, "in", wait.Round(time.Millisecond))
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
	d.log.Info("stopped")
	return nil
}

// RunOnce connects, handles all mail present and all pending work, and
// returns. The demo and tests use it.
func (d *Daemon) RunOnce(ctx context.Context) error {
	if err := d.recoverInterrupted(); err != nil {
		return err
	}
	mb, err := d.connect(ctx)
	if err != nil {
		return err
	}
	defer mb.Close()
	return d.cycle(ctx, mb)
}

// session is one mailbox connection: cycles separated by waits for mail.
func (d *Daemon) session(ctx context.Context, b *backoff) error {
	mb, err := d.connect(ctx)
	if err != nil {
		return err
	}
	defer mb.Close()
	for {
		err := d.cycle(ctx, mb)
		if errors.Is(err, mailbox.ErrUIDValidityChanged) {
			d.log.Warn("inbox UIDVALIDITY changed; rescanning by Message-ID")
			continue // the next cycle selects it again and starts from its watermark
		}
		if err != nil {
			return err
		}
		b.reset()
		if err := d.waitForWork(ctx, mb); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("wait for mail: %w", err)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// Wake makes the daemon work now rather than when mail comes or its timer
// ends: staff acted on a case.
func (d *Daemon) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// waitForWork waits for new mail, a retry's time, or a Wake.
func (d *Daemon) waitForWork(ctx context.Context, mb Mailbox) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-d.wake:
			cancel()
		case <-wctx.Done():
		}
	}()
	err := mb.WaitForMail(wctx, d.nextWake())
	if wctx.Err() != nil && ctx.Err() == nil {
		return nil // woken
	}
	return err
}

func (d *Daemon) connect(ctx context.Context) (Mailbox, error) {
	mb, err := d.opts.Dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to mailbox: %w", err)
	}
	folders := []string{d.cfg.Mailbox.ProcessedFolder, d.cfg.Mailbox.ReviewFolder}
	sent, err := d.resolveSent(ctx, mb)
	if err != nil {
		mb.Close()
		return nil, err
	}
	if sent != "" {
		folders = append(folders, sent)
	}
	if err := mb.EnsureFolders(ctx, folders...); err != nil {
		mb.Close()
		return nil, fmt.Errorf("create folders: %w", err)
	}
	return mb, nil
}

// cycle handles new mail above the watermark, then pending work.
func (d *Daemon) cycle(ctx context.Context, mb Mailbox) error {
	inbox := d.cfg.Mailbox.Inbox
	st, err := mb.Select(ctx, inbox)
	if err != nil {
		return fmt.Errorf("select %s: %w", inbox, err)
	}
	d.validity = st.UIDValidity
	if err := d.settleAll(ctx, mb); err != nil {
		return err
	}
	if err := d.handleNew(ctx, mb); err != nil {
		return err
	}
	d.cycled()
	d.opts.Jobs(ctx)
	return nil
}

// cycled records a successful read of the inbox: for /healthz, the
// metrics, and systemd's READY the first time.
func (d *Daemon) cycled() {
	now := d.now()
	d.metrics.Polled(now)
	if d.opts.Ready != nil {
		d.ready.Do(d.opts.Ready)
	}
	if d.metrics != nil && now.Sub(d.countedAt) >= time.Minute {
		d.countedAt = now
		err := d.store.View(func(tx *store.Tx) error {
			d.metrics.Cases(tx.OpenCases(now))
			return nil
		})
		if err != nil {
			d.log.Warn("cannot count the open cases for the metrics", "err", err)
		}
	}
}

// handleNew handles the new mail in batches until there is no more. A full
// batch is filed on a second connection while the next one is handled.
func (d *Daemon) handleNew(ctx context.Context, mb Mailbox) (err error) {
	f := &filer{d: d}
	defer func() {
		if ferr := f.close(); err == nil {
			err = ferr
		}
	}()
	for ctx.Err() == nil {
		n, err := d.handleBatch(ctx, mb, f)
		if err != nil || n == 0 {
			return err
		}
	}
	return nil
}

// handleBatch handles up to batchSize new messages and returns how many.
// Their decisions are recorded in groups (group.go), their replies sent
// beside the reading, their moves out of the inbox made together at the
// end, in UID sets, and the watermark is written once, with the last
// group: a message handled before a crash is known by its Message-ID when
// it is fetched again, and its move is pending work.
func (d *Daemon) handleBatch(ctx context.Context, mb Mailbox, f *filer) (int, error) {
	inbox := d.cfg.Mailbox.Inbox
	var mark uint32
	if err := d.store.View(func(tx *store.Tx) error {
		mark = tx.Watermark(inbox, d.validity)
		return nil
	}); err != nil {
		return 0, err
	}
	sums, err := mb.FetchSince(ctx, mark, batchSize)
	if err != nil {
		return 0, fmt.Errorf("fetch new mail after uid %d: %w", mark, err)
	}
	b := &batch{group: newGroup(), sending: d.startSending(ctx), filing: f}
	d.batch = b
	n, err := d.handleEach(ctx, mb, sums)
	d.batch = nil
	if serr := b.sending.wait(); err == nil {
		err = serr
	}
	switch {
	case err != nil:
	case n == batchSize && ctx.Err() == nil:
		err = f.fileAside(ctx, mb, b.cases) // more mail is likely: read on meanwhile
	default:
		err = f.fileHere(ctx, mb, b.cases)
	}
	return n, err
}

// handleEach handles messages in order until one fails or ctx ends,
// records their decisions, and returns how many it handled; the watermark
// is raised to the last of them with the last group. When the decision
// about a message cannot be recorded, the messages from it on are not
// handled: they are fetched again on the next cycle.
func (d *Daemon) handleEach(ctx context.Context, mb Mailbox, sums []mailbox.Summary) (int, error) {
	n, err := d.decideEach(ctx, mb, sums)
	n = handledBefore(sums, n, err)
	rerr := d.recordGroup(markOf(sums, n))
	if m := handledBefore(sums, n, rerr); m < n {
		n = m
		werr := d.store.Update(func(tx *store.Tx) error { return d.raiseWatermark(tx, markOf(sums, n)) })
		rerr = errors.Join(rerr, werr)
	}
	if err == nil {
		err = rerr
	}
	return n, err
}

// decideEach handles messages in order, recording each group of decisions
// once it is full, until one fails or ctx ends, and returns how many it
// handled (its decision recorded or held in the group).
func (d *Daemon) decideEach(ctx context.Context, mb Mailbox, sums []mailbox.Summary) (int, error) {
	for i, s := range sums {
		if ctx.Err() != nil || d.batch.sending.dead() || d.batch.filing.dead() {
			return i, nil
		}
		err := d.handle(context.WithoutCancel(ctx), mb, s)
		if err == nil && d.batch.group.full() {
			err = d.recordGroup(0)
		}
		if err != nil {
			return i, err
		}
	}
	return len(sums), nil
}

// handledBefore is how many of the first n messages of sums were handled
// when err may be the failure to record one of them: those before it.
func handledBefore(sums []mailbox.Summary, n int, err error) int {
	var re *recordError
	if !errors.As(err, &re) {
		return n
	}
	if i := slices.IndexFunc(sums[:n], func(s mailbox.Summary) bool { return s.UID == re.uid }); i >= 0 {
		return i
	}
	return n
}

// markOf is the watermark once the first n messages of sums are handled:
// the UID of the last of them, or 0 (none to raise) when n is 0.
func markOf(sums []mailbox.Summary, n int) uint32 {
	if n == 0 {
		return 0
	}
	return sums[n-1].UID
}

func (d *Daemon) now() time.Time { return d.opts.Now() }
