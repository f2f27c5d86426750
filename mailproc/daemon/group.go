package daemon

import (
	"fmt"
	"slices"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/store"
)

// A batch records its decisions in groups of up to groupSize, holding at
// most groupBytes of their messages' text meanwhile: one commit for many
// messages, while its send queue still has replies to send as the next
// messages are read and decided. Its first group is of one decision, and
// each after is twice the one before until groupSize, so that the sender,
// idle when a batch begins, has a reply at once and then more replies
// coming as it sends.
const (
	groupSize  = 32
	groupBytes = 1 << 20
)

// pending is a message decided and not yet recorded, or only reported
// (ignored) when in is nil, in its place among the batch's decisions.
type pending struct {
	s      mailbox.Summary
	key    string
	in     *decisionInput
	thread string
	report Decided // for an ignored message
}

// group holds the decisions of a batch not yet recorded. They are recorded
// in the order they were made, in one transaction, so each sees those
// before it as it would have after their commits: a rate limit counts the
// replies planned before it, a repeat the answer before it. A message that
// looks up one the group holds (by key or Message-ID) or a case it follows
// up has the group recorded first, so that it finds what is there (a
// follow-up joins the case its request opened earlier in the batch, and a
// copy delivered twice is known).
type group struct {
	items []pending
	recs  int             // the items that are decisions to record
	limit int             // how many it holds when full
	bytes int             // the text of their messages
	keys  map[string]bool // message keys of the decisions held
	mids  map[string]bool // their Message-IDs
	cases map[string]bool // the cases they follow up
}

// newGroup is a batch's first group.
func newGroup() *group { return emptyGroup(1) }

func emptyGroup(limit int) *group {
	return &group{limit: limit, keys: map[string]bool{}, mids: map[string]bool{}, cases: map[string]bool{}}
}

// add holds a decision to be recorded.
func (g *group) add(p pending) {
	g.items = append(g.items, p)
	if p.in == nil {
		return
	}
	g.recs++
	g.keys[p.key] = true
	if mid := p.in.msg.Header.MessageID; mid != "" {
		g.mids[mid] = true
	}
	if p.thread != "" {
		g.cases[p.thread] = true
	}
	g.bytes += len(p.in.msg.Text) + len(p.in.msg.FullText)
}

// full reports whether the group is to be recorded now.
func (g *group) full() bool { return g.recs >= g.limit || g.bytes >= groupBytes }

// holdsAny reports whether a decision held has one of the Message-IDs.
func (g *group) holdsAny(mids []string) bool {
	return slices.ContainsFunc(mids, func(id string) bool { return g.mids[id] })
}

// take empties the group, doubling its size up to groupSize, and returns
// what it held.
func (g *group) take() []pending {
	items := g.items
	*g = *emptyGroup(min(2*g.limit, groupSize))
	return items
}

// tell reports a message left alone: at once, or after the decisions the
// group holds when it holds some, so that decisions are reported in the
// order they were made.
func (d *Daemon) tell(s mailbox.Summary, e Decided) {
	if d.batch == nil || d.batch.group.recs == 0 {
		d.decided(e)
		return
	}
	d.batch.group.add(pending{s: s, report: e})
}

// recordError is a failure to record the decision about a message: it and
// the messages after it in the batch are handled again on the next cycle.
type recordError struct {
	uid uint32
	err error
}

func (e *recordError) Error() string { return fmt.Sprintf("record uid %d: %v", e.uid, e.err) }

func (e *recordError) Unwrap() error { return e.err }

// recordGroupIf records the batch's group now when hit says it holds what
// a lookup is about to look for.
func (d *Daemon) recordGroupIf(hit func(g *group) bool) error {
	if d.batch == nil || !hit(d.batch.group) {
		return nil
	}
	return d.recordGroup(0)
}

// made is a decision recorded: its case as written, and the decision as
// the case's history made it.
type made struct {
	c   *cases.Case
	dec decide.Decision
}

