// Package store keeps mailproc's cases and bookkeeping in one bbolt file:
// cases, which message and thread belongs to which case, the
// once-per-calendar-year record (keyed hashes only), the reply log for rate
// limits, the bytes of every reply (compressed, kept for the record), the
// inbox watermarks, and the staff console's sessions. How a case is kept
// is told in casebody.go; beside the file, a journal keeps the outbox's
// steps between commits (journal.go).
// It is the only package that imports bbolt, and only the daemon opens it.
package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

var (
	bucketCases   = []byte("cases")
	bucketMsgKeys = []byte("msgkeys")
	bucketThreads = []byte("threads")
	bucketYears   = []byte("years")
	bucketSends   = []byte("sends")
	bucketRaw     = []byte("raw")     // replies' bytes as a store of an earlier format kept them
	bucketReplies = []byte("replies") // replies' bytes, compressed
	bucketWork    = []byte("work")
	bucketMarks   = []byte("watermarks")
	bucketMeta    = []byte("meta")
	bucketJobs    = []byte("jobs")
	bucketOpen    = []byte("open")        // open cases: id → due (Unix seconds)
	bucketWeb     = []byte("websessions") // console sessions: key → expiry (Unix seconds) and data
	allBuckets    = [][]byte{bucketCases, bucketMsgKeys, bucketThreads, bucketYears, bucketSends, bucketRaw, bucketWork, bucketMarks, bucketMeta, bucketJobs, bucketOpen, bucketWeb, bucketRows, bucketSearch, bucketTexts, bucketHistory, bucketReplies, bucketSendsTo, bucketSendsMinute}
)

// ErrNotFound is returned for a case that does not exist.
var ErrNotFound = errors.New("not found")

// ErrLocked is returned when another process holds the database.
var ErrLocked = errors.New("database in use by another process")

// Store is the open database.
type Store struct {
	db       *bolt.DB
	key      []byte // HMAC key for identities
	instance string // random tag of this database, in our Message-IDs
	commits  atomic.Uint64
	j        *journal // the outbox's steps not yet committed (journal.go)

	releaseMu       sync.Mutex // guards the two below (afterCommit)
	releasedAt      uint64     // commits at the last release of mapped pages
	releasedWritten int64      // bytes of pages written then
}

// Options change how a store is opened.
type Options struct {
	// IdentityKey, when set, is the HMAC key of the once-a-year record
	// instead of the key kept in the database. Changing it forgets who was
	// answered this year.
	IdentityKey []byte
}

// Open opens (creating when missing) the database at path with mode 0600.
// It fails with ErrLocked when another process has it open.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, o Options) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := s.start(path, o); err != nil {
		if s.j != nil {
			s.j.close()
		}
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.releaseMapped() // opening read every page to find the free ones
	return s, nil
}

// start readies the store opened at path: its journal read, its buckets
// and keys, and what a process that died left in the journal written in.
func (s *Store) start(path string, o Options) error {
	var err error
	if s.j, err = openJournal(path); err != nil {
		return err
	}
	if err := s.j.read(s.db); err != nil {
		return err
	}
	if err := s.init(); err != nil {
		return err
	}
	if len(o.IdentityKey) > 0 {
		s.key = append([]byte{}, o.IdentityKey...)
	}
	s.j.instance = s.instance
	return s.Flush()
}

func (s *Store) init() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return fmt.Errorf("create bucket %s: %w", b, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		key := meta.Get([]byte("hmac-key"))
		if key == nil {
			key = make([]byte, 32)
			if _, err := rand.Read(key); err != nil {
				return fmt.Errorf("make identity key: %w", err)
			}
			if err := meta.Put([]byte("hmac-key"), key); err != nil {
				return fmt.Errorf("store identity key: %w", err)
			}
		}
		s.key = append([]byte{}, key...)
		tag := meta.Get(keyInstance)
		if tag == nil {
			b := make([]byte, 4)
			if _, err := rand.Read(b); err != nil {
				return fmt.Errorf("make instance tag: %w", err)
			}
			tag = []byte(hex.EncodeToString(b))
			if err := meta.Put(keyInstance, tag); err != nil {
				return fmt.Errorf("store instance tag: %w", err)
			}
		}
		s.instance = string(tag)
		if err := indexSends(tx); err != nil {
			return err
		}
		return indexRows(tx)
	})
}

// keyInstance keeps the instance tag in the meta bucket.
var keyInstance = []byte("instance")

// Instance is a random tag made when the database was created: it tells
// this installation's Message-IDs from another's on the same domain.
func (s *Store) Instance() string { return s.instance }

