package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// The journal makes the daemon's outbox steps (a reply's intent, and its
// outcome with the next one's intent) durable without a commit of the
// database each: Step writes the case heads a step changed as one record
// to a file beside the database and syncs it (one fdatasync of a few KB),
// and keeps them pending in memory; they go into the database, all
// together, with the next Update (any Update: the daemon's next group of
// decisions, a filing, a staff action), with Flush, or once
// journalFlushEvery records are pending. Opening the store writes into
// the database what a process that died left in the journal.
//
// A commit of the database syncs twice and rewrites some ten pages for a
// step; with the sends of a busy backlog it was the daemon's largest cost
// after composing replies (a CPU profile put the outcome commits at 19%
// of its samples, and each sync kept the runtime's monitor thread waking
// every 20 µs for a millisecond after).
//
// What reads the database sees a pending step once it is written in: an
// Update writes the pending heads before its own work, in the same
// transaction, so every writer sees them; Step itself reads them over
// what is committed. A View reads what is committed, so it may lag the
// outbox by the steps pending (at most journalFlushEvery; the daemon
// flushes when its sending line stops): fine for lists and counts, and a
// decision made on a View's reading is written by an Update, which sees
// the pending steps.
//
// A record is its length and CRC-32C and then its sequence number, the
// id of the database's last committed transaction it was written over,
// the database's instance tag, and the heads: each its case id, the case
// as its body is encoded but with the texts it holds, and the events it
// added since the case was committed (as the history keeps them). The
// database keeps the sequence number of the last record written in
// (keyJournalApplied in the meta bucket), in the transaction that writes
// them: a record at or below it is never written in again, so the
// records a journal keeps after they are in the database (below) change
// nothing. A record cut
// short by a crash fails its CRC, and it and what follows are dropped: the
// step it held was never acknowledged, so its send never began. A record
// written over another database, or over another transaction than the
// database's last, is dropped too: the database is not the one it was
// written for (a new one, or a backup restored over it), and its heads
// would undo what that one holds.
//
// The file is kept written with zeros to journalRoom bytes, and records
// are written over it from its start again once they are in the
// database, rather than appended to a file cut to nothing: a sync of
// data written over blocks the file has, within its size, writes no
// metadata (0.052–0.057 ms of CPU and 0.11 ms of wall time a sync of
// 2,500 bytes on this machine, against 0.078–0.095 ms and 0.18–0.19 ms
// appending, 2,000 syncs each, twice). What follows the last record is
// zeros, a record cut short, or records already in the database, which
// the sequence numbers tell.
type journal struct {
	mu       sync.Mutex // held through a step and through an Update, in that order before bbolt's lock
	f        *os.File   // nil: none (steps commit)
	size     int64      // bytes of the records not yet in the database, from the start of f
	instance string     // the database's instance tag, in each record
	seq      uint64     // of the last record written or begun
	pending  heads      // written to f, not yet in the database
	records  int        // records pending
}

// journalFlushEvery is how many records may be pending before Step writes
// them into the database; journalRoom is how much of the file is kept
// written (32 records of two heads are about 100 KB).
const (
	journalFlushEvery = 32
	journalRoom       = 256 << 10
)

// keyJournalApplied keeps in the meta bucket the sequence number of the
// last journal record written into the database.
var keyJournalApplied = []byte("journal-applied")

// pendingHead is a case head changed by a step and not yet written into
// the database.
type pendingHead struct {
	body   []byte        // the case's body (bodyEnc), texts included
	events []cases.Event // the events added since it was committed
	search string        // its search text as committed ("" when not known)
}

// heads are case heads by case id, in the order they first came.
type heads struct {
	byID  map[string]*pendingHead
	order []string
}

// put makes p the head of case id.
func (hs *heads) put(id string, p *pendingHead) {
	if hs.byID == nil {
		hs.byID = map[string]*pendingHead{}
	}
	if _, ok := hs.byID[id]; !ok {
		hs.order = append(hs.order, id)
	}
	hs.byID[id] = p
}

// reset forgets every head.
func (hs *heads) reset() {
	clear(hs.byID)
	hs.order = hs.order[:0]
}

// writeIn writes the heads in t, in order.
func (hs *heads) writeIn(t *Tx) error {
	for _, id := range hs.order {
		h, err := hs.byID[id].head(id)
		if err != nil {
			return err
		}
		if err := t.PutCaseHead(h); err != nil {
			return err
		}
	}
	return nil
}

// journalPath is where the journal of the database at path is kept.
func journalPath(path string) string { return path + ".journal" }

