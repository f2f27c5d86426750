package bench

import (
	"context"
	"testing"

	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// fakeMailbox answers the reads of a timedMailbox test.
type fakeMailbox struct{ daemon.Mailbox }

func (fakeMailbox) FetchRaw(_ context.Context, _ uint32, maxBytes int64) ([]byte, error) {
	return make([]byte, min(maxBytes, 10)), nil
}

func (fakeMailbox) FetchSince(context.Context, uint32, int) ([]mailbox.Summary, error) {
	return []mailbox.Summary{{Header: []byte("a: b\r\n\r\n")}}, nil
}

func TestTimedMailboxTellsPreviewsFromBodies(t *testing.T) {
	clock := newOpClock()
	m := &timedMailbox{Mailbox: fakeMailbox{}, clock: clock, maxBody: 1000}
	ctx := context.Background()
	m.FetchSince(ctx, 0, 200)
	m.FetchRaw(ctx, 1, 64)   // a preview
	m.FetchRaw(ctx, 2, 1001) // whole: the limit + 1
	m.FetchRaw(ctx, 3, 0)    // whole: no limit
	ops := clock.snapshot()
	for _, c := range []struct {
		op           string
		calls, bytes int
	}{{OpHeaders, 1, 8}, {OpPreviews, 1, 10}, {OpBodies, 2, 10}} {
		if got := ops[c.op]; got.Calls != c.calls || got.Bytes != int64(c.bytes) {
			t.Errorf("ops[%s] = %d calls, %d bytes; want %d, %d", c.op, got.Calls, got.Bytes, c.calls, c.bytes)
		}
	}
	if rp := ops.ReadPhase(); rp.Calls != 4 {
		t.Errorf("ReadPhase() = %d calls, want 4", rp.Calls)
	}
}
