package mailbox

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap/v2"
)

// Move moves messages of the selected mailbox to folder. When flag is true
// they get \Flagged first (UID STORE +FLAGS.SILENT), so they arrive flagged.
// It is File with nothing to look at first: the daemon files with File.
//
// Without the MOVE extension it copies them, marks them \Deleted and removes
// just them with UID EXPUNGE (UIDPLUS). A server with neither gets a plain
// EXPUNGE only when no other message of the mailbox is marked \Deleted;
// otherwise the moved originals stay behind marked \Deleted (logged), since
// a plain EXPUNGE would also remove mail someone else meant to delete.
func (c *Client) Move(ctx context.Context, uids []uint32, folder string, flag bool) error {
	items := make([]FileItem, len(uids))
	for i, uid := range uids {
		items[i] = FileItem{UID: uid}
	}
	return c.File(ctx, folder, flag, items)
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
	return c.expunge(set)
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
