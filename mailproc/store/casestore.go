package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// NewCaseID allocates the next case number of a year: "C-2025-0001".
func (t *Tx) NewCaseID(year int) (string, error) {
	meta := t.bucket(bucketMeta)
	k := []byte(fmt.Sprintf("seq/%04d", year))
	var n uint64
	if v := meta.Get(k); len(v) == 8 {
		n = binary.BigEndian.Uint64(v)
	}
	n++
	if err := meta.Put(k, binary.BigEndian.AppendUint64(nil, n)); err != nil {
		return "", fmt.Errorf("allocate case id: %w", err)
	}
	return fmt.Sprintf("C-%04d-%04d", year, n), nil
}

// Case returns a case by id, or ErrNotFound.
func (t *Tx) Case(id string) (*cases.Case, error) {
	v := t.bucket(bucketCases).Get([]byte(id))
	if v == nil {
		return nil, fmt.Errorf("case %s: %w", id, ErrNotFound)
	}
	var c cases.Case
	if err := json.Unmarshal(v, &c); err != nil {
		return nil, fmt.Errorf("read case %s: %w", id, err)
	}
	return &c, nil
}

// PutCase writes a case and its indexes: each message key and Message-ID
// and each reply's Message-ID lead to it, its row and search text, and it
// is on the work list while it has pending work.
func (t *Tx) PutCase(c *cases.Case) error {
	v, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode case %s: %w", c.ID, err)
	}
	id := []byte(c.ID)
	if err := t.bucket(bucketCases).Put(id, v); err != nil {
		return fmt.Errorf("write case %s: %w", c.ID, err)
	}
	for _, m := range c.Messages {
		if err := t.index(bucketMsgKeys, m.Key, id); err != nil {
			return err
		}
		if err := t.index(bucketThreads, m.MessageID, id); err != nil {
			return err
		}
	}
	for _, r := range c.Replies {
		if err := t.index(bucketThreads, r.MessageID, id); err != nil {
			return err
		}
	}
	if err := t.setOpen(c); err != nil {
		return err
	}
	if err := t.putRow(c); err != nil {
		return err
	}
	return t.setWork(c.ID, c.PendingWork())
}

// setOpen keeps the open-case index: each open case with its due date.
func (t *Tx) setOpen(c *cases.Case) error {
	b := t.bucket(bucketOpen)
	if !c.State.Open() {
		return b.Delete([]byte(c.ID))
	}
	return b.Put([]byte(c.ID), openValue(c))
}

// openValue is an open case's due date in Unix seconds, 0 for none
// (machine mail has no legal due date).
func openValue(c *cases.Case) []byte {
	due := c.LegalDue()
	if due.IsZero() {
		return binary.BigEndian.AppendUint64(nil, 0)
	}
	return binary.BigEndian.AppendUint64(nil, uint64(max(due.Unix(), 1)))
}

// OpenCases counts the open cases and those of them due before now,
// from the index (no case is read); a case with no due date is never
// overdue.
func (t *Tx) OpenCases(now time.Time) (open, overdue int) {
	t.bucket(bucketOpen).ForEach(func(_, v []byte) error {
		open++
		if len(v) == 8 && binary.BigEndian.Uint64(v) > 0 && int64(binary.BigEndian.Uint64(v)) < now.Unix() {
			overdue++
		}
		return nil
	})
	return open, overdue
}

func (t *Tx) index(bucket []byte, key string, id []byte) error {
	if key == "" {
		return nil
	}
	b := t.bucket(bucket)
	if b.Get([]byte(key)) != nil {
		return nil // the first case to claim a key keeps it
	}
	if err := b.Put([]byte(key), id); err != nil {
		return fmt.Errorf("index %s %q: %w", bucket, key, err)
	}
	return nil
}

func (t *Tx) setWork(id string, pending bool) error {
	b := t.bucket(bucketWork)
	if pending {
		return b.Put([]byte(id), []byte{1})
	}
	return b.Delete([]byte(id))
}

// CaseForMessage returns the case a message key (Message-ID or hash of
// the raw message) belongs to.
func (t *Tx) CaseForMessage(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	v := t.bucket(bucketMsgKeys).Get([]byte(key))
	return string(v), v != nil
}

// CaseForThread returns the case that one of ids (In-Reply-To and
// References of a message) names: one of its messages or our replies. The
// last id that names a case wins, as References list the newest last.
func (t *Tx) CaseForThread(ids []string) (string, bool) {
	b := t.bucket(bucketThreads)
	for i := len(ids) - 1; i >= 0; i-- {
		if ids[i] == "" {
			continue
		}
		if v := b.Get([]byte(ids[i])); v != nil {
			return string(v), true
		}
	}
	return "", false
}

// PendingCases lists the cases with work not yet done.
func (t *Tx) PendingCases() []string {
	var ids []string
	t.bucket(bucketWork).ForEach(func(k, _ []byte) error {
		ids = append(ids, string(k))
		return nil
	})
	return ids
}

// ForEachCase calls fn for every case, in id order, until fn returns an
// error.
func (t *Tx) ForEachCase(fn func(*cases.Case) error) error {
	return t.bucket(bucketCases).ForEach(func(k, v []byte) error {
		var c cases.Case
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("read case %s: %w", k, err)
		}
		return fn(&c)
	})
}

// PutRaw keeps the bytes of a reply until it is settled.
func (t *Tx) PutRaw(messageID string, raw []byte) error {
	if err := t.bucket(bucketRaw).Put([]byte(messageID), raw); err != nil {
		return fmt.Errorf("store reply %s: %w", messageID, err)
	}
	return nil
}

// Raw returns the bytes of a reply, or nil.
func (t *Tx) Raw(messageID string) []byte {
	v := t.bucket(bucketRaw).Get([]byte(messageID))
	if v == nil {
		return nil
	}
	return append([]byte{}, v...)
}

// DeleteRaw drops the bytes of a settled reply.
func (t *Tx) DeleteRaw(messageID string) error {
	return t.bucket(bucketRaw).Delete([]byte(messageID))
}

// indexOpen builds the open-case index of a database made before it
// existed (the index is empty but cases are not).
func indexOpen(tx *bolt.Tx) error {
	open := tx.Bucket(bucketOpen)
	if k, _ := open.Cursor().First(); k != nil {
		return nil
	}
	return tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		var c cases.Case
		if err := json.Unmarshal(v, &c); err != nil || !c.State.Open() {
			return nil
		}
		return open.Put(k, openValue(&c))
	})
}
