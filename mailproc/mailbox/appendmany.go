package mailbox

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// AppendItem is one message for AppendMany.
type AppendItem struct {
	Raw   []byte // CRLF line ends
	Flags []string
	Date  time.Time // INTERNALDATE; zero: now
}

// AppendMany stores several messages in folder with their APPENDs
// pipelined: each is sent without waiting for the answer to the one
// before, and the answers are read at the end. It returns, for each item,
// nil when the server stored it or the server's refusal; err is set when
// the connection failed, and then no item's fate is known.
func (c *Client) AppendMany(ctx context.Context, folder string, items []AppendItem) (refused []error, err error) {
	server := c.names.server(folder)
	err = c.exchange(ctx, func() error {
		cmds := make([]*imapclient.AppendCommand, 0, len(items))
		var werr error
		for _, it := range items {
			cmd := c.imap.Append(server, int64(len(it.Raw)), &imap.AppendOptions{Flags: imapFlags(it.Flags), Time: it.Date})
			_, werr = cmd.Write(it.Raw)
			if cerr := cmd.Close(); werr == nil {
				werr = cerr
			}
			cmds = append(cmds, cmd)
			if werr != nil {
				break
			}
		}
		refused = make([]error, len(items))
		for i, cmd := range cmds {
			if _, err := cmd.Wait(); err != nil {
				refused[i] = err
			}
		}
		return werr
	})
	if err != nil {
		return nil, fmt.Errorf("append %d messages to %q: %w", len(items), folder, err)
	}
	return refused, nil
}
