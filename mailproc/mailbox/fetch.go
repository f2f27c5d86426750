package mailbox

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Summary is what is fetched for every new message, cheaply.
type Summary struct {
	UID          uint32
	InternalDate time.Time // when the server received the message
	Size         int64     // RFC822.SIZE
	Flags        []string
	Header       []byte // BODY.PEEK[HEADER], raw, ending in the blank line
}

// headerSection is BODY.PEEK[HEADER].
func headerSection() *imap.FetchItemBodySection {
	return &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true}
}

// summaryOptions are the items of a Summary.
func summaryOptions() *imap.FetchOptions {
	return &imap.FetchOptions{
		UID:          true,
		InternalDate: true,
		RFC822Size:   true,
		Flags:        true,
		BodySection:  []*imap.FetchItemBodySection{headerSection()},
	}
}

// FetchSince fetches the summaries of the messages in the selected mailbox
// whose UID is above afterUID, lowest UID first, at most max of them (0 = all).
//
// With max 0 it sends UID FETCH afterUID+1:*; with max > 0 it first finds
// the UIDs with UID SEARCH, so that a first run over a big inbox fetches only
// max headers. Either way the message that "n:*" names when every UID is
// below n is dropped.
func (c *Client) FetchSince(ctx context.Context, afterUID uint32, max int) ([]Summary, error) {
	if afterUID == math.MaxUint32 {
		return nil, nil
	}
	newer := imap.UIDSet{{Start: imap.UID(afterUID + 1), Stop: 0}}
	var out []Summary
	err := c.exchange(ctx, func() error {
		if err := c.ensureSelected(); err != nil {
			return err
		}
		c.ahead = readAhead{} // a new batch: what was read ahead of the last is not wanted
		var err error
		if max > 0 {
			newer, err = c.firstUIDs(newer, afterUID, max)
			if err != nil || len(newer) == 0 {
				return err
			}
		}
		out, err = c.fetchSummaries(newer, afterUID)
		c.ahead.reset(c.home.uidValidity, out)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("uid fetch %d:*: %w", afterUID+1, err)
	}
	return out, nil
}

// firstUIDs searches set for the lowest max UIDs above afterUID.
func (c *Client) firstUIDs(set imap.UIDSet, afterUID uint32, max int) (imap.UIDSet, error) {
	data, err := c.imap.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("uid search: %w", err)
	}
	uids := slices.DeleteFunc(data.AllUIDs(), func(u imap.UID) bool { return uint32(u) <= afterUID })
	slices.Sort(uids)
	return imap.UIDSetNum(uids[:min(max, len(uids))]...), nil
}

// FetchUIDs fetches the summaries of the given UIDs in the selected mailbox,
// lowest UID first. UIDs that are not there are simply absent.
func (c *Client) FetchUIDs(ctx context.Context, uids []uint32) ([]Summary, error) {
	if len(uids) == 0 {
		return nil, nil
	}
	set := uidSet(uids)
	var out []Summary
	err := c.exchange(ctx, func() error {
		if err := c.ensureSelected(); err != nil {
			return err
		}
		var err error
		out, err = c.fetchSummaries(set, 0)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("uid fetch %s: %w", set, err)
	}
	return out, nil
}

// fetchSummaries fetches the summaries in set whose UID is above afterUID.
func (c *Client) fetchSummaries(set imap.UIDSet, afterUID uint32) ([]Summary, error) {
	bufs, err := c.imap.Fetch(set, summaryOptions()).Collect()
	if err != nil {
		return nil, err
	}
	var out []Summary
	for _, buf := range bufs {
		if uint32(buf.UID) > afterUID {
			out = append(out, summaryOf(buf))
		}
	}
	slices.SortFunc(out, func(a, b Summary) int { return cmp.Compare(a.UID, b.UID) })
	return out, nil
}

// summaryOf copies what was fetched into a Summary.
func summaryOf(buf *imapclient.FetchMessageBuffer) Summary {
	return Summary{
		UID:          uint32(buf.UID),
		InternalDate: buf.InternalDate,
		Size:         buf.RFC822Size,
		Flags:        flagStrings(buf.Flags),
		Header:       buf.FindBodySection(headerSection()),
	}
}

// FetchRaw fetches the raw message with BODY.PEEK[], at most its first
// maxBytes (maxBytes <= 0: all of it), so a huge message is never loaded
// whole. Compare the length with Summary.Size to know whether it was cut.
// It returns ErrNotFound when the UID is not in the selected mailbox.
//
// For a message of the last batch FetchSince returned it reads ahead: the
// first 64 KB of this message and of the next ones of the batch come in one
// UID FETCH, and later calls that ask no more than that (or for a message
// that fitted whole) are answered without asking the server again.
func (c *Client) FetchRaw(ctx context.Context, uid uint32, maxBytes int64) ([]byte, error) {
	section := &imap.FetchItemBodySection{Peek: true}
	if maxBytes > 0 {
		section.Partial = &imap.SectionPartial{Offset: 0, Size: maxBytes}
	}
	opts := &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}
	var raw []byte
	found := false
	err := c.exchange(ctx, func() error {
		if err := c.ensureSelected(); err != nil {
			return err
		}
		var err error
		if raw, found, err = c.fetchRawAhead(uid, maxBytes); found || err != nil {
			return err
		}
		raw, found, err = readBody(c.imap.Fetch(imap.UIDSetNum(imap.UID(uid)), opts), maxBytes)
		return err
	})
	if err == nil && !found {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("uid fetch %d: %w", uid, err)
	}
	return raw, nil
}

// readBody reads the one body section of a FETCH, never more than limit
// bytes of it (limit <= 0: no limit), and consumes the rest of the answer.
func readBody(cmd *imapclient.FetchCommand, limit int64) (raw []byte, found bool, err error) {
	defer cmd.Close()
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		for item := msg.Next(); item != nil; item = msg.Next() {
			body, ok := item.(imapclient.FetchItemDataBodySection)
			if !ok {
				continue
			}
			found = true
			if body.Literal == nil {
				continue
			}
			var r io.Reader = body.Literal
			if limit > 0 {
				r = io.LimitReader(r, limit)
			}
			if raw, err = io.ReadAll(r); err != nil {
				return nil, false, err
			}
		}
	}
	return raw, found, cmd.Close()
}

// uidSet is the IMAP set of uids.
func uidSet(uids []uint32) imap.UIDSet {
	var set imap.UIDSet
	for _, u := range uids {
		set.AddNum(imap.UID(u))
	}
	return set
}

// flagStrings turns go-imap flags into strings.
func flagStrings(flags []imap.Flag) []string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = string(f)
	}
	return out
}

// imapFlags turns strings into go-imap flags.
func imapFlags(flags []string) []imap.Flag {
	out := make([]imap.Flag, len(flags))
	for i, f := range flags {
		out[i] = imap.Flag(f)
	}
	return out
}
