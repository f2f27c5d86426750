package imaptest

import (
	"context"
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// ListFolder reads every message of a folder on any server, read-only
// (EXAMINE, BODY.PEEK): for tests and tools that look at a mailbox without
// changing it. The folder name is written with '/'.
func ListFolder(ctx context.Context, cfg mailbox.Config, folder string) ([]mailbox.Message, error) {
	c, err := mailbox.Dial(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	msgs, err := c.ReadFolder(ctx, folder)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", folder, err)
	}
	return msgs, nil
}

// AppendTo delivers a message into a folder on any server, creating the
// folder when missing: for tests and tools.
func AppendTo(ctx context.Context, cfg mailbox.Config, folder string, raw []byte, date time.Time, flags ...string) error {
	c, err := mailbox.Dial(ctx, cfg)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.EnsureFolders(ctx, folder); err != nil {
		return err
	}
	return c.Append(ctx, folder, raw, flags, date)
}
