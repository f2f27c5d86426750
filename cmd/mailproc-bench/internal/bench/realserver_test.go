package bench

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv"
)

// TestSeedOnDovecot seeds through mailproc's AppendMany (with MULTIAPPEND
// on Dovecot, which mailbox's own tests check) and checks what arrived.
func TestSeedOnDovecot(t *testing.T) {
	mb := testenv.NewMailbox(t, testenv.Real)
	g := NewGenerator(9, 30, testBase)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := Seed(ctx, g, mb.Config()); err != nil {
		t.Fatalf("Seed = %v", err)
	}
	msgs := mb.Messages("INBOX")
	if len(msgs) != g.Len() {
		t.Fatalf("INBOX holds %d messages, want %d", len(msgs), g.Len())
	}
	for i, m := range msgs {
		want := g.Message(i)
		if !bytes.Equal(m.Raw, want.Raw) || !m.InternalDate.Equal(want.Date) {
			t.Errorf("INBOX message %d = %d bytes dated %v, want %d bytes dated %v", i, len(m.Raw), m.InternalDate, len(want.Raw), want.Date)
		}
	}
	if err := EmptyAccount(ctx, mb.Config()); err != nil {
		t.Errorf("EmptyAccount = %v", err)
	}
	if n := len(mb.Messages("INBOX")); n != 0 {
		t.Errorf("INBOX holds %d messages after EmptyAccount, want 0", n)
	}
}
