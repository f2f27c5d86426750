package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

func open(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// TestOpenMode: the database and its journal hold personal data and are
// readable by their owner alone, a journal found with a wider mode too.
func TestOpenMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	if err := os.WriteFile(journalPath(path), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, p := range []string{path, journalPath(path)} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

func TestOpenLocked(t *testing.T) {
	_, path := open(t)
	s2, err := Open(path)
	if !errors.Is(err, ErrLocked) {
		if s2 != nil {
			s2.Close()
		}
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
}

func TestCaseRoundTripAndIndexes(t *testing.T) {
	s, _ := open(t)
	var id string
	err := s.Update(func(tx *Tx) error {
		var err error
		if id, err = tx.NewCaseID(2026); err != nil {
			return err
		}
		c := &cases.Case{ID: id, Kind: cases.California, State: cases.Answered,
			Messages: []cases.Message{{Key: "mid:a@x", MessageID: "a@x", Moved: false}},
			Replies:  []cases.Reply{{Template: "california-disclosure", MessageID: id + ".california-disclosure@cooper.example", State: cases.ReplySent, InSent: true}}}
		return tx.PutCase(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	if id != "C-2026-0001" {
		t.Errorf("NewCaseID = %s, want C-2026-0001", id)
	}
	s.View(func(tx *Tx) error {
		if got, ok := tx.CaseForMessage("mid:a@x"); !ok || got != id {
			t.Errorf("CaseForMessage = %q, %v", got, ok)
		}
		if got, ok := tx.CaseForThread([]string{"other@x", id + ".california-disclosure@cooper.example"}); !ok || got != id {
			t.Errorf("CaseForThread(our reply) = %q, %v", got, ok)
		}
		if _, ok := tx.CaseForThread([]string{"unknown@x"}); ok {
			t.Error("CaseForThread(unknown) found a case")
		}
		if p := tx.PendingCases(); len(p) != 1 || p[0] != id {
			t.Errorf("PendingCases = %v, want [%s] (message not moved)", p, id)
		}
		c, err := tx.Case(id)
		if err != nil || c.Kind != cases.California || len(c.Replies) != 1 {
			t.Errorf("Case = %+v, %v", c, err)
		}
		if _, err := tx.Case("C-9"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Case(missing) = %v, want ErrNotFound", err)
		}
		return nil
	})
	s.Update(func(tx *Tx) error {
		c, _ := tx.Case(id)
		c.Messages[0].Moved = true
		return tx.PutCase(c)
	})
	s.View(func(tx *Tx) error {
		if p := tx.PendingCases(); len(p) != 0 {
			t.Errorf("PendingCases after settling = %v, want none", p)
		}
		return nil
	})
}

func TestCaseIDsPerYear(t *testing.T) {
	s, _ := open(t)
	var got []string
	s.Update(func(tx *Tx) error {
		for _, y := range []int{2025, 2025, 2026, 2025} {
			id, err := tx.NewCaseID(y)
			if err != nil {
				return err
			}
			got = append(got, id)
		}
		return nil
	})
	want := []string{"C-2025-0001", "C-2025-0002", "C-2026-0001", "C-2025-0003"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("NewCaseID #%d = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestEarlierAnswer(t *testing.T) {
	s, path := open(t)
	at := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	f := cases.Fields{Name: "Ada Byron", Street: "12 Oak Street", ZIP: "93704-1234"}
	s.Update(func(tx *Tx) error { return tx.RecordAnswer(2026, "Ada@Example.com", f, "C-2026-0001", at) })
	tests := []struct {
		name  string
		year  int
		email string
		f     cases.Fields
		want  bool
	}{
		{"same email other case", 2026, "ada@example.COM", cases.Fields{}, true},
		{"same name street zip, new email", 2026, "new@example.org", cases.Fields{Name: "ada  byron", Street: "12 Oak St.", ZIP: "93704"}, true},
		{"other year", 2025, "ada@example.com", f, false},
		{"someone else", 2026, "bob@example.com", cases.Fields{Name: "Bob", Street: "12 Oak Street", ZIP: "93704"}, false},
	}
	for _, tt := range tests {
		s.View(func(tx *Tx) error {
			got, id, ok := tx.EarlierAnswer(tt.year, tt.email, tt.f)
			if ok != tt.want || (ok && (!got.Equal(at) || id != "C-2026-0001")) {
				t.Errorf("%s: EarlierAnswer = %v, %s, %v; want %v", tt.name, got, id, ok, tt.want)
			}
			return nil
		})
	}
	// Only keyed hashes are stored: the address never appears in the file.
	s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"ada@example.com", "Ada@Example.com", "Oak"} {
		if containsBytes(data, secret) {
			t.Errorf("database file holds %q in clear", secret)
		}
	}
}

func containsBytes(data []byte, s string) bool {
	for i := 0; i+len(s) <= len(data); i++ {
		if string(data[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

func TestReplyLog(t *testing.T) {
	s, _ := open(t)
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s.Update(func(tx *Tx) error {
		for i, at := range []time.Duration{-30 * time.Hour, -20 * time.Hour, -2 * time.Hour, -30 * time.Minute} {
			email := "ada@example.com"
			if i == 2 {
				email = "bob@example.com"
			}
			if err := tx.RecordReply(email, base.Add(at), "m"+string(rune('a'+i))); err != nil {
				return err
			}
		}
		return nil
	})
	s.View(func(tx *Tx) error {
		if n := tx.RepliesTo("ADA@example.com", base.Add(-24*time.Hour)); n != 2 {
			t.Errorf("RepliesTo(last 24h) = %d, want 2", n)
		}
		if n := tx.Replies(base.Add(-time.Hour)); n != 1 {
			t.Errorf("Replies(last hour) = %d, want 1", n)
		}
		return nil
	})
	s.Update(func(tx *Tx) error { return tx.PruneReplies(base.Add(-24 * time.Hour)) })
	s.View(func(tx *Tx) error {
		if n := tx.Replies(time.Time{}); n != 3 {
			t.Errorf("Replies after prune = %d, want 3", n)
		}
		return nil
	})
}

func TestWatermark(t *testing.T) {
	s, _ := open(t)
	s.Update(func(tx *Tx) error {
		tx.SetWatermark("INBOX", 7, 10)
		tx.SetWatermark("INBOX", 7, 5) // never lowered
		return nil
	})
	s.View(func(tx *Tx) error {
		if w := tx.Watermark("INBOX", 7); w != 10 {
			t.Errorf("Watermark = %d, want 10", w)
		}
		if w := tx.Watermark("INBOX", 8); w != 0 {
			t.Errorf("Watermark after UIDVALIDITY change = %d, want 0", w)
		}
		return nil
	})
}

func TestOpenCasesIndex(t *testing.T) {
	s, path := open(t)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	s.Update(func(tx *Tx) error {
		tx.PutCase(&cases.Case{ID: "C-1", State: cases.Review, Due: now.Add(-time.Hour)})
		tx.PutCase(&cases.Case{ID: "C-2", State: cases.AwaitingStaff, Due: now.Add(time.Hour)})
		tx.PutCase(&cases.Case{ID: "C-3", State: cases.Answered, Due: now.Add(-time.Hour)})
		return nil
	})
	s.View(func(tx *Tx) error {
		if open, overdue := tx.OpenCases(now); open != 2 || overdue != 1 {
			t.Errorf("OpenCases = %d, %d; want 2 open, 1 overdue", open, overdue)
		}
		return nil
	})
	s.Update(func(tx *Tx) error {
		c, _ := tx.Case("C-1")
		c.State = cases.Dismissed
		return tx.PutCase(c)
	})
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	s2.View(func(tx *Tx) error {
		if open, overdue := tx.OpenCases(now); open != 1 || overdue != 0 {
			t.Errorf("after closing one: OpenCases = %d, %d; want 1, 0", open, overdue)
		}
		return nil
	})
}

// TestRowsIndexed: every case written has its row and search text; a
// database from before the index gets one when opened; machine mail is
// never counted overdue.
func TestRowsIndexed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rows.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	late := now.AddDate(0, 0, -1)
	put := func(c *cases.Case) {
		if err := s.Update(func(tx *Tx) error { return tx.PutCase(c) }); err != nil {
			t.Fatal(err)
		}
	}
	put(&cases.Case{ID: "C-1", Kind: cases.California, State: cases.Review, Email: "ada@example.com", Due: late,
		Fields: cases.Fields{Name: "Ada Byron", City: "Fresno"}, Messages: []cases.Message{{Text: "Please send the Shine the Light list"}}})
	put(&cases.Case{ID: "C-2", Kind: cases.Automated, State: cases.Review, Email: "mailer-daemon@example.com", Due: late})
	find := func(query string) []string {
		var ids []string
		if err := s.View(func(tx *Tx) error {
			return tx.ForEachRow(cases.SearchWords(query), func(r cases.Row) error {
				ids = append(ids, r.ID)
				return nil
			})
		}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	for query, want := range map[string]string{"": "[C-1 C-2]", "SHINE light": "[C-1]", "fresno ada": "[C-1]", "c-2": "[C-2]", "nobody": "[]"} {
		if got := fmt.Sprint(find(query)); got != want {
			t.Errorf("search %q = %s, want %s", query, got, want)
		}
	}
	s.View(func(tx *Tx) error {
		if open, overdue := tx.OpenCases(now); open != 2 || overdue != 1 {
			t.Errorf("OpenCases = %d open, %d overdue; want 2, 1 (machine mail is never overdue)", open, overdue)
		}
		return nil
	})
	// An index from another version (or none: a store from before the
	// rows and the open-case index) is made again at the next open.
	s.Update(func(tx *Tx) error {
		tx.bucket(bucketMeta).Put(keyRowsVersion, []byte("0"))
		tx.bucket(bucketOpen).Delete([]byte("C-1"))
		tx.bucket(bucketOpen).Delete([]byte("C-2"))
		return tx.bucket(bucketRows).Delete([]byte("C-1"))
	})
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := fmt.Sprint(find("ada")); got != "[C-1]" {
		t.Errorf("after reopening, search ada = %s, want [C-1]", got)
	}
	s.View(func(tx *Tx) error {
		if open, overdue := tx.OpenCases(now); open != 2 || overdue != 1 {
			t.Errorf("after reopening, OpenCases = %d open, %d overdue; want 2, 1", open, overdue)
		}
		return nil
	})
}
