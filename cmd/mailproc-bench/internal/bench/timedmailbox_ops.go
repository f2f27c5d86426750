package bench

import (
	"context"
	"errors"
	"time"

	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// timedMailbox is the daemon's mailbox with every call timed. A FetchRaw
// of fewer bytes than the largest message allowed is a preview.
type timedMailbox struct {
	daemon.Mailbox
	clock   *opClock
	maxBody int64
}

// FetchSince times the daemon's FetchSince.
func (m *timedMailbox) FetchSince(ctx context.Context, afterUID uint32, max int) ([]mailbox.Summary, error) {
	start := time.Now()
	sums, err := m.Mailbox.FetchSince(ctx, afterUID, max)
	var n int64
	for _, s := range sums {
		n += int64(len(s.Header))
	}
	m.clock.since(OpHeaders, start, n)
	return sums, err
}

// FetchRaw times the daemon's FetchRaw as a preview or a body.
func (m *timedMailbox) FetchRaw(ctx context.Context, uid uint32, maxBytes int64) ([]byte, error) {
	start := time.Now()
	raw, err := m.Mailbox.FetchRaw(ctx, uid, maxBytes)
	op := OpBodies
	if maxBytes > 0 && maxBytes < m.maxBody {
		op = OpPreviews
	}
	m.clock.since(op, start, int64(len(raw)))
	return raw, err
}

// FetchUIDs times FetchUIDs.
func (m *timedMailbox) FetchUIDs(ctx context.Context, uids []uint32) ([]mailbox.Summary, error) {
	defer m.clock.since(OpUIDs, time.Now(), 0)
	return m.Mailbox.FetchUIDs(ctx, uids)
}

// Select times Select.
func (m *timedMailbox) Select(ctx context.Context, folder string) (mailbox.Status, error) {
	defer m.clock.since(OpSelect, time.Now(), 0)
	return m.Mailbox.Select(ctx, folder)
}

// File times File.
func (m *timedMailbox) File(ctx context.Context, folder string, flag bool, items []mailbox.FileItem) error {
	defer m.clock.since(OpMove, time.Now(), 0)
	return m.Mailbox.File(ctx, folder, flag, items)
}

// MarkFiling times MarkFiling.
func (m *timedMailbox) MarkFiling(ctx context.Context, folder string) (mailbox.FilingMark, error) {
	defer m.clock.since(OpOther, time.Now(), 0)
	return m.Mailbox.MarkFiling(ctx, folder)
}

// Append times Append.
func (m *timedMailbox) Append(ctx context.Context, folder string, raw []byte, flags []string, date time.Time) error {
	defer m.clock.since(OpAppend, time.Now(), int64(len(raw)))
	return m.Mailbox.Append(ctx, folder, raw, flags, date)
}

// manyAppender is a mailbox that appends several messages pipelined
// (*mailbox.Client has it).
type manyAppender interface {
	AppendMany(ctx context.Context, folder string, items []mailbox.AppendItem) ([]error, error)
}

// AppendMany times AppendMany, for a daemon that uses it.
func (m *timedMailbox) AppendMany(ctx context.Context, folder string, items []mailbox.AppendItem) ([]error, error) {
	ma, ok := m.Mailbox.(manyAppender)
	if !ok {
		return nil, errors.New("this mailbox cannot append several messages at once")
	}
	var n int64
	for _, it := range items {
		n += int64(len(it.Raw))
	}
	defer m.clock.since(OpAppendMany, time.Now(), n)
	return ma.AppendMany(ctx, folder, items)
}

// FolderMessageIDs times FolderMessageIDs.
func (m *timedMailbox) FolderMessageIDs(ctx context.Context, folder string, messageIDs []string) (map[string]bool, error) {
	defer m.clock.since(OpLookup, time.Now(), 0)
	return m.Mailbox.FolderMessageIDs(ctx, folder, messageIDs)
}

// EnsureFolders times EnsureFolders.
func (m *timedMailbox) EnsureFolders(ctx context.Context, names ...string) error {
	defer m.clock.since(OpOther, time.Now(), 0)
	return m.Mailbox.EnsureFolders(ctx, names...)
}

// MoveByMessageID times MoveByMessageID.
func (m *timedMailbox) MoveByMessageID(ctx context.Context, from, to, messageID string, flag bool) error {
	defer m.clock.since(OpOther, time.Now(), 0)
	return m.Mailbox.MoveByMessageID(ctx, from, to, messageID, flag)
}

// SpecialUse times SpecialUse.
func (m *timedMailbox) SpecialUse(ctx context.Context, use string) (string, error) {
	defer m.clock.since(OpOther, time.Now(), 0)
	return m.Mailbox.SpecialUse(ctx, use)
}