// openJournal opens (creating) the journal of the database at path.
func openJournal(path string) (*journal, error) {
	f, err := os.OpenFile(journalPath(path), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, fmt.Errorf("open journal: %w", err)
	}
	if err := makeRoom(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("open journal: %w", err)
	}
	return &journal{f: f}, nil
}

// zeros is what makeRoom writes, a block at a time.
var zeros [64 << 10]byte

// makeRoom writes zeros past the end of f up to journalRoom bytes, and
// syncs them.
func makeRoom(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() >= journalRoom {
		return nil
	}
	for off := fi.Size(); off < journalRoom; {
		n, err := f.WriteAt(zeros[:min(int64(len(zeros)), journalRoom-off)], off)
		if err != nil {
			return err
		}
		off += int64(n)
	}
	return f.Sync()
}

// read takes as pending what the journal holds past what the database
// at db has written in, over the database's last transaction. It runs
// before anything else commits: the records are of the last transaction
// when the process that wrote them died. The store's next commit writes
// them in.
func (j *journal) read(db *bolt.DB) error {
	raw, err := io.ReadAll(io.NewSectionReader(j.f, 0, 1<<62))
	if err != nil {
		return fmt.Errorf("read journal: %w", err)
	}
	var applied uint64
	var txid int
	var instance string
	err = db.View(func(tx *bolt.Tx) error {
		applied, txid = appliedSeq(tx), tx.ID()
		if b := tx.Bucket(bucketMeta); b != nil {
			instance = string(b.Get(keyInstance))
		}
		return nil
	})
	if err != nil {
		return err
	}
	j.seq = applied
	for _, r := range readRecords(raw) {
		j.seq = max(j.seq, r.seq)
		if r.seq > applied && r.base == txid && r.instance == instance && instance != "" {
			for _, h := range r.heads {
				j.pending.put(h.id, h.ph)
			}
		}
	}
	return nil
}

