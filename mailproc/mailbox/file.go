package mailbox

import (
	"context"
	"fmt"
	"slices"

	"github.com/emersion/go-imap/v2"
)

// FilingMark is what a filing of messages out of the selected mailbox notes
// about its destination before its first command, on a server without
// MOVE: the copies it makes there get UIDs at or above UIDNext, as long as
// UIDVALIDITY stays. Recorded with the intent to file, it lets a repeat
// find the copies an interrupted attempt made. With MOVE it is zero: a
// message still in the mailbox was not moved.
type FilingMark struct {
	UIDValidity uint32 `json:"uid_validity,omitempty"`
	UIDNext     uint32 `json:"uid_next,omitempty"`
}

// FileItem is one message of the selected mailbox to file.
type FileItem struct {
	UID uint32
	// Look asks to check that the message is still there before acting:
	// it was not fetched by this process, or someone may have moved it.
	Look bool
	// Mark is set when a filing of the message may have begun before (its
	// intent was recorded with this mark): what that attempt did is found
	// and not done again.
	Mark *FilingMark
}

// MarkFiling returns the mark of folder to record with the intent to file
// messages there, before File is called: UIDNEXT and UIDVALIDITY from
// STATUS on a server without MOVE, zero (and no command) with MOVE.
func (c *Client) MarkFiling(ctx context.Context, folder string) (FilingMark, error) {
	if c.caps.move {
		return FilingMark{}, nil
	}
	var m FilingMark
	server := c.names.server(folder)
	err := c.exchange(ctx, func() error {
		data, err := c.imap.Status(server, &imap.StatusOptions{UIDNext: true, UIDValidity: true}).Wait()
		if err != nil {
			return err
		}
		m = FilingMark{UIDValidity: data.UIDValidity, UIDNext: uint32(data.UIDNext)}
		return nil
	})
	if err != nil {
		return FilingMark{}, fmt.Errorf("status %q: %w", folder, err)
	}
	return m, nil
}

// File moves messages of the selected mailbox to folder, with \Flagged
// when flag is set, so that doing it again after an interruption at any
// point leaves each message once in folder and gone from the mailbox.
//
// Items without Look or Mark are moved at once, in one UID set: MOVE, or
// UID COPY + UID STORE \Deleted + UID EXPUNGE (see Move). The others are
// looked at first: those gone are filed already. With MOVE the rest is
// moved. Without MOVE, the copies an earlier attempt made are looked for
// in folder among the UIDs at or above the item's mark (same header): an
// item that has one is not copied again (that copy loses a \Deleted it
// may have got and gains \Flagged when flag is set), and the original is
// marked \Deleted and expunged. An original left \Deleted whose copies can
// no longer be told apart (folder's UIDVALIDITY changed) is expunged
// without another copy; any other is unmarked and copied.
func (c *Client) File(ctx context.Context, folder string, flag bool, items []FileItem) error {
	if len(items) == 0 {
		return nil
	}
	dest := c.names.server(folder)
	err := c.exchange(ctx, func() error {
		if err := c.ensureSelected(); err != nil {
			return err
		}
		var plain []uint32
		var look []FileItem
		for _, it := range items {
			if it.Look || it.Mark != nil {
				look = append(look, it)
			} else {
				plain = append(plain, it.UID)
			}
		}
		if len(look) > 0 {
			rest, err := c.resume(dest, flag, look)
			if err != nil {
				return err
			}
			plain = append(plain, rest...)
		}
		return c.moveNow(plain, dest, flag)
	})
	if err != nil {
		return fmt.Errorf("file %d messages in %q: %w", len(items), folder, err)
	}
	return nil
}

// moveNow moves uids to the server folder dest, flagging them first when
// flag is set.
func (c *Client) moveNow(uids []uint32, dest string, flag bool) error {
	if len(uids) == 0 {
		return nil
	}
	set := uidSet(uids)
	if flag {
		if err := c.storeFlag(set, imap.StoreFlagsAdd, imap.FlagFlagged); err != nil {
			return err
		}
	}
	return c.moveSelected(set, dest)
}

