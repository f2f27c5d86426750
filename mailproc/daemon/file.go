package daemon

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/store"
)

// fileCases is the one way cases' mail is filed, for a batch of new mail
// and for the pending work found after a restart alike: the sent copies
// of their replies are appended (pipelined), then their messages leave the
// inbox in UID sets, one filing per destination, and all of it is recorded
// in one transaction. A message is filed only once none of its case's
// replies is unsettled.
//
// Filing is safe to repeat after a crash or a lost connection at any
// point: before the first IMAP command of a filing, its intent (with the
// destination's mark on a server without MOVE) is recorded on each
// message, and a message with an intent is looked at before it is filed
// again (mailbox.Client.File), so none lands twice in its folder.
func (d *Daemon) fileCases(ctx context.Context, mb Mailbox, ids []string) error {
	defer d.filed(len(ids), time.Now())
	cs, err := d.loadHeads(ids)
	if err != nil {
		return err
	}
	copied, err := d.copyReplies(ctx, mb, cs)
	if err != nil {
		// The replies went out; their copies are tried again on later
		// cycles and do not hold the requests in the inbox.
		d.log.Warn("replies sent but not yet copied to the sent folder", "err", err)
	}
	plan := d.planFiling(cs)
	if err := d.recordFilings(ctx, mb, plan); err != nil {
		return err
	}
	if len(plan.groups) > 0 || len(plan.elsewhere) > 0 {
		d.failpoint("before-move")
	}
	filed, err := d.carryOut(ctx, mb, plan)
	if err != nil {
		return err
	}
	if len(filed) == 0 && len(copied) == 0 {
		return nil
	}
	return d.store.Update(func(tx *store.Tx) error {
		for _, c := range cs {
			if err := markFiled(tx, c.ID, filed[c.ID], copied[c.ID], d.now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// loadHeads reads the heads of the cases (no texts, no history: filing
// needs their messages' places and their replies).
func (d *Daemon) loadHeads(ids []string) ([]*cases.Case, error) {
	cs := make([]*cases.Case, 0, len(ids))
	err := d.store.View(func(tx *store.Tx) error {
		for _, id := range ids {
			h, err := tx.CaseHead(id)
			if err != nil {
				return err
			}
			cs = append(cs, h.Case)
		}
		return nil
	})
	return cs, err
}

// moveKey groups the messages one filing moves: a destination and whether
// they get \Flagged there.
type moveKey struct {
	folder string
	flag   bool
}

// fileRef is one message to file: which of which case, where it goes.
type fileRef struct {
	caseID string
	copy   bool // one of the case's Copies, not its Messages
	i      int
	m      cases.Message
	to     moveKey
	look   bool // not fetched by this process: look before acting
}

// filingPlan is what fileCases files: messages in the inbox by
// destination, in the order destinations were first met, and messages
// staff re-filed after they left the inbox.
type filingPlan struct {
	groups    map[moveKey][]fileRef
	order     []moveKey
	elsewhere []fileRef
}

func (p *filingPlan) add(r fileRef) {
	if p.groups[r.to] == nil {
		p.order = append(p.order, r.to)
	}
	p.groups[r.to] = append(p.groups[r.to], r)
}

// planFiling lists the messages of cs to file now. A message whose filing
// was begun under an earlier intent is filed where that intent said (staff
// may have changed the case's folder since: it moves on from there later).
// Messages renumbered by a UIDVALIDITY change wait for the rescan.
func (d *Daemon) planFiling(cs []*cases.Case) *filingPlan {
	p := &filingPlan{groups: map[moveKey][]fileRef{}}
	for _, c := range cs {
		if unsettled(c) {
			continue
		}
		for _, list := range []struct {
			copy bool
			ms   []cases.Message
		}{{false, c.Messages}, {true, c.Copies}} {
			for i, m := range list.ms {
				ref := fileRef{caseID: c.ID, copy: list.copy, i: i, m: m, to: moveKey{m.Folder, m.Flag}}
				switch {
				case m.Moved:
				case m.At != "" && m.At != d.cfg.Mailbox.Inbox:
					p.elsewhere = append(p.elsewhere, ref)
				case m.UIDValidity != d.validity:
				default:
					if m.Filing != nil {
						ref.to = moveKey{m.Filing.Folder, m.Filing.Flag}
					}
					ref.look = !d.here.firstMove(m.Key)
					p.add(ref)
				}
			}
		}
	}
	return p
}

// recordFilings records the intent to file each message of the plan that
// has none yet, with its destination's mark, in one transaction.
func (d *Daemon) recordFilings(ctx context.Context, mb Mailbox, p *filingPlan) error {
	marks := map[moveKey]mailbox.FilingMark{}
	for _, k := range p.order {
		for _, r := range p.groups[k] {
			if r.m.Filing == nil {
				mark, err := mb.MarkFiling(ctx, k.folder)
				if err != nil {
					return fmt.Errorf("note %s before filing: %w", k.folder, err)
				}
				marks[k] = mark
				break
			}
		}
	}
	if len(marks) == 0 {
		return nil
	}
	return d.store.Update(func(tx *store.Tx) error {
		byCase := map[string]*store.CaseHead{}
		for k, mark := range marks {
			for _, r := range p.groups[k] {
				if r.m.Filing != nil {
					continue
				}
				c, err := caseIn(tx, byCase, r.caseID)
				if err != nil {
					return err
				}
				m := messageOf(c, r)
				if m != nil && m.UID == r.m.UID && !m.Moved {
					m.Filing = &cases.Filing{Folder: k.folder, Flag: k.flag, UIDValidity: mark.UIDValidity, UIDNext: mark.UIDNext}
				}
			}
		}
		return putCases(tx, byCase)
	})
}

// carryOut files the plan's messages and returns those filed, by case.
func (d *Daemon) carryOut(ctx context.Context, mb Mailbox, p *filingPlan) (map[string][]fileRef, error) {
	filed := map[string][]fileRef{}
	for _, k := range p.order {
		refs := p.groups[k]
		items := make([]mailbox.FileItem, len(refs))
		for i, r := range refs {
			items[i] = mailbox.FileItem{UID: r.m.UID, Look: r.look}
			if f := r.m.Filing; f != nil {
				items[i].Mark = &mailbox.FilingMark{UIDValidity: f.UIDValidity, UIDNext: f.UIDNext}
			}
		}
		if err := mb.File(ctx, k.folder, k.flag, items); err != nil {
			return nil, fmt.Errorf("file %d messages in %s: %w", len(items), k.folder, err)
		}
		for _, r := range refs {
			filed[r.caseID] = append(filed[r.caseID], r)
		}
	}
	for _, r := range p.elsewhere {
		if err := d.moveElsewhere(ctx, mb, r.m); errors.Is(err, errSkip) {
			continue
		} else if err != nil {
			return nil, err
		}
		filed[r.caseID] = append(filed[r.caseID], r)
	}
	return filed, nil
}

// moveElsewhere moves a message staff re-filed from the folder it is in to
// the case's, by Message-ID.
func (d *Daemon) moveElsewhere(ctx context.Context, mb Mailbox, m cases.Message) error {
	if m.MessageID == "" {
		return errSkip // cannot be found again outside the inbox
	}
	if err := mb.MoveByMessageID(ctx, m.At, m.Folder, m.MessageID, m.Flag); err != nil && !errors.Is(err, mailbox.ErrNotFound) {
		return fmt.Errorf("move %s from %s to %s: %w", m.MessageID, m.At, m.Folder, err)
	}
	return nil
}

// markFiled records where the filed messages of a case are now, and which
// of its replies were copied to the sent folder (their bytes stay in the
// store for the record, until retention removes the case). A message whose
// case was sent elsewhere meanwhile (staff) stays pending, to move on from
// where it is. It reads and writes the case's head only.
func markFiled(tx *store.Tx, id string, filed []fileRef, copied []string, now time.Time) error {
	if len(filed) == 0 && len(copied) == 0 {
		return nil
	}
	h, err := tx.CaseHead(id)
	if err != nil {
		return err
	}
	c := h.Case
	for i := range c.Replies {
		if r := &c.Replies[i]; slices.Contains(copied, r.MessageID) {
			r.InSent = true
		}
	}
	for _, r := range filed {
		m := messageOf(c, r)
		if m == nil || m.UID != r.m.UID {
			continue
		}
		m.At, m.Filing = r.to.folder, nil
		m.Moved = m.Folder == r.to.folder && m.Flag == r.to.flag
		if r.copy && m.Moved {
			c.Log(now, cases.ActorDaemon, "copy filed", fmt.Sprintf("another copy of %s (uid %d) went to %s, not decided again", shortKey(m.Key), m.UID, m.Folder))
		}
	}
	return tx.PutCaseHead(h)
}

// messageOf is the message of c that r names, or nil.
func messageOf(c *cases.Case, r fileRef) *cases.Message {
	list := c.Messages
	if r.copy {
		list = c.Copies
	}
	if r.i >= len(list) {
		return nil
	}
	return &list[r.i]
}

// caseIn reads the head of a case once per transaction.
func caseIn(tx *store.Tx, byCase map[string]*store.CaseHead, id string) (*cases.Case, error) {
	if h, ok := byCase[id]; ok {
		return h.Case, nil
	}
	h, err := tx.CaseHead(id)
	if err != nil {
		return nil, err
	}
	byCase[id] = h
	return h.Case, nil
}

// putCases writes the heads read by caseIn.
func putCases(tx *store.Tx, byCase map[string]*store.CaseHead) error {
	for _, h := range byCase {
		if err := tx.PutCaseHead(h); err != nil {
			return err
		}
	}
	return nil
}
