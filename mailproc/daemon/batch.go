package daemon

import (
	"fmt"
	"slices"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// batch gathers the cases decided in one batch of new mail: their
// decisions are recorded in groups, their replies go out through the
// batch's send queue, and their messages leave the inbox together once it
// is drained, filed by the cycle's filer.
type batch struct {
	cases   []string
	group   *group // decisions not yet recorded
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

// rawOf returns the bytes of a reply (replyBytes); nil when they are no
// longer kept.
func (d *Daemon) rawOf(messageID string) (raw []byte, err error) {
	err = d.store.View(func(tx *store.Tx) error {
		raw, err = d.replyBytes(tx, messageID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the bytes of reply %s: %w", messageID, err)
	}
	return raw, nil
}

// replyBytes returns the bytes of a reply as this process holds them
// (composed), or else as tx keeps them; nil when neither has them.
func (d *Daemon) replyBytes(tx *store.Tx, messageID string) ([]byte, error) {
	if raw := d.composed.get(messageID); raw != nil {
		return raw, nil
	}
	return tx.Raw(messageID)
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
