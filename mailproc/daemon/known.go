package daemon

import (
	"context"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/store"
)

// handleKnown deals with a message the daemon has seen before (same
// Message-ID, or same bytes). It is never decided again. When it is the
// recorded copy, under a new UID after a UIDVALIDITY change, its UID is
// updated so pending work can move it; any other copy (delivered twice,
// copied back into the inbox) is filed where the first one went.
func (d *Daemon) handleKnown(ctx context.Context, mb Mailbox, s mailbox.Summary, id, key string) error {
	c, err := d.loadCase(id)
	if err != nil {
		return err
	}
	for i, m := range c.Messages {
		if m.Key != key {
			continue
		}
		if m.UID == s.UID && m.UIDValidity == d.validity {
			return d.settle(ctx, mb, id) // a restart before its move
		}
		if !m.Moved && m.UIDValidity != d.validity {
			return d.renumber(ctx, mb, id, i, s.UID)
		}
		return d.fileCopy(ctx, mb, c, m, s.UID)
	}
	return nil
}

// renumber records the new UID of a message not yet moved, after a
// UIDVALIDITY change, and carries its case forward.
func (d *Daemon) renumber(ctx context.Context, mb Mailbox, id string, i int, uid uint32) error {
	if _, err := d.updateCase(id, func(_ *store.Tx, c *cases.Case) error {
		c.Messages[i].UID, c.Messages[i].UIDValidity = uid, d.validity
		return nil
	}); err != nil {
		return err
	}
	return d.settle(ctx, mb, id)
}

// fileCopy moves another copy of a known message where the first went.
func (d *Daemon) fileCopy(ctx context.Context, mb Mailbox, c *cases.Case, m cases.Message, uid uint32) error {
	folder, flag := m.Folder, m.Flag
	if folder == "" {
		folder = d.cfg.Mailbox.ProcessedFolder
	}
	if err := mb.Move(ctx, []uint32{uid}, folder, flag); err != nil {
		return fmt.Errorf("file copy uid %d to %s: %w", uid, folder, err)
	}
	_, err := d.updateCase(c.ID, func(_ *store.Tx, c *cases.Case) error {
		c.Log(d.now(), cases.ActorDaemon, "copy filed", fmt.Sprintf("another copy of %s (uid %d) went to %s, not decided again", shortKey(m.Key), uid, folder))
		return nil
	})
	d.log.Info("known message filed without a second decision", "uid", uid, "case", c.ID, "folder", folder)
	return err
}
