package daemon

import (
	"context"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// Mailbox is the IMAP side the daemon needs; *mailbox.Client has it.
type Mailbox interface {
	EnsureFolders(ctx context.Context, names ...string) error
	Select(ctx context.Context, folder string) (mailbox.Status, error)
	FetchSince(ctx context.Context, afterUID uint32, max int) ([]mailbox.Summary, error)
	FetchUIDs(ctx context.Context, uids []uint32) ([]mailbox.Summary, error)
	FetchRaw(ctx context.Context, uid uint32, maxBytes int64) ([]byte, error)
	MarkFiling(ctx context.Context, folder string) (mailbox.FilingMark, error)
	File(ctx context.Context, folder string, flag bool, items []mailbox.FileItem) error
	Append(ctx context.Context, folder string, raw []byte, flags []string, date time.Time) error
	AppendMany(ctx context.Context, folder string, items []mailbox.AppendItem) (refused []error, err error)
	FolderMessageIDs(ctx context.Context, folder string, messageIDs []string) (map[string]bool, error)
	MoveByMessageID(ctx context.Context, from, to, messageID string, flag bool) error
	WaitForMail(ctx context.Context, d time.Duration) error
	// SpecialUse names the folder the server marks with a SPECIAL-USE
	// attribute such as mailbox.UseSent; "" when there is none.
	SpecialUse(ctx context.Context, use string) (string, error)
	Close() error
}

// Dialer opens a Mailbox.
type Dialer func(ctx context.Context) (Mailbox, error)

// Sender sends composed bytes; *smtpout.Sender has it.
type Sender interface {
	Send(ctx context.Context, from string, to []string, raw []byte) error
}
