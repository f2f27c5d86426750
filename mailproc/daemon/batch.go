package daemon

import (
	"context"
	"fmt"
	"slices"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/store"
)

// batch gathers the cases decided in one batch of new mail: their replies
// go out through the batch's send queue, and their messages leave the inbox
// together once it is drained, filed by the cycle's filer.
type batch struct {
	cases   []string
	sending *sendQueue
	filing  *filer // files the batch before, perhaps still
}

// deferToBatch reports whether a case's work is left to the batch in hand,
// and if so queues its replies and remembers it for the moves.
func (d *Daemon) deferToBatch(id string) bool {
	if d.batch == nil {
		return false
	}
	d.batch.sending.add(id)
	if !slices.Contains(d.batch.cases, id) {
		d.batch.cases = append(d.batch.cases, id)
	}
	return true
}

// moveKey groups moves that one UID MOVE can make.
type moveKey struct {
	folder string
	flag   bool
}

// moveBatch moves the inbox messages of the batch's cases whose replies are
// settled, one UID MOVE per destination, and records them moved in one
// transaction. What cannot move this way (a reply still to retry, a
// renumbered message) stays pending work.
func (d *Daemon) moveBatch(ctx context.Context, mb Mailbox, ids []string) error {
	cs := make([]*cases.Case, len(ids))
	for i, id := range ids {
		var err error
		if cs[i], err = d.loadCase(id); err != nil {
			return err
		}
	}
	copied, err := d.copyBatch(ctx, mb, cs)
	if err != nil {
		return err
	}
	groups := map[moveKey][]uint32{}
	var order []moveKey
	for _, c := range cs {
		if unsettled(c) {
			continue
		}
		for _, m := range c.Messages {
			if m.Moved || m.At != "" || m.UIDValidity != d.validity {
				continue
			}
			k := moveKey{m.Folder, m.Flag}
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], m.UID)
			d.here.firstMove(m.Key)
		}
	}
	if len(order) > 0 {
		d.failpoint("before-move")
	}
	for _, k := range order {
		if err := mb.Move(ctx, groups[k], k.folder, k.flag); err != nil {
			return fmt.Errorf("move %d messages to %s: %w", len(groups[k]), k.folder, err)
		}
	}
	return d.store.Update(func(tx *store.Tx) error {
		for _, id := range ids {
			if err := markMoved(tx, id, groups, copied[id]); err != nil {
				return err
			}
		}
		return nil
	})
}

// copyBatch appends the sent copies of the batch's replies to the sent
// folder, pipelined, and returns which it appended, by case. A reply that
// this process did not just send (a copy may be there already) is copied
// on its own, after a look.
func (d *Daemon) copyBatch(ctx context.Context, mb Mailbox, cs []*cases.Case) (map[string][]string, error) {
	folder := d.cfg.Mailbox.SentFolder
	var items []mailbox.AppendItem
	var whose []struct{ id, mid string }
	for _, c := range cs {
		id := c.ID
		for i, r := range c.Replies {
			if r.State != cases.ReplySent || r.InSent {
				continue
			}
			if !d.here.firstAppend(r.MessageID) {
				if err := d.copyToSent(ctx, mb, id, i); err != nil {
					d.log.Warn("reply sent but not yet copied to the sent folder", "case", id, "err", err)
				}
				continue
			}
			if raw := d.rawOf(r.MessageID); raw != nil {
				items = append(items, mailbox.AppendItem{Raw: raw, Flags: []string{`\Seen`}, Date: r.SentAt})
				whose = append(whose, struct{ id, mid string }{id, r.MessageID})
			}
		}
	}
	copied := map[string][]string{}
	if len(items) == 0 || folder == "" {
		return copied, nil
	}
	refused, err := mb.AppendMany(ctx, folder, items)
	if err != nil {
		return nil, fmt.Errorf("copy %d replies to %s: %w", len(items), folder, err)
	}
	for i, w := range whose {
		if refused[i] != nil {
			d.log.Warn("reply sent but its copy was refused by the sent folder; will try again", "case", w.id, "err", refused[i])
			continue
		}
		copied[w.id] = append(copied[w.id], w.mid)
	}
	return copied, nil
}

// rawOf returns the stored bytes of a reply.
func (d *Daemon) rawOf(messageID string) (raw []byte) {
	d.store.View(func(tx *store.Tx) error {
		raw = tx.Raw(messageID)
		return nil
	})
	return raw
}

// markMoved records as moved the messages of a case that moveBatch moved,
// and as copied the replies it copied (whose bytes then go).
func markMoved(tx *store.Tx, id string, moved map[moveKey][]uint32, copied []string) error {
	c, err := tx.Case(id)
	if err != nil {
		return err
	}
	for i := range c.Replies {
		if slices.Contains(copied, c.Replies[i].MessageID) {
			c.Replies[i].InSent = true
			if err := tx.DeleteRaw(c.Replies[i].MessageID); err != nil {
				return err
			}
		}
	}
	for i := range c.Messages {
		m := &c.Messages[i]
		if !m.Moved && m.At == "" && slices.Contains(moved[moveKey{m.Folder, m.Flag}], m.UID) {
			m.Moved, m.At = true, m.Folder
		}
	}
	return tx.PutCase(c)
}

// unsettled reports whether a reply of the case is still to be sent.
func unsettled(c *cases.Case) bool {
	for _, r := range c.Replies {
		if r.State == cases.ReplyPlanned || r.State == cases.ReplySending {
			return true
		}
	}
	return false
}
