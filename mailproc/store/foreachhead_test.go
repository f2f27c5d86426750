package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// TestForEachCaseHead: each case comes as CaseHead reads it, without its
// messages' texts or history, and history gives the history Case reads,
// for a case of this format as for one kept whole as JSON before it.
func TestForEachCaseHead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	old := richCase("C-2025-0001")
	putOld(t, path, old, old.Replies[0].MessageID, []byte("old reply"))
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put(t, s, richCase("C-2026-0001"))
	seen := 0
	err = s.View(func(tx *Tx) error {
		return tx.ForEachCaseHead(func(c *cases.Case, history func() ([]cases.Event, error)) error {
			seen++
			whole, err := tx.Case(c.ID)
			if err != nil {
				return err
			}
			head, err := tx.CaseHead(c.ID)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(c, head.Case) {
				t.Errorf("%s: ForEachCaseHead gives %+v, CaseHead %+v", c.ID, c, head.Case)
			}
			if c.ID != old.ID && (len(c.History) != 0 || c.Messages[0].Text != "") {
				t.Errorf("%s: head read with %d events, text %q", c.ID, len(c.History), c.Messages[0].Text)
			}
			events, err := history()
			if err != nil {
				return err
			}
			if len(events) == 0 || !reflect.DeepEqual(events, whole.History) {
				t.Errorf("%s: history gives %+v, want %+v", c.ID, events, whole.History)
			}
			return nil
		})
	})
	if err != nil || seen != 2 {
		t.Fatalf("ForEachCaseHead: %d cases, %v; want 2", seen, err)
	}
}
