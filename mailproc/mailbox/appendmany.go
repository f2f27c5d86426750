package mailbox

import (
	"context"
	"errors"
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

// AppendMany stores several messages in folder: where the server has
// MULTIAPPEND and LITERAL+, with one APPEND command on a connection of its
// own (multiappend.go), else with their APPENDs pipelined, each sent
// without waiting for the answer to the one before and the answers read
// at the end. It returns, for each item, nil when the server stored it or
// the server's refusal; err is set when the connection failed, and then
// no item's fate is known.
func (c *Client) AppendMany(ctx context.Context, folder string, items []AppendItem) (refused []error, err error) {
	server := c.names.server(folder)
	err = c.exchange(ctx, func() error {
		stored := 0
		if c.multiAppendable(server, items) {
			n, merr := c.multiAppend(ctx, server, items)
			if !errors.Is(merr, errNoMultiAppend) {
				refused = make([]error, len(items))
				return merr
			}
			c.log.Info("MULTIAPPEND not done; appending one message at a time", "folder", folder, "stored", n, "err", merr)
			stored = n
		}
		rest, werr := c.appendPipelined(server, items[stored:])
		refused = append(make([]error, stored, len(items)), rest...)
		return werr
	})
	if err != nil {
		return nil, fmt.Errorf("append %d messages to %q: %w", len(items), folder, err)
	}
	return refused, nil
}

// appendPipelined stores items in the server folder with their APPENDs
// pipelined, and returns each one's refusal or nil; the error is the
// connection's.
func (c *Client) appendPipelined(server string, items []AppendItem) ([]error, error) {
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
	refused := make([]error, len(items))
	for i, cmd := range cmds {
		if _, err := cmd.Wait(); err != nil {
			refused[i] = err
		}
	}
	return refused, werr
}
