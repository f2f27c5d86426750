package daemon_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// TestReplyBytesKeptForTheRecord: the bytes of a reply stay in the store
// after it is sent and copied to the sent folder (issue 17: kept for the
// record, out of the hot path).
func TestReplyBytesKeptForTheRecord(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		id := w.deliver(time.Date(2026, 2, 2, 9, 0, 0, 0, la), "Ada Byron <ada@example.com>", calSubject, fullBody)
		w.runOnce(time.Date(2026, 3, 1, 10, 0, 0, 0, la))
		c := w.caseOf(id)
		if len(c.Replies) != 1 || c.Replies[0].State != cases.ReplySent || !c.Replies[0].InSent {
			t.Fatalf("replies = %+v, want one sent and copied to the sent folder", c.Replies)
		}
		sent := w.sent()
		if len(sent) != 1 {
			t.Fatalf("%d replies went out, want 1", len(sent))
		}
		var kept []byte
		if err := w.store.View(func(tx *store.Tx) error {
			var err error
			kept, err = tx.Raw(c.Replies[0].MessageID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(kept, []byte(sent[0].messageID)) || !bytes.Contains(kept, []byte("Ada Byron")) {
			t.Errorf("kept bytes of the reply = %d bytes without its Message-ID %s or the requester's name", len(kept), sent[0].messageID)
		}
	})
}