// Close writes the pending steps into the database and closes it. When
// they cannot be written, they stay in the journal, for the next Open.
func (s *Store) Close() error {
	ferr := s.Flush()
	s.j.mu.Lock()
	jerr := s.j.close()
	s.j.mu.Unlock()
	if err := s.db.Close(); err != nil {
		return err
	}
	return errors.Join(ferr, jerr)
}

// View runs fn in a read-only transaction. It reads what is committed:
// not the outbox's steps still pending in the journal (journal.go).
func (s *Store) View(fn func(*Tx) error) error {
	return s.db.View(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx, key: s.key}) })
}

// Update runs fn in a read-write transaction, committed when fn returns nil
// and written to disk before Update returns. The steps pending in the
// journal are written first, in the same transaction.
func (s *Store) Update(fn func(*Tx) error) error {
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	return s.update(fn)
}

// update is Update with the journal's lock held.
func (s *Store) update(fn func(*Tx) error) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		t := &Tx{tx: tx, key: s.key}
		if err := s.j.apply(t); err != nil {
			return err
		}
		return fn(t)
	})
	if err == nil {
		s.j.applied()
		s.afterCommit()
	}
	return err
}

// Step runs fn as Update does, but makes what it changes durable in the
// journal instead of by a commit (journal.go): the case heads fn reads
// with CaseHead and writes with PutCaseHead, which are all it may write
// (anything else fails as in a read-only transaction). fn reads what is
// committed, under the heads earlier steps left pending. When Step
// returns nil, what fn wrote is on disk. When the journal cannot be
// written, the step is committed instead, and so are the later ones.
func (s *Store) Step(fn func(*Tx) error) error {
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	if s.j.f == nil {
		return s.update(fn)
	}
	st := &step{j: s.j}
	err := s.db.View(func(tx *bolt.Tx) error {
		st.base = tx.ID()
		return fn(&Tx{tx: tx, key: s.key, step: st})
	})
	if err != nil || len(st.heads.order) == 0 {
		return err
	}
	if err := s.j.write(st); err != nil {
		// Steps commit from now on. The records written stay in the
		// file, at or below the sequence number this commit keeps.
		s.j.close()
		return s.update(st.heads.writeIn)
	}
	if s.j.records >= journalFlushEvery {
		// The step is on disk whatever this commit does; one that fails
		// leaves the records in the journal, for the next commit to write
		// in (or fail on, to its caller).
		_ = s.flush()
	}
	return nil
}

// Flush writes the steps pending in the journal into the database.
func (s *Store) Flush() error {
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	return s.flush()
}

// flush is Flush with the journal's lock held.
func (s *Store) flush() error {
	if len(s.j.pending.order) == 0 {
		return nil
	}
	if err := s.update(func(*Tx) error { return nil }); err != nil {
		return fmt.Errorf("write the journal into the database: %w", err)
	}
	return nil
}

// Commits is how many transactions Update has committed since the store
// was opened: each is a write to disk and a sync, the main cost of
// recording (the daemon's benchmark reports them per request).
func (s *Store) Commits() uint64 { return s.commits.Load() }

// Tx is one transaction.
type Tx struct {
	tx       *bolt.Tx
	key      []byte
	onPutRaw func(messageID string, raw []byte)
	step     *step // set in a Step: case heads are read over and written to it
}

func (t *Tx) bucket(name []byte) *bolt.Bucket { return bucket(t.tx, name) }

// appended reports whether the keys of bucket name mostly come in
// ascending order: they are case ids, numbered in sequence, or begin with
// one.
func appended(name []byte) bool {
	switch string(name) {
	case string(bucketCases), string(bucketTexts), string(bucketHistory), string(bucketReplies), string(bucketRows), string(bucketSearch):
		return true
	}
	return false
}

// fillAppended is how full bbolt fills a page of an appended bucket
// before it splits it: a page left half full (bbolt's default, for keys
// that come in any order) would never be filled.
const fillAppended = 0.9

// bucket returns the bucket name of tx.
func bucket(tx *bolt.Tx, name []byte) *bolt.Bucket {
	b := tx.Bucket(name)
	if appended(name) {
		b.FillPercent = fillAppended
	}
	return b
}

// Backup writes a consistent copy of the whole database to w while it is
// in use, and returns how many bytes.
func (s *Store) Backup(w io.Writer) (int64, error) {
	if err := s.Flush(); err != nil {
		return 0, fmt.Errorf("back up store: %w", err)
	}
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up store: %w", err)
	}
	s.releaseMapped() // the copy read every page
	return n, nil
}
