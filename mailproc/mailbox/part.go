package mailbox

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// maxPartBytes bounds one fetched part: a message larger than this was
// never read (too-large) and a part of one cannot be larger.
const maxPartBytes = 64 << 20

// FetchPart returns the raw content of one body section ("2", "1.3"; its
// transfer encoding not undone) of the message in folder with this
// Message-ID, or, when messageID is "", with this UID. It EXAMINEs folder
// (read-only) and fetches with BODY.PEEK: nothing is marked \Seen or
// changed. It returns ErrNotFound when there is no such message or part.
func (c *Client) FetchPart(ctx context.Context, folder, messageID string, uid uint32, section string) ([]byte, error) {
	path, err := sectionPath(section)
	if err != nil {
		return nil, err
	}
	var raw []byte
	err = c.exchange(ctx, func() error {
		return c.inFolder(folder, true, func() error {
			target := imap.UID(uid)
			if messageID != "" {
				uids, err := c.searchMessageID(messageID)
				if err != nil {
					return err
				}
				if len(uids) == 0 {
					return ErrNotFound
				}
				target = uids[0]
			}
			item := &imap.FetchItemBodySection{Part: path, Peek: true}
			opts := &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{item}}
			var found bool
			raw, found, err = readBody(c.imap.Fetch(imap.UIDSetNum(target), opts), maxPartBytes)
			if err == nil && !found {
				err = ErrNotFound
			}
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("fetch part %s in %q: %w", section, folder, err)
	}
	return raw, nil
}

// sectionPath reads "1.3" as [1 3].
func sectionPath(section string) ([]int, error) {
	var path []int
	for _, s := range strings.Split(section, ".") {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10000 {
			return nil, fmt.Errorf("body section %q: not numbers from 1 joined by dots", section)
		}
		path = append(path, n)
	}
	if len(path) > 50 {
		return nil, fmt.Errorf("body section %q: too deep", section)
	}
	return path, nil
}
