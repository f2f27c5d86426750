package staff

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// attachmentTimeout bounds fetching one attachment from the mailbox.
const attachmentTimeout = time.Minute

// PartFetcher is a mailbox connection that fetches one body section of a
// message; *mailbox.Client is one.
type PartFetcher interface {
	FetchPart(ctx context.Context, folder, messageID string, uid uint32, section string) ([]byte, error)
	Close() error
}

// Dialer opens a connection to the mailbox.
type Dialer func(ctx context.Context) (PartFetcher, error)

// Attachment fetches an attachment of a case's message n (from 1) from
// the mail server on a connection of its own: the case lists it, but its
// content is never copied into the database (SPEC §4).
func (d *Desk) Attachment(id string, n int, part string) (control.File, error) {
	c, err := d.Get(id)
	if err != nil {
		return control.File{}, err
	}
	m, att, err := attachmentOf(c, n, part)
	if err != nil {
		return control.File{}, err
	}
	if d.opts.Dial == nil {
		return control.File{}, fmt.Errorf("attachment of %s: %w: only the running daemon reaches the mailbox", id, control.ErrRefused)
	}
	ctx, cancel := context.WithTimeout(context.Background(), attachmentTimeout)
	defer cancel()
	raw, err := d.fetchPart(ctx, m, part)
	if errors.Is(err, mailbox.ErrNotFound) {
		return control.File{}, fmt.Errorf("attachment of %s: %w: the message is no longer in %s", id, control.ErrNotFound, d.folderOf(m))
	}
	if err != nil {
		return control.File{}, fmt.Errorf("attachment of %s: %w", id, err)
	}
	data, _ := parse.DecodePart(att.Encoding, raw)
	d.log.Info("attachment fetched", "case", id, "message", n, "part", part, "bytes", len(data))
	return control.File{Name: att.Name, Type: att.Type, Data: data}, nil
}

// attachmentOf finds message n and its attachment in section part.
func attachmentOf(c *cases.Case, n int, part string) (cases.Message, cases.Attachment, error) {
	if c.Erased {
		return cases.Message{}, cases.Attachment{}, fmt.Errorf("attachment of %s: %w: its personal data is erased", c.ID, control.ErrRefused)
	}
	if n < 1 || n > len(c.Messages) {
		return cases.Message{}, cases.Attachment{}, fmt.Errorf("attachment of %s: %w: it has no message %d", c.ID, control.ErrNotFound, n)
	}
	m := c.Messages[n-1]
	for _, a := range m.Attachments {
		if a.Part == part {
			return m, a, nil
		}
	}
	return m, cases.Attachment{}, fmt.Errorf("attachment of %s: %w: message %d has no attachment %q", c.ID, control.ErrNotFound, n, part)
}

// fetchPart dials the mailbox and fetches a section of a message from the
// folder it is in now.
func (d *Desk) fetchPart(ctx context.Context, m cases.Message, part string) ([]byte, error) {
	mb, err := d.opts.Dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to the mailbox: %w", err)
	}
	defer mb.Close()
	if m.MessageID == "" {
		return nil, fmt.Errorf("%w: a message without a Message-ID cannot be found again on the server", mailbox.ErrNotFound)
	}
	return mb.FetchPart(ctx, d.folderOf(m), m.MessageID, 0, part)
}

// folderOf is the folder a case's message is in now: where it was moved,
// where it was before a move still to be made, or the inbox.
func (d *Desk) folderOf(m cases.Message) string {
	switch {
	case m.Moved:
		return m.Folder
	case m.At != "":
		return m.At
	}
	return d.cfg.Mailbox.Inbox
}
