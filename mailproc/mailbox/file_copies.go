package mailbox

import (
	"fmt"
	"slices"

	"github.com/emersion/go-imap/v2"
)

// findCopies looks in the server folder dest for the copies an earlier
// attempt made of the originals that carry a mark: a message with the same
// header at or above the original's mark, one per original, lowest UID
// first. A copy found loses \Deleted and, when flag is set, gains
// \Flagged. It returns the originals that have a copy, and those whose
// mark could be used (dest kept its UIDVALIDITY). The caller's mailbox is
// selected again after.
func (c *Client) findCopies(dest string, flag bool, here []original) (copied, known map[uint32]bool, err error) {
	copied, known = map[uint32]bool{}, map[uint32]bool{}
	var marked []original
	for _, o := range here {
		if o.Mark != nil && o.Mark.UIDNext > 0 {
			marked = append(marked, o)
		}
	}
	if len(marked) == 0 {
		return copied, known, nil
	}
	err = c.inFolder(dest, false, func() error {
		var usable []original
		for _, o := range marked {
			if o.Mark.UIDValidity == c.current.uidValidity {
				usable = append(usable, o)
				known[o.UID] = true
			}
		}
		if len(usable) == 0 {
			return nil
		}
		candidates, err := c.candidates(usable)
		if err != nil {
			return err
		}
		claimed := claimCopies(usable, candidates)
		for uid := range claimed {
			copied[uid] = true
		}
		return c.fixCopies(claimed, flag)
	})
	return copied, known, err
}

// candidates fetches the messages of the selected folder at or above the
// lowest mark among originals.
func (c *Client) candidates(originals []original) ([]found, error) {
	from := originals[0].Mark.UIDNext
	for _, o := range originals {
		from = min(from, o.Mark.UIDNext)
	}
	var set imap.UIDSet
	set.AddRange(imap.UID(from), 0) // from:*
	all, err := c.fetchFlagsHeaders(set, true)
	if err != nil {
		return nil, err
	}
	// "N:*" names the last message even when its UID is below N.
	return slices.DeleteFunc(all, func(f found) bool { return f.uid < from }), nil
}

// claimCopies pairs each original with one candidate of the same header at
// or above its mark, none claimed twice; it returns the copy by original.
func claimCopies(originals []original, candidates []found) map[uint32]found {
	slices.SortFunc(candidates, func(a, b found) int { return int(a.uid) - int(b.uid) })
	taken := map[uint32]bool{}
	out := map[uint32]found{}
	for _, o := range originals {
		for _, f := range candidates {
			if !taken[f.uid] && f.uid >= o.Mark.UIDNext && f.header == o.header {
				taken[f.uid] = true
				out[o.UID] = f
				break
			}
		}
	}
	return out
}

// notCopiedYet returns the messages of set (in from, selected) that have
// no copy in to yet, for a move by Message-ID without MOVE: the others are
// expunged from from, their copies in to fixed as findCopies does. It
// leaves from selected.
func (c *Client) notCopiedYet(set imap.UIDSet, from, to, messageID string, flag bool) (imap.UIDSet, error) {
	got, err := c.fetchFlagsHeaders(set, true)
	if err != nil {
		return nil, err
	}
	originals := make([]original, len(got))
	for i, f := range got {
		originals[i] = original{FileItem: FileItem{UID: f.uid, Mark: &FilingMark{}}, deleted: f.deleted, header: f.header}
	}
	var claimed map[uint32]found
	if err := c.inFolder(to, false, func() error {
		uids, err := c.searchMessageID(messageID)
		if err != nil || len(uids) == 0 {
			return err
		}
		candidates, err := c.fetchFlagsHeaders(imap.UIDSetNum(uids...), true)
		if err != nil {
			return err
		}
		claimed = claimCopies(originals, candidates)
		return c.fixCopies(claimed, flag)
	}); err != nil {
		return nil, err
	}
	if _, err := c.selectFolder(c.names.server(from), false); err != nil {
		return nil, fmt.Errorf("select %q again: %w", from, err)
	}
	var done, rest []uint32
	for _, o := range originals {
		if _, ok := claimed[o.UID]; ok {
			done = append(done, o.UID)
		} else {
			rest = append(rest, o.UID)
		}
	}
	if err := c.expungeFiled(done); err != nil {
		return nil, err
	}
	return uidSet(rest), nil
}

// fixCopies clears \Deleted from copies that have it, and adds \Flagged
// where flag asks for it, in the selected folder.
func (c *Client) fixCopies(copies map[uint32]found, flag bool) error {
	var undelete, unflagged []uint32
	for _, f := range copies {
		if f.deleted {
			undelete = append(undelete, f.uid)
		}
		if flag && !f.flagged {
			unflagged = append(unflagged, f.uid)
		}
	}
	if len(undelete) > 0 {
		if err := c.storeFlag(uidSet(undelete), imap.StoreFlagsDel, imap.FlagDeleted); err != nil {
			return err
		}
	}
	if len(unflagged) > 0 {
		return c.storeFlag(uidSet(unflagged), imap.StoreFlagsAdd, imap.FlagFlagged)
	}
	return nil
}
