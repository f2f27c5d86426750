package bench

import (
	"context"
	"sync"
	"time"

	"github.com/mailproc/mailproc/mailproc/daemon"
)

// The operations a daemon run is timed by: its mailbox calls and its sends.
const (
	OpHeaders    = "imap fetch headers"  // FetchSince: the summaries and headers of new mail
	OpPreviews   = "imap fetch previews" // FetchRaw of the start of a message, to see its first line
	OpBodies     = "imap fetch bodies"   // FetchRaw of a whole message
	OpMove       = "imap move"           // File: the moves out of the inbox
	OpAppend     = "imap append"
	OpAppendMany = "imap append many"     // AppendMany: a call appends several
	OpLookup     = "imap find message-id" // FolderMessageIDs
	OpUIDs       = "imap fetch by uid"    // FetchUIDs: is a message still there
	OpSelect     = "imap select"
	OpOther      = "imap other" // EnsureFolders, MoveByMessageID, MarkFiling
	OpSend       = "smtp send"
)

// Ops is the time spent in each operation, by name.
type Ops map[string]Reads

// Reads counts calls of one operation.
type Reads struct {
	Calls   int
	Seconds float64
	Bytes   int64 `json:",omitempty"`
}

// ReadPhase is the daemon's read phase: headers, previews and bodies.
func (o Ops) ReadPhase() Reads {
	var r Reads
	for _, name := range []string{OpHeaders, OpPreviews, OpBodies} {
		r.Calls += o[name].Calls
		r.Seconds += o[name].Seconds
		r.Bytes += o[name].Bytes
	}
	return r
}

// opClock adds up operations; the daemon and a staff action may call at
// once.
type opClock struct {
	mu  sync.Mutex
	ops Ops
}

func newOpClock() *opClock { return &opClock{ops: Ops{}} }

// since adds one call of op that began at start and moved n bytes.
func (c *opClock) since(op string, start time.Time, n int64) {
	d := time.Since(start).Seconds()
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.ops[op]
	r.Calls++
	r.Seconds += d
	r.Bytes += n
	c.ops[op] = r
}

// snapshot is a copy of the counts.
func (c *opClock) snapshot() Ops {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(Ops, len(c.ops))
	for k, v := range c.ops {
		out[k] = v
	}
	return out
}

// timedDial wraps each mailbox dial returns.
func timedDial(dial daemon.Dialer, clock *opClock, maxBody int64) daemon.Dialer {
	return func(ctx context.Context) (daemon.Mailbox, error) {
		mb, err := dial(ctx)
		if err != nil {
			return nil, err
		}
		return &timedMailbox{Mailbox: mb, clock: clock, maxBody: maxBody}, nil
	}
}

// timedSender is the daemon's sender with its sends timed.
type timedSender struct {
	daemon.Sender
	clock *opClock
}

// Send times one send.
func (s timedSender) Send(ctx context.Context, from string, to []string, raw []byte) error {
	defer s.clock.since(OpSend, time.Now(), int64(len(raw)))
	return s.Sender.Send(ctx, from, to, raw)
}
