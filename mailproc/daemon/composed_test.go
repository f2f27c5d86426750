package daemon_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/store"
)

// TestRepliesSentAsComposed: the replies this process recorded are sent
// and copied to the sent folder from the bytes it composed, not read back
// from the store: with their stored bytes deleted as soon as each decision
// is recorded, every reply still goes out and is filed, byte for byte as
// sent.
func TestRepliesSentAsComposed(t *testing.T) {
	w := newWorld(t)
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, la)
	const n = 5
	for i := range n {
		w.deliver(now.Add(-time.Duration(n-i)*time.Minute), "Parent <parent"+string(rune('a'+i))+"@example.com>", coppaSubject, "Please delete my child's data.")
	}
	obs := &unstoring{t: t, st: w.store}
	if err := w.daemon(now, func(o *daemon.Options) { o.Observer = obs }).RunOnce(context.Background()); err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if obs.deleted != n {
		t.Fatalf("deleted the stored bytes of %d replies, want %d", obs.deleted, n)
	}
	out, filed := w.smtp.Messages(), w.folder("Sent")
	if len(out) != n || len(filed) != n {
		t.Fatalf("%d replies sent, %d in Sent; want %d each", len(out), len(filed), n)
	}
	for i := range out {
		if !bytes.Equal(bytes.ReplaceAll(out[i].Raw, []byte("\r\n"), []byte("\n")), bytes.ReplaceAll(filed[i].Raw, []byte("\r\n"), []byte("\n"))) {
			t.Errorf("reply %d: the copy in Sent differs from the bytes sent", i)
		}
	}
}

// unstoring deletes the stored bytes of a decided case's replies.
type unstoring struct {
	t       *testing.T
	st      *store.Store
	deleted int
}

func (u *unstoring) Decided(e daemon.Decided) {
	if e.CaseID == "" {
		return
	}
	err := u.st.Update(func(tx *store.Tx) error {
		c, err := tx.Case(e.CaseID)
		if err != nil {
			return err
		}
		for _, r := range c.Replies {
			if raw, err := tx.Raw(r.MessageID); err != nil {
				return err
			} else if raw != nil {
				u.deleted++
			}
			if err := tx.DeleteRaw(r.MessageID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		u.t.Error(err)
	}
}

func (u *unstoring) Sent(daemon.Sent) {}
