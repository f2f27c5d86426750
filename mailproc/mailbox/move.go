package mailbox

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// Move moves messages of the selected mailbox to folder. When flag is true
// they get \Flagged first (UID STORE +FLAGS.SILENT), so they arrive flagged.
//
// Without the MOVE extension it copies them, marks them \Deleted and removes
// just them with UID EXPUNGE (UIDPLUS). A server with neither gets a plain
// EXPUNGE only when no other message of the mailbox is marked \Deleted;
// otherwise the moved originals stay behind marked \Deleted (logged), since
// a plain EXPUNGE would also remove mail someone else meant to delete.
func (c *Client) Move(ctx context.Context, uids []uint32, folder string, flag bool) error {
	if len(uids) == 0 {
		return nil
	}
	set := uidSet(uids)
	err := c.exchange(ctx, func() error {
		if err := c.ensureSelected(); err != nil {
			return err
		}
		if flag {
			if err := c.storeFlag(set, imap.StoreFlagsAdd, imap.FlagFlagged); err != nil {
				return err
			}
		}
		return c.moveSelected(set, c.names.server(folder))
	})
	if err != nil {
		return fmt.Errorf("move uids %s to %q: %w", set, folder, err)
	}
	return nil
}

// storeFlag adds or removes one flag with UID STORE ±FLAGS.SILENT.
func (c *Client) storeFlag(set imap.UIDSet, op imap.StoreFlagsOp, flag imap.Flag) error {
	store := &imap.StoreFlags{Op: op, Silent: true, Flags: []imap.Flag{flag}}
	if err := c.imap.Store(set, store, nil).Close(); err != nil {
		return fmt.Errorf("uid store %s flags %s: %w", set, flag, err)
	}
	return nil
}

// moveSelected moves set from the selected mailbox to the server folder dest.
func (c *Client) moveSelected(set imap.UIDSet, dest string) error {
	if !c.caps.move {
		return c.copyAndExpunge(set, dest)
	}
	if _, err := c.imap.Move(set, dest).Wait(); err != nil {
		return fmt.Errorf("uid move: %w", err)
	}
	return nil
}

// copyAndExpunge is MOVE for servers without it.
func (c *Client) copyAndExpunge(set imap.UIDSet, dest string) error {
	if _, err := c.imap.Copy(set, dest).Wait(); err != nil {
		return fmt.Errorf("uid copy: %w", err)
	}
	if err := c.storeFlag(set, imap.StoreFlagsAdd, imap.FlagDeleted); err != nil {
		return err
	}
	if c.caps.uidPlus {
		if err := c.imap.UIDExpunge(set).Close(); err != nil {
			return fmt.Errorf("uid expunge: %w", err)
		}
		return nil
	}
	return c.expungeIfOnlyOurs(set)
}

// expungeIfOnlyOurs sends a plain EXPUNGE only when every \Deleted message in
// the mailbox is in set.
func (c *Client) expungeIfOnlyOurs(set imap.UIDSet) error {
	data, err := c.imap.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagDeleted}}, nil).Wait()
	if err != nil {
		return fmt.Errorf("uid search deleted: %w", err)
	}
	for _, uid := range data.AllUIDs() {
		if !set.Contains(uid) {
			c.log.Warn("imap server has neither MOVE nor UIDPLUS and other mail is marked \\Deleted: moved originals left marked \\Deleted",
				"folder", c.current.folder, "uids", set.String())
			return nil
		}
	}
	if err := c.imap.Expunge().Close(); err != nil {
		return fmt.Errorf("expunge: %w", err)
	}
	return nil
}
