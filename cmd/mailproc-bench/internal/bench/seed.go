package bench

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// Seed appends every message of g to the INBOX of each account, in order
// and with its date as INTERNALDATE, so that the accounts hold identical
// backlogs with identical UIDs. Each account has its own connection (see
// appendAll); each message is made once for all of them.
func Seed(ctx context.Context, g *Generator, accts ...mailbox.Config) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	feeds := make([]chan Message, len(accts))
	errs := make([]error, len(accts))
	var wg sync.WaitGroup
	for k, acct := range accts {
		feeds[k] = make(chan Message, 8)
		wg.Add(1)
		go func() {
			defer wg.Done()
			if errs[k] = appendAll(ctx, acct, feeds[k]); errs[k] != nil {
				cancel()
			}
		}()
	}
	feed(ctx, g, feeds)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	return ctx.Err()
}

// feed sends every message to every channel, then closes them.
func feed(ctx context.Context, g *Generator, feeds []chan Message) {
	defer func() {
		for _, f := range feeds {
			close(f)
		}
	}()
	for i := range g.Len() {
		m := g.Message(i)
		for _, f := range feeds {
			select {
			case f <- m:
			case <-ctx.Done():
				return
			}
		}
	}
}

// seedBatch is how many messages one AppendMany of the seeding carries
// (up to 50 MB with the largest attachments).
const seedBatch = 100

// appendAll appends what comes from feed to the account's INBOX with
// mailproc's own AppendMany, seedBatch messages at a time: with
// MULTIAPPEND where the server has it, else pipelined.
func appendAll(ctx context.Context, acct mailbox.Config, feed <-chan Message) error {
	c, err := mailbox.Dial(ctx, acct)
	if err != nil {
		return err
	}
	defer c.Close()
	items := make([]mailbox.AppendItem, 0, seedBatch)
	flush := func() error {
		refused, err := c.AppendMany(ctx, "INBOX", items)
		if err == nil {
			err = errors.Join(refused...)
		}
		items = items[:0]
		if err != nil {
			return fmt.Errorf("%s: %w", acct.Username, err)
		}
		return nil
	}
	for m := range feed {
		items = append(items, mailbox.AppendItem{Raw: m.Raw, Date: m.Date})
		if len(items) == seedBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(items) == 0 {
		return nil
	}
	return flush()
}
