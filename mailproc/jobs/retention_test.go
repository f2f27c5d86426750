package jobs

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/store"
)

// TestRetentionErasesKeptParts: a case past its retention loses its
// messages' texts, its history's details and the kept bytes of its
// replies; a recent one keeps them.
func TestRetentionErasesKeptParts(t *testing.T) {
	st := openStore(t)
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	mk := func(id string, received time.Time) *cases.Case {
		c := &cases.Case{ID: id, Kind: cases.Other, State: cases.Done, Email: "a@example.org", Received: received,
			Messages: []cases.Message{{Key: "k-" + id, MessageID: id + "@x", Text: "my secret text"}},
			Replies:  []cases.Reply{{Template: "t", MessageID: id + ".reply@x", State: cases.ReplySent, InSent: true}}}
		c.Log(received, "staff", "note", "a secret detail")
		return c
	}
	old, recent := mk("C-2023-0001", now.AddDate(-3, 0, 0)), mk("C-2026-0001", now.AddDate(0, -1, 0))
	retainOnce(t, st, now, func(tx *store.Tx) error {
		for _, c := range []*cases.Case{old, recent} {
			if err := tx.PutRaw(c.Replies[0].MessageID, []byte("reply bytes")); err != nil {
				return err
			}
			if err := tx.PutCase(c); err != nil {
				return err
			}
		}
		return nil
	})
	st.View(func(tx *store.Tx) error {
		for _, c := range []*cases.Case{old, recent} {
			got, err := tx.Case(c.ID)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := tx.Raw(c.Replies[0].MessageID)
			if err != nil {
				t.Fatal(err)
			}
			kept := raw != nil
			erased := c == old
			if got.Erased != erased || (got.Messages[0].Text == "") != erased || (got.History[0].Detail == "") != erased || kept == erased {
				t.Errorf("%s (erased: %v): erased %v, text %q, detail %q, reply bytes kept %v", c.ID, erased, got.Erased, got.Messages[0].Text, got.History[0].Detail, kept)
			}
		}
		return nil
	})
}

// TestRetentionPrunesReplyLog: the daily retention forgets the automatic
// replies logged more than two days ago and keeps the rest, which the rate
// limits count.
func TestRetentionPrunesReplyLog(t *testing.T) {
	st := openStore(t)
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	retainOnce(t, st, now, func(tx *store.Tx) error {
		for i, ago := range []time.Duration{90 * 24 * time.Hour, 49 * time.Hour, 47 * time.Hour, 2 * time.Hour} {
			if err := tx.RecordReply("ada@example.org", now.Add(-ago), fmt.Sprintf("r%d@x", i)); err != nil {
				return err
			}
		}
		return nil
	})
	st.View(func(tx *store.Tx) error {
		if n := tx.Replies(time.Time{}); n != 2 {
			t.Errorf("replies logged after retention: %d, want the 2 of the last two days", n)
		}
		if n := tx.RepliesTo("ada@example.org", now.Add(-24*time.Hour)); n != 1 {
			t.Errorf("replies to ada in the last day: %d, want 1", n)
		}
		return nil
	})
}

// retainOnce fills st in one transaction, then runs the daily retention
// at now.
func retainOnce(t *testing.T, st *store.Store, now time.Time, fill func(*store.Tx) error) {
	t.Helper()
	if err := st.Update(fill); err != nil {
		t.Fatal(err)
	}
	if err := scheduler(t, st).retention(t.Context(), now); err != nil {
		t.Fatal(err)
	}
}

// openStore opens a new store for a test, closed at its end.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// scheduler is the jobs of the default configuration on st.
func scheduler(t *testing.T, st *store.Store) *Scheduler {
	t.Helper()
	cfg := config.Default()
	d, err := New(Options{Config: &cfg, Store: st, Cases: noCases{}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}