// original is a message of the selected mailbox as found before a repeat.
type original struct {
	FileItem
	deleted bool
	header  string
}

// resume files what an earlier attempt may have begun, and returns the
// UIDs still to be moved plainly.
func (c *Client) resume(dest string, flag bool, items []FileItem) ([]uint32, error) {
	withHeader := !c.caps.move
	here, err := c.originals(items, withHeader)
	if err != nil {
		return nil, err
	}
	if c.caps.move {
		return uidsHere(here), nil // what is still here was not moved
	}
	copied, known, err := c.findCopies(dest, flag, here)
	if err != nil {
		return nil, err
	}
	var done, undelete, rest []uint32
	for _, o := range here {
		switch {
		case copied[o.UID] || (o.deleted && o.Mark != nil && !known[o.UID]):
			done = append(done, o.UID)
		case o.deleted:
			undelete = append(undelete, o.UID)
			rest = append(rest, o.UID)
		default:
			rest = append(rest, o.UID)
		}
	}
	if err := c.expungeFiled(done); err != nil {
		return nil, err
	}
	if len(undelete) > 0 {
		if err := c.storeFlag(uidSet(undelete), imap.StoreFlagsDel, imap.FlagDeleted); err != nil {
			return nil, err
		}
	}
	return rest, nil
}

// originals fetches the items still in the selected mailbox, with their
// flags and, when withHeader, their header.
func (c *Client) originals(items []FileItem, withHeader bool) ([]original, error) {
	byUID := map[uint32]FileItem{}
	var uids []uint32
	for _, it := range items {
		byUID[it.UID] = it
		uids = append(uids, it.UID)
	}
	found, err := c.fetchFlagsHeaders(uidSet(uids), withHeader)
	if err != nil {
		return nil, err
	}
	var out []original
	for _, f := range found {
		if it, ok := byUID[f.uid]; ok {
			out = append(out, original{FileItem: it, deleted: f.deleted, header: f.header})
		}
	}
	return out, nil
}

// expungeFiled removes originals whose copy is in the destination: \Deleted,
// then UID EXPUNGE (or EXPUNGE, see expungeIfOnlyOurs).
func (c *Client) expungeFiled(uids []uint32) error {
	if len(uids) == 0 {
		return nil
	}
	set := uidSet(uids)
	if err := c.storeFlag(set, imap.StoreFlagsAdd, imap.FlagDeleted); err != nil {
		return err
	}
	return c.expunge(set)
}

// expunge removes the \Deleted messages of set: UID EXPUNGE with UIDPLUS.
func (c *Client) expunge(set imap.UIDSet) error {
	if c.caps.uidPlus {
		if err := c.imap.UIDExpunge(set).Close(); err != nil {
			return fmt.Errorf("uid expunge: %w", err)
		}
		return nil
	}
	return c.expungeIfOnlyOurs(set)
}

func uidsHere(os []original) []uint32 {
	out := make([]uint32, len(os))
	for i, o := range os {
		out[i] = o.UID
	}
	return out
}

// found is a message as fetched with its flags and perhaps its header.
type found struct {
	uid     uint32
	deleted bool
	flagged bool
	header  string
}

// fetchFlagsHeaders fetches UID, FLAGS and, when withHeader, the header of
// set in the selected folder.
func (c *Client) fetchFlagsHeaders(set imap.UIDSet, withHeader bool) ([]found, error) {
	opts := &imap.FetchOptions{UID: true, Flags: true}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true}
	if withHeader {
		opts.BodySection = []*imap.FetchItemBodySection{section}
	}
	bufs, err := c.imap.Fetch(set, opts).Collect()
	if err != nil {
		return nil, fmt.Errorf("uid fetch %s flags: %w", set, err)
	}
	out := make([]found, 0, len(bufs))
	for _, b := range bufs {
		f := found{uid: uint32(b.UID), deleted: slices.Contains(b.Flags, imap.FlagDeleted), flagged: slices.Contains(b.Flags, imap.FlagFlagged)}
		if withHeader {
			f.header = string(b.FindBodySection(section))
		}
		out = append(out, f)
	}
	return out, nil
}
