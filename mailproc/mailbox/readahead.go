package mailbox

import (
	"fmt"
	"io"
	"slices"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// readAheadBytes is how much of each message a read-ahead fetches: as much
// as the daemon reads first of a message to see its first line.
const readAheadBytes = 16 << 10

// readAheadCount is how many messages one read-ahead fetches.
const readAheadCount = 32

// readAhead keeps the start of the next few messages of the last batch of
// new mail (what FetchSince returned), fetched with one
// UID FETCH instead of one a message: a caller walking the batch in order
// and reading each message's start (or a small message whole) waits for
// the server once per readAheadCount messages instead of once a message.
// It holds at most readAheadCount × readAheadBytes, and only bytes (a
// message's bytes never change under its UID).
type readAhead struct {
	validity uint32           // UIDVALIDITY of the batch
	batch    []uint32         // the batch's UIDs, lowest first
	sizes    map[uint32]int64 // RFC822.SIZE of each
	held     map[uint32][]byte
}

// reset makes sums the batch read ahead of, forgetting what is held.
func (r *readAhead) reset(validity uint32, sums []Summary) {
	*r = readAhead{validity: validity, sizes: make(map[uint32]int64, len(sums))}
	for _, s := range sums {
		r.batch = append(r.batch, s.UID)
		r.sizes[s.UID] = s.Size
	}
}

// take returns what FetchRaw(uid, maxBytes) would from what is held: the
// first maxBytes bytes when that many are held, or the whole message when
// all of it is held.
func (r *readAhead) take(validity, uid uint32, maxBytes int64) ([]byte, bool) {
	b, ok := r.held[uid]
	if !ok || validity != r.validity {
		return nil, false
	}
	n := int64(len(b))
	switch {
	case maxBytes > 0 && n >= maxBytes:
		return b[:maxBytes:maxBytes], true
	case n == r.sizes[uid]:
		return b[:n:n], true
	}
	return nil, false
}

// window is uid and the UIDs after it in the batch, at most
// readAheadCount; none when uid is not in the batch.
func (r *readAhead) window(validity, uid uint32) []uint32 {
	i := slices.Index(r.batch, uid)
	if i < 0 || validity != r.validity {
		return nil
	}
	return r.batch[i:min(i+readAheadCount, len(r.batch))]
}

// readAheadFrom fetches the start of uid and of the messages after it in
// the batch, and holds them in place of what was held. The caller holds
// the connection with the home mailbox selected.
func (c *Client) readAheadFrom(uid uint32) error {
	uids := c.ahead.window(c.home.uidValidity, uid)
	if len(uids) == 0 {
		return nil
	}
	section := &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: readAheadBytes}}
	opts := &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}
	cmd := c.imap.Fetch(uidSet(uids), opts)
	defer cmd.Close()
	held := make(map[uint32][]byte, len(uids))
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		got, b, err := readAheadItem(msg)
		if err != nil {
			return fmt.Errorf("read ahead from uid %d: %w", uid, err)
		}
		if got != 0 && b != nil {
			held[got] = b
		}
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("read ahead from uid %d: %w", uid, err)
	}
	c.ahead.held = held
	return nil
}

// readAheadItem reads one message of a read-ahead: its UID and the start
// of its bytes, into a buffer of the literal's size (at most
// readAheadBytes), where reading the literal whole with io.ReadAll, as
// Collect does, grew a buffer step by step to twice that.
func readAheadItem(msg *imapclient.FetchMessageData) (uid uint32, raw []byte, err error) {
	for item := msg.Next(); item != nil; item = msg.Next() {
		switch it := item.(type) {
		case imapclient.FetchItemDataUID:
			uid = uint32(it.UID)
		case imapclient.FetchItemDataBodySection:
			if it.Literal == nil {
				continue
			}
			b := make([]byte, min(it.Literal.Size(), readAheadBytes))
			if _, err := io.ReadFull(it.Literal, b); err != nil {
				return 0, nil, err
			}
			if _, err := io.Copy(io.Discard, it.Literal); err != nil {
				return 0, nil, err
			}
			raw = b
		}
	}
	return uid, raw, nil
}

// fetchRawAhead answers FetchRaw from the read-ahead, fetching the next
// window when uid is in the batch but not held. The caller holds the
// connection with the home mailbox selected.
func (c *Client) fetchRawAhead(uid uint32, maxBytes int64) ([]byte, bool, error) {
	validity := c.home.uidValidity
	if raw, ok := c.ahead.take(validity, uid, maxBytes); ok {
		return raw, true, nil
	}
	if _, held := c.ahead.held[uid]; held || len(c.ahead.window(validity, uid)) == 0 {
		return nil, false, nil // held but too short, or not in the batch: ask the server
	}
	if err := c.readAheadFrom(uid); err != nil {
		return nil, false, err
	}
	raw, ok := c.ahead.take(validity, uid, maxBytes)
	return raw, ok, nil
}
