package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

var stepAt = time.Date(2026, 3, 1, 11, 0, 0, 0, time.UTC)

// journalWorld is a store holding two cases with a planned reply each.
func journalWorld(t *testing.T) (*Store, string) {
	t.Helper()
	s, path := open(t)
	for i := 1; i <= 2; i++ {
		c := benchCase(fmt.Sprintf("C-2026-%04d", i), i)
		if err := s.Update(func(tx *Tx) error { return tx.PutCase(c) }); err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

// markReply is a step as the outbox takes one: reply 0 of case id goes to
// state, with an event.
func markReply(s *Store, id string, state cases.ReplyState) error {
	return s.Step(func(tx *Tx) error {
		h, err := tx.CaseHead(id)
		if err != nil {
			return err
		}
		h.Case.Replies[0].State = state
		h.Case.Replies[0].Attempts++
		h.Case.Log(stepAt, cases.ActorDaemon, "step "+string(state), h.Case.Replies[0].MessageID)
		return tx.PutCaseHead(h)
	})
}

// sendingStep marks reply 0 of case id sending in a step, and returns the
// journal of the store at path as it is then.
func sendingStep(t *testing.T, s *Store, path, id string) []byte {
	t.Helper()
	if err := markReply(s, id, cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	j, err := os.ReadFile(journalPath(path))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// recordEnd is where the record at off in the journal raw ends.
func recordEnd(t *testing.T, raw []byte, off int) int {
	t.Helper()
	if len(raw) < off+8 {
		t.Fatalf("no record at %d of %d bytes", off, len(raw))
	}
	return off + 8 + int(binary.BigEndian.Uint32(raw[off:]))
}

// liveRecords counts the records of the journal of the database at path
// that db has not written in.
func liveRecords(t *testing.T, db *bolt.DB, path string) int {
	t.Helper()
	raw, err := os.ReadFile(journalPath(path))
	if err != nil {
		t.Fatal(err)
	}
	var applied uint64
	db.View(func(tx *bolt.Tx) error { applied = appliedSeq(tx); return nil })
	n := 0
	for _, r := range readRecords(raw) {
		if r.seq > applied {
			n++
		}
	}
	return n
}

// caseIn reads case id whole from s.
func caseIn(t *testing.T, s *Store, id string) *cases.Case {
	t.Helper()
	var c *cases.Case
	err := s.View(func(tx *Tx) error {
		var err error
		c, err = tx.Case(id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// killedCopy copies the store's files as they are on disk now, as a
// process killed at this moment leaves them, and opens the copy.
func killedCopy(t *testing.T, path string, edit func(journal []byte) []byte) *Store {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{filepath.Base(path), filepath.Base(journalPath(path))} {
		b, err := os.ReadFile(filepath.Join(filepath.Dir(path), name))
		if err != nil {
			t.Fatal(err)
		}
		if name != filepath.Base(path) && edit != nil {
			b = edit(b)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Open(filepath.Join(dir, filepath.Base(path)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// checkReply fails unless reply 0 of case id is in state with the number
// of "reply <state>" events given.
func checkReply(t *testing.T, s *Store, id string, state cases.ReplyState, events int) {
	t.Helper()
	c := caseIn(t, s, id)
	n := 0
	for _, e := range c.History {
		if e.Action == "step "+string(state) {
			n++
		}
	}
	if c.Replies[0].State != state || n != events {
		t.Fatalf("case %s: reply %s with %d events %q, want %s with %d", id, c.Replies[0].State, n, "step "+string(state), state, events)
	}
}

// TestStepDurableWithoutCommit: a step commits nothing, yet what it wrote
// is there when the store is opened after the process died; opening
// writes it in once and empties the journal.
func TestStepDurableWithoutCommit(t *testing.T) {
	s, path := journalWorld(t)
	before := s.Commits()
	if err := markReply(s, "C-2026-0001", cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	if s.Commits() != before {
		t.Fatalf("a step committed (%d commits)", s.Commits()-before)
	}
	checkReply(t, s, "C-2026-0001", cases.ReplyPlanned, 0) // a View reads what is committed
	after := killedCopy(t, path, nil)
	checkReply(t, after, "C-2026-0001", cases.ReplySending, 1)
	if n := liveRecords(t, after.db, after.db.Path()); n != 0 {
		t.Fatalf("the journal after opening holds %d records not in the database, want none", n)
	}
}

// TestStepReadsPending: a step reads the heads earlier steps left pending,
// an Update writes them in before its own work (which sees them), and the
// journal is then empty.
func TestStepReadsPending(t *testing.T) {
	s, path := journalWorld(t)
	if err := markReply(s, "C-2026-0001", cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	if err := markReply(s, "C-2026-0001", cases.ReplySent); err != nil {
		t.Fatal(err)
	}
	if c := caseIn(t, s, "C-2026-0001"); c.Replies[0].Attempts != 0 {
		t.Fatalf("a View read %d attempts, want what is committed (0)", c.Replies[0].Attempts)
	}
	err := s.Update(func(tx *Tx) error {
		h, err := tx.CaseHead("C-2026-0001")
		if err != nil {
			return err
		}
		if a := h.Case.Replies[0].Attempts; a != 2 {
			return fmt.Errorf("the Update read %d attempts, want the two steps' 2", a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkReply(t, s, "C-2026-0001", cases.ReplySent, 1)
	checkReply(t, s, "C-2026-0001", cases.ReplySent, 1)
	if n := liveRecords(t, s.db, path); n != 0 {
		t.Fatalf("the journal after the Update holds %d records not in the database, want none", n)
	}
	if c := caseIn(t, s, "C-2026-0001"); len(c.History) != 5 {
		t.Fatalf("history holds %d events, want the 3 stored and the 2 of the steps", len(c.History))
	}
}

// TestJournalRecordCutShort: a record cut short by a crash, and what
// follows it, are dropped; the records before it are written in.
func TestJournalRecordCutShort(t *testing.T) {
	s, path := journalWorld(t)
	sendingStep(t, s, path, "C-2026-0001")
	j := sendingStep(t, s, path, "C-2026-0002")
	first, second := recordEnd(t, j, 0), recordEnd(t, j, recordEnd(t, j, 0))
	for _, cut := range []int{1, 9, 40} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			after := killedCopy(t, path, func(j []byte) []byte {
				clear(j[first+cut : second]) // the rest of the second never written over the zeros
				return j
			})
			checkReply(t, after, "C-2026-0001", cases.ReplySending, 1)
			checkReply(t, after, "C-2026-0002", cases.ReplyPlanned, 0)
		})
	}
	t.Run("flipped", func(t *testing.T) {
		after := killedCopy(t, path, func(j []byte) []byte {
			j[second-3] ^= 0x20
			return j
		})
		checkReply(t, after, "C-2026-0001", cases.ReplySending, 1)
		checkReply(t, after, "C-2026-0002", cases.ReplyPlanned, 0)
	})
}

// TestJournalWrittenInOnce: records the database has already written in
// (the journal was not emptied after the commit) are not written again:
// no event twice.
func TestJournalWrittenInOnce(t *testing.T) {
	s, path := journalWorld(t)
	old := sendingStep(t, s, path, "C-2026-0001")
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	after := killedCopy(t, path, func([]byte) []byte { return old })
	checkReply(t, after, "C-2026-0001", cases.ReplySending, 1)
	// And the sequence goes on past it: a new step is written in.
	if err := markReply(after, "C-2026-0002", cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	again := killedCopy(t, after.db.Path(), nil)
	checkReply(t, again, "C-2026-0002", cases.ReplySending, 1)
	checkReply(t, again, "C-2026-0001", cases.ReplySending, 1)
}

// TestStepFailureLeavesNothing: a step whose function fails leaves nothing
// pending, even what it put before failing.
func TestStepFailureLeavesNothing(t *testing.T) {
	s, path := journalWorld(t)
	errStop := errors.New("stop")
	err := s.Step(func(tx *Tx) error {
		h, err := tx.CaseHead("C-2026-0001")
		if err != nil {
			return err
		}
		h.Case.Replies[0].State = cases.ReplySending
		if err := tx.PutCaseHead(h); err != nil {
			return err
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Fatalf("Step = %v, want the function's error", err)
	}
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	checkReply(t, s, "C-2026-0001", cases.ReplyPlanned, 0)
	if n := liveRecords(t, s.db, path); n != 0 {
		t.Fatalf("the journal holds %d records not in the database, want none", n)
	}
}

// TestStepWritesOnlyCaseHeads: anything else a step writes fails, as in a
// read-only transaction.
func TestStepWritesOnlyCaseHeads(t *testing.T) {
	s, _ := journalWorld(t)
	err := s.Step(func(tx *Tx) error { return tx.bucket(bucketMeta).Put([]byte("x"), []byte("y")) })
	if !errors.Is(err, bolterrors.ErrTxNotWritable) {
		t.Fatalf("Step writing the meta bucket = %v, want %v", err, bolterrors.ErrTxNotWritable)
	}
}

// TestStepCommitsWhenTheJournalFails: when the journal cannot be written,
// the step is committed instead (with what was pending), and so are the
// steps after it.
func TestStepCommitsWhenTheJournalFails(t *testing.T) {
	s, path := journalWorld(t)
	if err := markReply(s, "C-2026-0001", cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	s.j.f.Close() // every write to it fails now
	before := s.Commits()
	if err := markReply(s, "C-2026-0002", cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	if err := markReply(s, "C-2026-0002", cases.ReplySent); err != nil {
		t.Fatal(err)
	}
	if n := s.Commits() - before; n != 2 {
		t.Fatalf("%d commits, want one a step", n)
	}
	after := killedCopy(t, path, nil)
	checkReply(t, after, "C-2026-0001", cases.ReplySending, 1)
	checkReply(t, after, "C-2026-0002", cases.ReplySent, 1)
}

// TestStepsCommittedEvery: at most journalFlushEvery steps are pending.
func TestStepsCommittedEvery(t *testing.T) {
	s, _ := journalWorld(t)
	before := s.Commits()
	for i := range journalFlushEvery {
		if err := markReply(s, "C-2026-0001", cases.ReplyPlanned); err != nil {
			t.Fatal(err)
		}
		if want := uint64((i + 1) / journalFlushEvery); s.Commits()-before != want {
			t.Fatalf("after %d steps, %d commits; want %d", i+1, s.Commits()-before, want)
		}
	}
	checkReply(t, s, "C-2026-0001", cases.ReplyPlanned, journalFlushEvery)
}

// TestCloseWritesPendingIn: closing the store writes the pending steps in,
// and the journal holds no record the database lacks.
func TestCloseWritesPendingIn(t *testing.T) {
	s, path := journalWorld(t)
	if err := markReply(s, "C-2026-0001", cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := liveRecords(t, db, path); n != 0 {
		t.Fatalf("the journal after Close holds %d records not in the database, want none", n)
	}
	err = db.View(func(tx *bolt.Tx) error {
		c, _, err := readCase(tx, "C-2026-0001", tx.Bucket(bucketCases).Get([]byte("C-2026-0001")), readHead)
		if err == nil && c.Replies[0].State != cases.ReplySending {
			err = fmt.Errorf("reply %s in the database, want sending", c.Replies[0].State)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestJournalOfAnotherDatabase: a journal left beside a database it was
// not written over (a backup restored after a crash) is not written into
// it: its heads would undo what the backup holds.
func TestJournalOfAnotherDatabase(t *testing.T) {
	s, path := journalWorld(t)
	backup, err := os.Create(filepath.Join(t.TempDir(), "backup.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	backup.Close()
	c := benchCase("C-2026-0003", 3)
	if err := s.Update(func(tx *Tx) error { return tx.PutCase(c) }); err != nil {
		t.Fatal(err)
	}
	if err := markReply(s, "C-2026-0001", cases.ReplySending); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(backup.Name())
	if err != nil {
		t.Fatal(err)
	}
	j, err := os.ReadFile(journalPath(path))
	if err != nil || len(j) == 0 {
		t.Fatalf("journal: %d bytes, %v; want the step's record", len(j), err)
	}
	dir := t.TempDir()
	restored := filepath.Join(dir, "m.db")
	if err := os.WriteFile(restored, b, 0o600); err != nil {
		t.Fatal(err)
	}
	journalIgnored(t, restored, j)
}

// journalIgnored puts journal beside the database at path and fails
// unless opening it leaves reply 0 of C-2026-0001 planned, as the
// database has it: the journal is not written in.
func journalIgnored(t *testing.T, path string, journal []byte) {
	t.Helper()
	if err := os.WriteFile(journalPath(path), journal, 0o600); err != nil {
		t.Fatal(err)
	}
	reopened, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	checkReply(t, reopened, "C-2026-0001", cases.ReplyPlanned, 0)
}

// FuzzReadRecords: whatever a journal holds, reading it never panics, and
// reads back whole the records written before the damage.
func FuzzReadRecords(f *testing.F) {
	st := &step{}
	c := benchCase("C-2026-0001", 1)
	if err := st.put(&CaseHead{Case: c}); err != nil {
		f.Fatal(err)
	}
	rec, err := encodeRecord(7, "0a1b2c3d", st)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(rec, 0)
	f.Add(rec[:len(rec)-1], 3)
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0}, 0)
	f.Fuzz(func(t *testing.T, tail []byte, flip int) {
		raw := append(append([]byte{}, rec...), tail...)
		if flip > 0 && flip < len(tail) {
			raw[len(rec)+flip] ^= 0xff
		}
		rs := readRecords(raw)
		if len(rs) == 0 || rs[0].seq != 7 || len(rs[0].heads) != 1 || rs[0].heads[0].id != "C-2026-0001" {
			t.Fatalf("the first record read back as %+v", rs)
		}
		if _, err := rs[0].heads[0].ph.head("C-2026-0001"); err != nil {
			t.Fatal(err)
		}
	})
}

// TestJournalOfAnotherInstance: a journal left beside a database made
// anew (its own instance tag), even one at the same transaction with
// cases of the same ids, is not written into it.
func TestJournalOfAnotherInstance(t *testing.T) {
	s, path := journalWorld(t)
	sendingStep(t, s, path, "C-2026-0001")
	other, otherPath := journalWorld(t) // the same commits: the same transaction id
	other.Close()
	j, err := os.ReadFile(journalPath(path))
	if err != nil {
		t.Fatal(err)
	}
	journalIgnored(t, otherPath, j)
}