// recordGroup records the batch's group in one transaction, with the inbox
// watermark raised to mark when it is not 0, then reports each decision
// and hands its case to the batch (its replies to the send queue). When
// that transaction fails, each decision is recorded in one of its own, in
// order, until one fails (a *recordError): those before it stay recorded,
// and it and the rest are dropped, to be fetched and decided again. A batch
// whose sending or filing died (raised again when it is waited for) records
// nothing more, as a process killed then would not.
func (d *Daemon) recordGroup(mark uint32) error {
	b := d.batch
	if b.sending.dead() || b.filing.dead() {
		return nil
	}
	items := b.group.take()
	var recs []pending
	for _, p := range items {
		if p.in != nil {
			recs = append(recs, p)
		}
	}
	if len(recs) == 0 && mark == 0 {
		d.reportAll(items, nil)
		return nil
	}
	var done []made
	err := d.recordUpdate(func(tx *store.Tx) error {
		done = done[:0]
		for _, p := range recs {
			m, err := d.recordIn(tx, p)
			if err != nil {
				return &recordError{uid: p.s.UID, err: err}
			}
			done = append(done, m)
		}
		return d.raiseWatermark(tx, mark)
	})
	if err != nil && len(recs) > 0 {
		d.log.Warn("recording a group of decisions failed; recording them one by one", "decisions", len(recs), "err", err)
		done, err = d.recordEach(recs, mark)
	}
	d.reportAll(items, done)
	return err
}

// recordEach records decisions one transaction each, in order, until one
// fails, and returns those recorded; the watermark is raised to mark with
// the last of them once all are.
func (d *Daemon) recordEach(recs []pending, mark uint32) ([]made, error) {
	var done []made
	for i, p := range recs {
		var m made
		err := d.recordUpdate(func(tx *store.Tx) error {
			var err error
			if m, err = d.recordIn(tx, p); err != nil {
				return err
			}
			if i == len(recs)-1 {
				return d.raiseWatermark(tx, mark)
			}
			return nil
		})
		if err != nil {
			return done, &recordError{uid: p.s.UID, err: err}
		}
		done = append(done, m)
	}
	return done, nil
}

// recordUpdate runs fn in a transaction that records decisions and, once
// it commits, holds the bytes of the replies it recorded for the outbox
// and the filer.
func (d *Daemon) recordUpdate(fn func(tx *store.Tx) error) error {
	type put struct {
		mid string
		raw []byte
	}
	var puts []put
	err := d.store.Update(func(tx *store.Tx) error {
		puts = puts[:0]
		tx.OnPutRaw(func(mid string, raw []byte) { puts = append(puts, put{mid, raw}) })
		return fn(tx)
	})
	if err == nil {
		for _, p := range puts {
			d.composed.keep(p.mid, p.raw)
		}
	}
	return err
}

// raiseWatermark raises the inbox's watermark to mark; 0 leaves it.
func (d *Daemon) raiseWatermark(tx *store.Tx, mark uint32) error {
	if mark == 0 {
		return nil
	}
	return tx.SetWatermark(d.cfg.Mailbox.Inbox, d.validity, mark)
}

// reportAll reports the decisions of a group in order, up to the first
// not recorded (done holds those recorded, in order), and hands the cases
// of the recorded ones to the batch.
func (d *Daemon) reportAll(items []pending, done []made) {
	k := 0
	for _, p := range items {
		if p.in == nil {
			d.decided(p.report)
			continue
		}
		if k == len(done) {
			return // not recorded: it and the rest are handled again
		}
		d.recorded(p, done[k])
		k++
	}
}

// recorded reports a decision once it is recorded and hands its case to
// the batch.
func (d *Daemon) recorded(p pending, m made) {
	d.here.decided(p.key)
	d.failpoint("after-decision")
	last := m.c.Messages[len(m.c.Messages)-1]
	h := p.in.msg.Header
	d.decided(Decided{UID: p.s.UID, Subject: h.Subject, From: h.From.Email, CaseID: m.c.ID,
		FollowUp: p.thread != "", Decision: m.dec, State: m.c.State, Folder: last.Folder})
	d.deferToBatch(m.c.ID)
}
