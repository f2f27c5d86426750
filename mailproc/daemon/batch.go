package daemon

import (
	"context"
	"fmt"
	"slices"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// batch gathers the cases decided in one batch of new mail, so their
// messages leave the inbox together.
type batch struct{ cases []string }

// deferMove reports whether a case's moves wait for the end of the batch,
// and if so remembers it.
func (d *Daemon) deferMove(id string) bool {
	if d.batch == nil {
		return false
	}
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
	groups := map[moveKey][]uint32{}
	var order []moveKey
	for _, id := range ids {
		c, err := d.loadCase(id)
		if err != nil {
			return err
		}
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
	if len(order) == 0 {
		return nil
	}
	d.failpoint("before-move")
	for _, k := range order {
		if err := mb.Move(ctx, groups[k], k.folder, k.flag); err != nil {
			return fmt.Errorf("move %d messages to %s: %w", len(groups[k]), k.folder, err)
		}
	}
	return d.store.Update(func(tx *store.Tx) error {
		for _, id := range ids {
			if err := markMoved(tx, id, groups); err != nil {
				return err
			}
		}
		return nil
	})
}

// markMoved records as moved the messages of a case that moveBatch moved.
func markMoved(tx *store.Tx, id string, moved map[moveKey][]uint32) error {
	c, err := tx.Case(id)
	if err != nil {
		return err
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
