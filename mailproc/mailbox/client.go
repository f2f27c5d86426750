// Package mailbox owns mailproc's IMAP connection: it is the only package
// that speaks IMAP. A Client logs in, keeps one mailbox selected, fetches
// new mail cheaply (always with BODY.PEEK, so nothing is marked \Seen),
// moves and flags messages, appends copies, and waits for new mail with
// IDLE or by polling.
//
// Folder names are written with '/' between levels ("Privacy/Review"); the
// Client turns '/' into the server's hierarchy separator and puts the
// server's personal namespace prefix (for example "INBOX.") in front where
// the server has one. "INBOX" is always the inbox.
//
// Every method takes a context. When it ends in the middle of an exchange,
// the connection is closed (Done is then closed too) and the method returns
// the context's error; the caller dials again. The same happens when one
// operation takes longer than Config.Timeout.
package mailbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// Errors a caller may want to tell apart.
var (
	// ErrNotFound means the message (by UID or Message-ID) is not there.
	ErrNotFound = errors.New("message not found")
	// ErrAuthFailed means the server refused the username or password;
	// dialling again at once will not help.
	ErrAuthFailed = errors.New("authentication failed")
	// ErrClosed means the connection is gone; dial again.
	ErrClosed = errors.New("imap connection closed")
	// ErrUIDValidityChanged means the selected mailbox was found with a new
	// UIDVALIDITY when the Client selected it again after working in another
	// folder: the UIDs the caller holds are void. Call Select again.
	ErrUIDValidityChanged = errors.New("uidvalidity of the selected mailbox changed")
	// ErrFolderName means a configured folder name cannot be used as it
	// is on this server; connecting again will not help.
	ErrFolderName = errors.New("folder name not usable on this server")
	// errNoMailbox means a method that works on the selected mailbox was
	// called before Select.
	errNoMailbox = errors.New("no mailbox selected")
)

// logoutGrace bounds LOGOUT in Close and the end of an IDLE.
const logoutGrace = 5 * time.Second

// Client is one logged-in IMAP connection with one mailbox selected.
//
// Its methods may be called from several goroutines but run one at a time:
// a method waits (or gives up when its context ends) while another, such as
// a long WaitForMail, is running.
type Client struct {
	cfg  Config
	log  *slog.Logger
	imap *imapclient.Client

	sem     chan struct{} // held by the method talking to the server
	newMail chan struct{} // gets a token when the server reports EXISTS

	caps    capabilities
	names   folderNames
	home    *selection // the mailbox the caller selected, nil before Select
	current selection  // what is selected on the server now
	ahead   readAhead  // the start of the next messages of the last batch

	closeOnce sync.Once
	onWait    func() // test hook: called when IDLE runs or the poll sleep begins

	authMechs []string // the AUTH= mechanisms offered before login

	multiAppendOff bool // a connection for MULTIAPPEND could not be had
	multiAppended  int  // messages stored with MULTIAPPEND, for tests
}

// capabilities are the server extensions the Client uses.
type capabilities struct {
	idle, move, uidPlus bool
	multiAppend         bool // MULTIAPPEND and LITERAL+ (multiappend.go)
}

// selection is a selected mailbox.
type selection struct {
	folder      string // the server's name
	readOnly    bool   // selected with EXAMINE
	uidValidity uint32
	uidNext     uint32 // UIDNEXT when it was last selected
}

// Close logs out and closes the connection. It is safe to call twice.
func (c *Client) Close() error {
	var err error
	c.closeOnce.Do(func() { err = c.logout() })
	return err
}

// logout says LOGOUT when the connection is free within logoutGrace, then
// closes it.
func (c *Client) logout() error {
	ctx, cancel := context.WithTimeout(context.Background(), min(c.cfg.Timeout, logoutGrace))
	defer cancel()
	if c.lock(ctx) == nil {
		defer c.unlock()
		stop := context.AfterFunc(ctx, c.abort)
		defer stop()
		if !c.isClosed() {
			_ = c.imap.Logout().Wait() // the connection is closed whatever the answer
		}
	}
	if err := c.imap.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		c.log.Debug("imap close", "err", err)
	}
	return nil
}

// Done is closed when the connection dies or is closed.
func (c *Client) Done() <-chan struct{} {
	return c.imap.Closed()
}

// CanIdle reports whether the server offers IDLE, so WaitForMail need not poll.
func (c *Client) CanIdle() bool {
	return c.caps.idle
}

// abort closes the connection at once, which ends every pending command.
func (c *Client) abort() {
	_ = c.imap.Close()
}

// isClosed reports whether the connection is gone.
func (c *Client) isClosed() bool {
	select {
	case <-c.imap.Closed():
		return true
	default:
		return false
	}
}

// lock takes the connection for one method, or gives up when ctx ends.
func (c *Client) lock(ctx context.Context) error {
	select {
	case c.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// unlock gives the connection back.
func (c *Client) unlock() {
	<-c.sem
}

// exchange runs fn, which talks to the server, holding the connection, under
// ctx and the per-operation timeout.
func (c *Client) exchange(ctx context.Context, fn func() error) error {
	if err := c.lock(ctx); err != nil {
		return err
	}
	defer c.unlock()
	return c.guarded(ctx, fn)
}

// guarded runs fn under ctx and the per-operation timeout: when either ends
// first the connection is closed, which unblocks fn, and the context's error
// is returned. The caller holds the connection.
func (c *Client) guarded(ctx context.Context, fn func() error) error {
	if c.isClosed() {
		return ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	stop := context.AfterFunc(ctx, c.abort)
	err := fn()
	stop()
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("%w (connection closed)", ctx.Err())
	}
	return err
}

// onMailboxUpdate is go-imap's handler for unilateral mailbox data; an
// EXISTS means there may be new mail.
func (c *Client) onMailboxUpdate(data *imapclient.UnilateralDataMailbox) {
	if data.NumMessages != nil {
		c.signalMail()
	}
}

// signalMail leaves a token for WaitForMail, unless one is there already.
func (c *Client) signalMail() {
	select {
	case c.newMail <- struct{}{}:
	default:
	}
}

// takeMail takes the new-mail token if there is one.
func (c *Client) takeMail() bool {
	select {
	case <-c.newMail:
		return true
	default:
		return false
	}
}
