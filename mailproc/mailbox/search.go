package mailbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// FolderHasMessageID reports whether folder holds a message with this
// Message-ID (with or without its angle brackets): FolderMessageIDs for one.
// Nothing is changed in folder.
func (c *Client) FolderHasMessageID(ctx context.Context, folder, messageID string) (bool, error) {
	if bareMessageID(messageID) == "" {
		return false, fmt.Errorf("search %q: empty message-id", folder)
	}
	there, err := c.FolderMessageIDs(ctx, folder, []string{messageID})
	return there[messageID], err
}

// lookupChunk is how many Message-IDs one UID SEARCH asks for.
const lookupChunk = 50

// FolderMessageIDs reports which of messageIDs (with or without their angle
// brackets) folder holds. It EXAMINEs folder (read-only), sends one UID
// SEARCH (HEADER Message-ID joined by OR) per lookupChunk of them, checks
// each hit's Message-ID exactly (servers match substrings), then SELECTs
// the caller's mailbox again. Nothing is changed in folder.
func (c *Client) FolderMessageIDs(ctx context.Context, folder string, messageIDs []string) (map[string]bool, error) {
	there := map[string]bool{}
	if len(messageIDs) == 0 {
		return there, nil
	}
	err := c.exchange(ctx, func() error {
		return c.inFolder(folder, true, func() error {
			for chunk := range slices.Chunk(messageIDs, lookupChunk) {
				if err := c.searchMessageIDs(chunk, there); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("search %q for %d message-ids: %w", folder, len(messageIDs), err)
	}
	return there, nil
}

// searchMessageIDs adds to there those of ids the selected folder holds.
func (c *Client) searchMessageIDs(ids []string, there map[string]bool) error {
	want := map[string]bool{}
	var criteria *imap.SearchCriteria
	for _, id := range ids {
		bare := bareMessageID(id)
		if bare == "" {
			continue
		}
		want[bare] = true
		one := imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: bare}}}
		if criteria == nil {
			criteria = &one
		} else {
			criteria = &imap.SearchCriteria{Or: [][2]imap.SearchCriteria{{one, *criteria}}}
		}
	}
	if criteria == nil {
		return nil
	}
	data, err := c.imap.UIDSearch(criteria, nil).Wait()
	if err != nil {
		return fmt.Errorf("uid search header message-id: %w", err)
	}
	hits := data.AllUIDs()
	if len(hits) == 0 {
		return nil
	}
	got, err := c.messageIDs(imap.UIDSetNum(hits...))
	if err != nil {
		return err
	}
	for _, id := range ids {
		if b := bareMessageID(id); want[b] && got[b] {
			there[id] = true
		}
	}
	return nil
}

// messageIDs fetches the bare Message-IDs of set.
func (c *Client) messageIDs(set imap.UIDSet) (map[string]bool, error) {
	section := &imap.FetchItemBodySection{
		Specifier:    imap.PartSpecifierHeader,
		HeaderFields: []string{"Message-ID"},
		Peek:         true,
	}
	bufs, err := c.imap.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return nil, fmt.Errorf("uid fetch message-id: %w", err)
	}
	out := map[string]bool{}
	for _, buf := range bufs {
		out[headerMessageID(buf.FindBodySection(section))] = true
	}
	return out, nil
}

// SetFlagged adds (on) or clears the \Flagged flag of the messages with this
// Message-ID in folder, selecting folder and then the caller's mailbox again.
// It returns ErrNotFound when there is no such message.
func (c *Client) SetFlagged(ctx context.Context, folder string, messageID string, on bool) error {
	err := c.exchange(ctx, func() error {
		return c.inFolder(folder, false, func() error {
			set, err := c.findMessageID(messageID)
			if err != nil {
				return err
			}
			return c.storeFlag(set, flagOp(on), imap.FlagFlagged)
		})
	})
	if err != nil {
		return fmt.Errorf("set flagged=%t on %s in %q: %w", on, messageID, folder, err)
	}
	return nil
}

