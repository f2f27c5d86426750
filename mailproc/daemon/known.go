package daemon

import (
	"context"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/store"
)

// handleKnown deals with a message the daemon has seen before (same
// Message-ID, or same bytes). It is never decided again. When it is the
// recorded copy, under a new UID after a UIDVALIDITY change, its UID is
// updated so pending work can move it; any other copy (delivered twice,
// copied back into the inbox) is recorded among the case's copies and
// filed where the first one went, through the same filing as the rest.
func (d *Daemon) handleKnown(ctx context.Context, mb Mailbox, s mailbox.Summary, id, key string) error {
	c, err := d.loadCase(id)
	if err != nil {
		return err
	}
	for _, list := range [][]cases.Message{c.Messages, c.Copies} {
		for _, m := range list {
			if m.Key == key && m.UID == s.UID && m.UIDValidity == d.validity {
				return d.settle(ctx, mb, id) // a restart before its move
			}
		}
	}
	for i, m := range c.Messages {
		if m.Key == key && !m.Moved && m.UIDValidity != d.validity {
			return d.renumber(ctx, mb, id, i, s.UID)
		}
	}
	for _, m := range c.Messages {
		if m.Key == key {
			return d.addCopy(ctx, mb, id, m, s.UID)
		}
	}
	return nil
}

// renumber records the new UID of a message not yet moved, after a
// UIDVALIDITY change, and carries its case forward.
func (d *Daemon) renumber(ctx context.Context, mb Mailbox, id string, i int, uid uint32) error {
	if _, err := d.updateCase(id, func(_ *store.Tx, c *cases.Case) error {
		c.Messages[i].UID, c.Messages[i].UIDValidity = uid, d.validity
		c.Messages[i].Filing = nil // the intent named the old UID
		return nil
	}); err != nil {
		return err
	}
	return d.settle(ctx, mb, id)
}

// addCopy records another copy of a known message, to be filed where the
// first went; a copy recorded before under an old UIDVALIDITY and not yet
// filed is renumbered instead.
func (d *Daemon) addCopy(ctx context.Context, mb Mailbox, id string, first cases.Message, uid uint32) error {
	folder := first.Folder
	if folder == "" {
		folder = d.cfg.Mailbox.ProcessedFolder
	}
	cp := cases.Message{Key: first.Key, MessageID: first.MessageID, Folder: folder, Flag: first.Flag,
		UID: uid, UIDValidity: d.validity, Action: "copy"}
	if _, err := d.updateCase(id, func(_ *store.Tx, c *cases.Case) error {
		for i, m := range c.Copies {
			if m.Key == cp.Key && !m.Moved && m.UIDValidity != d.validity {
				c.Copies[i] = cp
				return nil
			}
		}
		c.Copies = append(c.Copies, cp)
		return nil
	}); err != nil {
		return err
	}
	d.here.decided(cp.Key)
	d.log.Info("known message: filed without a second decision", "uid", uid, "case", id, "folder", folder)
	return d.settle(ctx, mb, id)
}
