package store

import (
	"errors"
	"testing"
)

// TestCommitsCountsCommittedUpdates: Commits counts the transactions
// Update committed, not those rolled back, nor reads.
func TestCommitsCountsCommittedUpdates(t *testing.T) {
	s, _ := open(t)
	if got := s.Commits(); got != 0 {
		t.Fatalf("Commits after Open = %d, want 0", got)
	}
	for range 3 {
		if err := s.Update(func(tx *Tx) error { return tx.SetWatermark("INBOX", 1, 7) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Update(func(*Tx) error { return errors.New("no") }); err == nil {
		t.Fatal("Update of a failing fn = nil error")
	}
	if err := s.View(func(*Tx) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if got := s.Commits(); got != 3 {
		t.Errorf("Commits = %d, want 3 (the rolled-back Update and the View not counted)", got)
	}
}