// appliedSeq is the sequence number of the last journal record written
// into the database.
func appliedSeq(tx *bolt.Tx) uint64 {
	b := tx.Bucket(bucketMeta) // none in a database just made
	if b == nil {
		return 0
	}
	if v := b.Get(keyJournalApplied); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

// apply writes the pending heads into the database in t, and the sequence
// number of the last record. The caller calls applied once t commits.
func (j *journal) apply(t *Tx) error {
	if len(j.pending.order) == 0 {
		return nil
	}
	if err := j.pending.writeIn(t); err != nil {
		return err
	}
	return bucket(t.tx, bucketMeta).Put(keyJournalApplied, binary.BigEndian.AppendUint64(nil, j.seq))
}

// applied forgets the pending heads, written into the database by a
// transaction that committed, and starts the journal over: the next
// record is written at its start.
func (j *journal) applied() {
	j.pending.reset()
	j.records = 0
	j.size = 0 // the next record is written over the first: those are in the database
}

// head is the pending head as CaseHead returns one: the case with the
// texts it held and the events added since it was committed, none of
// them written yet.
func (p *pendingHead) head(id string) (*CaseHead, error) {
	var c cases.Case
	if err := decodeBody(p.body, &c); err != nil {
		return nil, fmt.Errorf("read pending case %s: %w", id, err)
	}
	c.History = append([]cases.Event(nil), p.events...)
	return &CaseHead{Case: &c, search: p.search}, nil
}

// pendingOf is what a step keeps of h: it holds every event h's case
// added since it was committed (h.logged is 0 for a head read in a step).
func pendingOf(h *CaseHead) (*pendingHead, error) {
	b, err := bodyEnc.Marshal(h.Case)
	if err != nil {
		return nil, fmt.Errorf("encode case %s: %w", h.Case.ID, err)
	}
	return &pendingHead{body: b, events: append([]cases.Event(nil), h.Case.History...), search: h.search}, nil
}

// step is one Step's changes: the heads it put.
type step struct {
	j     *journal
	base  int // the id of the last committed transaction, which it read
	heads heads
}

// caseHead returns the pending head of case id, or nil when it has none.
func (s *step) caseHead(id string) (*CaseHead, error) {
	p := s.heads.byID[id]
	if p == nil {
		p = s.j.pending.byID[id]
	}
	if p == nil {
		return nil, nil
	}
	return p.head(id)
}

// put keeps h as the step's change to its case.
func (s *step) put(h *CaseHead) error {
	if h.logged != 0 {
		return fmt.Errorf("write case %s: a head in a step was written outside it", h.Case.ID)
	}
	p, err := pendingOf(h)
	if err != nil {
		return err
	}
	s.heads.put(h.Case.ID, p)
	return nil
}

// record is one record of the journal as read back.
type record struct {
	seq      uint64
	base     int
	instance string
	heads    []recordHead
}

// recordHead is one case head of a record.
type recordHead struct {
	id string
	ph *pendingHead
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encodeRecord frames the step's heads as record seq of the database
// instance.
func encodeRecord(seq uint64, instance string, s *step) ([]byte, error) {
	var p []byte
	p = binary.BigEndian.AppendUint64(p, seq)
	p = binary.BigEndian.AppendUint64(p, uint64(s.base))
	p = binary.AppendUvarint(p, uint64(len(instance)))
	p = append(p, instance...)
	p = binary.AppendUvarint(p, uint64(len(s.heads.order)))
	for _, id := range s.heads.order {
		h := s.heads.byID[id]
		ev, err := json.Marshal(h.events)
		if err != nil {
			return nil, fmt.Errorf("encode history of case %s: %w", id, err)
		}
		for _, part := range [][]byte{[]byte(id), h.body, ev} {
			p = binary.AppendUvarint(p, uint64(len(part)))
			p = append(p, part...)
		}
	}
	out := binary.BigEndian.AppendUint32(make([]byte, 0, len(p)+8), uint32(len(p)))
	out = binary.BigEndian.AppendUint32(out, crc32.Checksum(p, castagnoli))
	return append(out, p...), nil
}

// readRecords reads the whole records at the start of raw, stopping at
// the first that is cut short or fails its CRC.
func readRecords(raw []byte) []record {
	var out []record
	for len(raw) >= 8 {
		n := int(binary.BigEndian.Uint32(raw))
		if n > len(raw)-8 || crc32.Checksum(raw[8:8+n], castagnoli) != binary.BigEndian.Uint32(raw[4:]) {
			break
		}
		r, err := decodeRecord(raw[8 : 8+n])
		if err != nil {
			break
		}
		out = append(out, r)
		raw = raw[8+n:]
	}
	return out
}

var errRecord = errors.New("journal record malformed")

// decodeRecord reads one record's payload.
func decodeRecord(p []byte) (record, error) {
	var r record
	if len(p) < 16 {
		return r, errRecord
	}
	r.seq, r.base, p = binary.BigEndian.Uint64(p), int(binary.BigEndian.Uint64(p[8:])), p[16:]
	l, k := binary.Uvarint(p)
	if k <= 0 || l > uint64(len(p)-k) {
		return r, errRecord
	}
	r.instance, p = string(p[k:k+int(l)]), p[k+int(l):]
	n, k := binary.Uvarint(p)
	if k <= 0 {
		return r, errRecord
	}
	p = p[k:]
	for range n {
		var parts [3][]byte
		for i := range parts {
			l, k := binary.Uvarint(p)
			if k <= 0 || l > uint64(len(p)-k) {
				return r, errRecord
			}
			parts[i], p = p[k:k+int(l)], p[k+int(l):]
		}
		h := &pendingHead{body: bytes.Clone(parts[1])}
		if err := json.Unmarshal(parts[2], &h.events); err != nil {
			return r, fmt.Errorf("%w: %v", errRecord, err)
		}
		r.heads = append(r.heads, recordHead{id: string(parts[0]), ph: h})
	}
	return r, nil
}

// write appends the step as the next record and syncs it; on success the
// step's heads are pending.
func (j *journal) write(s *step) error {
	j.seq++
	rec, err := encodeRecord(j.seq, j.instance, s)
	if err != nil {
		return err
	}
	if _, err := j.f.WriteAt(rec, j.size); err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	if err := fdatasync(j.f); err != nil {
		return fmt.Errorf("sync journal: %w", err)
	}
	j.size += int64(len(rec))
	for _, id := range s.heads.order {
		j.pending.put(id, s.heads.byID[id])
	}
	j.records++
	return nil
}

// close closes the journal's file.
func (j *journal) close() error {
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}

// CopyFiles copies the database's file and its journal into dir as they
// are on disk at one moment, with no transaction or step half written:
// what a process killed at that moment leaves for the next to open. It is
// for tests of what a restart finds; a backup is Backup.
func (s *Store) CopyFiles(dir string) error {
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	path := s.db.Path()
	for _, p := range []string{path, journalPath(path)} {
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("copy store files: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o600); err != nil {
			return fmt.Errorf("copy store files: %w", err)
		}
	}
	return nil
}
