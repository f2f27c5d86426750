package daemon

import (
	"context"
	"errors"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// filer files the batches of a backlog: it copies a batch's replies to the
// sent folder and moves its messages out of the inbox on a second
// connection, on a goroutine of its own, while the next batch is read and
// answered on the first. One batch is filed at a time, in order, and a
// cycle ends only when the last is filed. The second connection is opened
// when a backlog needs it and closed with the cycle.
type filer struct {
	d       *Daemon
	mb      Mailbox
	last    *task
	refused bool // the second connection could not be had this cycle
}

// fileAside starts filing a batch on the second connection, once the batch
// before it is filed. When the server will not give a second connection
// (a limit on logins, say), the batch is filed on the caller's, mb, and so
// are the rest of the cycle's.
func (f *filer) fileAside(ctx context.Context, mb Mailbox, ids []string) error {
	if err := f.wait(); err != nil {
		return err
	}
	if f.refused {
		return f.fileHere(ctx, mb, ids)
	}
	second, err := f.conn(ctx)
	if errors.Is(err, mailbox.ErrUIDValidityChanged) {
		return err
	}
	if err != nil {
		f.refused = true
		f.d.log.Warn("no second mailbox connection; filing on the first", "err", err)
		return f.fileHere(ctx, mb, ids)
	}
	ctx = context.WithoutCancel(ctx)
	f.last = goTask(func() error { return f.d.fileCases(ctx, second, ids) })
	return nil
}

// fileHere files a batch on the caller's connection, once the batch before
// it is filed.
func (f *filer) fileHere(ctx context.Context, mb Mailbox, ids []string) error {
	if err := f.wait(); err != nil {
		return err
	}
	return f.d.fileCases(context.WithoutCancel(ctx), mb, ids)
}

// conn returns the second connection, with the inbox selected.
func (f *filer) conn(ctx context.Context) (Mailbox, error) {
	if f.mb != nil {
		return f.mb, nil
	}
	mb, err := f.d.opts.Dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect a second time to file a batch: %w", err)
	}
	inbox := f.d.cfg.Mailbox.Inbox
	st, err := mb.Select(ctx, inbox)
	if err == nil && st.UIDValidity != f.d.validity {
		err = mailbox.ErrUIDValidityChanged
	}
	if err != nil {
		mb.Close()
		return nil, fmt.Errorf("select %s on the second connection: %w", inbox, err)
	}
	f.mb = mb
	return mb, nil
}

// dead reports whether the filing goroutine died.
func (f *filer) dead() bool { return f.last.dead() }

// wait waits until the batch being filed is filed.
func (f *filer) wait() error {
	err := f.last.wait()
	f.last = nil
	return err
}

// close waits for the filing in hand and closes the second connection.
func (f *filer) close() error {
	err := f.wait()
	if f.mb != nil {
		f.mb.Close()
		f.mb = nil
	}
	return err
}
