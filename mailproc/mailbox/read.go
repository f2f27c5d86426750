package mailbox

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Message is one whole message of a folder, as ReadFolder reads it.
type Message struct {
	UID          uint32
	Flags        []string
	Raw          []byte
	InternalDate time.Time
}

// ReadFolder reads every message of folder, whole, without changing it
// (EXAMINE, BODY.PEEK[]), lowest UID first, then selects the caller's
// mailbox again if there is one. It holds the folder in memory: it is for
// looking at small folders (tests, tools), not for reading mail.
func (c *Client) ReadFolder(ctx context.Context, folder string) ([]Message, error) {
	var msgs []Message
	err := c.exchange(ctx, func() error {
		server := c.names.server(folder)
		st, err := c.selectFolder(server, true)
		if err != nil {
			err = fmt.Errorf("examine %q: %w", server, err)
		} else if msgs, err = fetchAll(c.imap, st.Messages); err != nil {
			err = fmt.Errorf("fetch %q: %w", server, err)
		}
		if c.home != nil {
			if rerr := c.reselectHome(); err == nil {
				err = rerr
			}
		}
		return err
	})
	return msgs, err
}

// fetchAll reads the n messages of the selected folder with BODY.PEEK[],
// lowest UID first.
func fetchAll(ic *imapclient.Client, n uint32) ([]Message, error) {
	if n == 0 {
		return nil, nil
	}
	body := &imap.FetchItemBodySection{Peek: true}
	opts := &imap.FetchOptions{UID: true, Flags: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{body}}
	bufs, err := ic.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, opts).Collect()
	if err != nil {
		return nil, err
	}
	msgs := make([]Message, 0, len(bufs))
	for _, b := range bufs {
		msgs = append(msgs, Message{UID: uint32(b.UID), Flags: flagStrings(b.Flags),
			Raw: b.FindBodySection(body), InternalDate: b.InternalDate})
	}
	slices.SortFunc(msgs, func(a, b Message) int { return cmp.Compare(a.UID, b.UID) })
	return msgs, nil
}