// MoveByMessageID moves the messages with this Message-ID from one folder to
// another, setting (flag) or clearing \Flagged on the way, and selects the
// caller's mailbox again. It returns ErrNotFound when from holds no such
// message.
//
// Without MOVE it is safe to repeat after an interruption as File is: a
// message of from whose copy (same header) is in to already is not copied
// again; that copy loses \Deleted and gets the flag asked for, and the
// original is expunged.
func (c *Client) MoveByMessageID(ctx context.Context, from, to, messageID string, flag bool) error {
	err := c.exchange(ctx, func() error {
		return c.inFolder(from, false, func() error {
			set, err := c.findMessageID(messageID)
			if err != nil {
				return err
			}
			if err := c.storeFlag(set, flagOp(flag), imap.FlagFlagged); err != nil {
				return err
			}
			if !c.caps.move {
				if set, err = c.notCopiedYet(set, from, to, messageID, flag); err != nil || len(set) == 0 {
					return err
				}
			}
			return c.moveSelected(set, c.names.server(to))
		})
	})
	if err != nil {
		return fmt.Errorf("move %s from %q to %q: %w", messageID, from, to, err)
	}
	return nil
}

// flagOp is + for on and - for off.
func flagOp(on bool) imap.StoreFlagsOp {
	if on {
		return imap.StoreFlagsAdd
	}
	return imap.StoreFlagsDel
}

// findMessageID is searchMessageID as a set, ErrNotFound when empty.
func (c *Client) findMessageID(messageID string) (imap.UIDSet, error) {
	uids, err := c.searchMessageID(messageID)
	if err != nil {
		return nil, err
	}
	if len(uids) == 0 {
		return nil, ErrNotFound
	}
	return imap.UIDSetNum(uids...), nil
}

// searchMessageID finds the UIDs in the selected folder whose Message-ID is
// exactly messageID.
func (c *Client) searchMessageID(messageID string) ([]imap.UID, error) {
	want := bareMessageID(messageID)
	if want == "" {
		return nil, errors.New("empty message-id")
	}
	criteria := &imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: want}}}
	data, err := c.imap.UIDSearch(criteria, nil).Wait()
	if err != nil {
		return nil, fmt.Errorf("uid search header message-id: %w", err)
	}
	hits := data.AllUIDs()
	if len(hits) == 0 {
		return nil, nil
	}
	return c.withMessageID(imap.UIDSetNum(hits...), want)
}

// withMessageID fetches the Message-ID header of set and keeps the UIDs
// whose Message-ID is want.
func (c *Client) withMessageID(set imap.UIDSet, want string) ([]imap.UID, error) {
	section := &imap.FetchItemBodySection{
		Specifier:    imap.PartSpecifierHeader,
		HeaderFields: []string{"Message-ID"},
		Peek:         true,
	}
	bufs, err := c.imap.Fetch(set, &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return nil, fmt.Errorf("uid fetch message-id: %w", err)
	}
	var uids []imap.UID
	for _, buf := range bufs {
		if headerMessageID(buf.FindBodySection(section)) == want {
			uids = append(uids, buf.UID)
		}
	}
	return uids, nil
}

// headerMessageID is the bare Message-ID in a raw header, "" if none.
func headerMessageID(header []byte) string {
	msg, err := mail.ReadMessage(bytes.NewReader(append(bytes.TrimRight(header, "\r\n"), "\r\n\r\n"...)))
	if err != nil {
		return ""
	}
	return bareMessageID(msg.Header.Get("Message-ID"))
}

// bareMessageID strips white space and the angle brackets.
func bareMessageID(id string) string {
	id = strings.TrimSpace(id)
	id = strings.TrimPrefix(id, "<")
	id = strings.TrimSuffix(id, ">")
	return strings.TrimSpace(id)
}
