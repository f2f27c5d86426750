package bench

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// EmptyAccount deletes every folder of an account but the INBOX, deepest
// first, and expunges every message of the INBOX: it frees what a run
// left on the server.
func EmptyAccount(ctx context.Context, acct mailbox.Config) error {
	c, err := dialIMAP(ctx, acct, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	list, err := c.List("", "*", nil).Collect()
	if err != nil {
		return fmt.Errorf("empty %s: list: %w", acct.Username, err)
	}
	var names []string
	for _, d := range list {
		if !strings.EqualFold(d.Mailbox, "INBOX") {
			names = append(names, d.Mailbox)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) }) // children first
	for _, name := range names {
		// A \Noselect parent goes with its last child: NONEXISTENT then.
		if err := c.Delete(name).Wait(); err != nil && !isNonexistent(err) {
			return fmt.Errorf("empty %s: delete %s: %w", acct.Username, name, err)
		}
	}
	if err := expungeInbox(c); err != nil {
		return fmt.Errorf("empty %s: %w", acct.Username, err)
	}
	return c.Logout().Wait()
}

// isNonexistent reports whether the server said the folder is not there.
func isNonexistent(err error) bool {
	var imapErr *imap.Error
	return errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeNonExistent
}

// expungeInbox marks every message of the INBOX \Deleted and expunges.
func expungeInbox(c *imapclient.Client) error {
	data, err := c.Select("INBOX", nil).Wait()
	if err != nil {
		return fmt.Errorf("select INBOX: %w", err)
	}
	if data.NumMessages == 0 {
		return nil
	}
	all := imap.SeqSet{{Start: 1, Stop: 0}}
	deleted := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}
	if err := c.Store(all, deleted, nil).Close(); err != nil {
		return fmt.Errorf("store \\deleted: %w", err)
	}
	if err := c.Expunge().Close(); err != nil {
		return fmt.Errorf("expunge: %w", err)
	}
	return nil
}
