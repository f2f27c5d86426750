package daemon

import (
	"errors"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// recoverInterrupted settles what a process that died left half done: a
// reply whose sending was begun but not confirmed is never sent again; its
// case goes to staff (delivery-unknown).
func (d *Daemon) recoverInterrupted() error {
	var ids []string
	if err := d.store.View(func(tx *store.Tx) error {
		ids = tx.PendingCases()
		return nil
	}); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := d.updateCase(id, d.recoverCase); err != nil && !errors.Is(err, errSkip) {
			return err
		}
	}
	return nil
}

func (d *Daemon) recoverCase(_ *store.Tx, c *cases.Case) error {
	changed := false
	for i := range c.Replies {
		if c.Replies[i].State == cases.ReplySending {
			d.replyFails(c, &c.Replies[i], cases.ReplyUnknown, cases.ReasonDeliveryUnknown, errInterrupted)
			changed = true
		}
	}
	if !changed {
		return errSkip
	}
	return nil
}

var errInterrupted = errors.New("sending was begun but not confirmed when the process stopped")
