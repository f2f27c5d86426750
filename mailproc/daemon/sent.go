package daemon

import (
	"context"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// resolveSent decides where copies of replies go, once per connection:
// the configured sent folder, or the one the server marks \Sent
// (RFC 6154), else config.DefaultSentFolder (created); "" when no copy is
// appended (sent_folder = "", or Gmail, which files its own).
func (d *Daemon) resolveSent(ctx context.Context, mb Mailbox) (string, error) {
	folder, find := d.cfg.SentCopy()
	if find {
		found, err := mb.SpecialUse(ctx, mailbox.UseSent)
		if err != nil {
			return "", fmt.Errorf("find the sent folder: %w", err)
		}
		folder = found
		if folder == "" {
			folder = config.DefaultSentFolder
		}
		if prev := d.sent.Load(); prev == nil || *prev != folder {
			d.log.Info("sent folder", "folder", folder, "found_by_special_use", found != "")
		}
	}
	d.sent.Store(&folder)
	return folder, nil
}

// sentFolder is where copies of replies go ("" for none), as the last
// connection found it; before any connection, the configured folder or,
// when it is to be found, config.DefaultSentFolder.
func (d *Daemon) sentFolder() string {
	if f := d.sent.Load(); f != nil {
		return *f
	}
	folder, find := d.cfg.SentCopy()
	if find {
		return config.DefaultSentFolder
	}
	return folder
}
