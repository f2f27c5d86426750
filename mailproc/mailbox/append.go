package mailbox

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Append stores raw (a message with CRLF line ends) in folder with the given
// flags (such as `\Seen`) and date as its INTERNALDATE (zero: now).
func (c *Client) Append(ctx context.Context, folder string, raw []byte, flags []string, date time.Time) error {
	server := c.names.server(folder)
	err := c.exchange(ctx, func() error {
		opts := &imap.AppendOptions{Flags: imapFlags(flags), Time: date}
		cmd := c.imap.Append(server, int64(len(raw)), opts)
		_, writeErr := cmd.Write(raw)
		closeErr := cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			return err // the server's answer explains a failed write best
		}
		if writeErr != nil {
			return writeErr
		}
		return closeErr
	})
	if err != nil {
		return fmt.Errorf("append to %q: %w", folder, err)
	}
	return nil
}
