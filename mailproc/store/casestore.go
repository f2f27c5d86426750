package store

import (
	"encoding/binary"
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

// Case returns a case by id, whole, or ErrNotFound.
func (t *Tx) Case(id string) (*cases.Case, error) {
	v := t.bucket(bucketCases).Get([]byte(id))
	if v == nil {
		return nil, fmt.Errorf("case %s: %w", id, ErrNotFound)
	}
	c, _, err := readCase(t.tx, id, v, readWhole)
	return c, err
}

// PutCase writes a whole case (one read with Case, or a new one) and its
// indexes: each message key and Message-ID and each reply's Message-ID
// lead to it, its row and search text, and it is on the work list while
// it has pending work.
//
// What is kept apart is written as it grows: the texts of the messages
// added since the case was last put, and the events added to its history.
// A message's text, once written, is not written again, and the events
// stored are not: c must hold at least the messages and events stored
// (PutCase refuses it otherwise), as a case's messages and history only
// grow. Erasure is the exception: when c is erased and the stored case is
// not, its texts and history are replaced by c's (the history with its
// details blanked, the texts gone), and the kept bytes of its replies are
// deleted.
func (t *Tx) PutCase(c *cases.Case) error {
	h, err := t.header(c.ID)
	if err != nil {
		return err
	}
	if c.Erased && !h.erased {
		if err := t.eraseParts(c); err != nil {
			return err
		}
		h.texts, h.history = 0, 0
	}
	if len(c.History) < h.history || len(c.Messages) < h.texts {
		return fmt.Errorf("write case %s: it holds %d messages and %d events, fewer than the %d and %d stored", c.ID, len(c.Messages), len(c.History), h.texts, h.history)
	}
	if err := t.putBody(c, h, c.History[h.history:]); err != nil {
		return err
	}
	if err := t.putIndexes(c); err != nil {
		return err
	}
	if err := putRow(t.tx, c.Row()); err != nil {
		return err
	}
	return t.putSearch(c)
}

// header reads what the stored case id keeps apart (zero for none).
func (t *Tx) header(id string) (caseHeader, error) {
	v := t.bucket(bucketCases).Get([]byte(id))
	if v == nil {
		return caseHeader{}, nil
	}
	h, _, _, err := readHeader(v)
	if err != nil {
		return h, fmt.Errorf("read case %s: %w", id, err)
	}
	return h, nil
}

// putBody writes the body of c, the texts of its messages not yet
// written (h says what is), and added, the events after those stored.
func (t *Tx) putBody(c *cases.Case, h caseHeader, added []cases.Event) error {
	if err := writeTexts(t.tx, c, h.texts); err != nil {
		return err
	}
	if err := appendHistory(t.tx, c.ID, h.history, added); err != nil {
		return err
	}
	v, err := encodeBody(c, caseHeader{erased: c.Erased, texts: len(c.Messages), history: h.history + len(added)})
	if err != nil {
		return err
	}
	if err := putChanged(t.bucket(bucketCases), []byte(c.ID), v); err != nil {
		return fmt.Errorf("write case %s: %w", c.ID, err)
	}
	return nil
}

// eraseParts deletes what an erased case keeps apart: its messages'
// texts, its history (written again from the case), and the kept bytes
// of its replies.
func (t *Tx) eraseParts(c *cases.Case) error {
	for _, b := range [][]byte{bucketTexts, bucketHistory} {
		if err := deleteParts(t.tx, b, c.ID); err != nil {
			return err
		}
	}
	for _, r := range c.Replies {
		if err := t.DeleteRaw(r.MessageID); err != nil {
			return fmt.Errorf("erase case %s: %w", c.ID, err)
		}
	}
	return nil
}

// putIndexes writes what leads to case c and what lists it: its message
// keys and Message-IDs, its replies' Message-IDs, and the open-case and
// work lists.
func (t *Tx) putIndexes(c *cases.Case) error {
	id := []byte(c.ID)
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
	return t.setWork(c.ID, c.PendingWork())
}

// setOpen keeps the open-case index: each open case with its due date.
func (t *Tx) setOpen(c *cases.Case) error {
	b := t.bucket(bucketOpen)
	if !c.State.Open() {
		return b.Delete([]byte(c.ID))
	}
	return putChanged(b, []byte(c.ID), openValue(c))
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
	b, k := t.bucket(bucket), indexKey(key)
	if b.Get(k) != nil {
		return nil // the first case to claim a key keeps it
	}
	if err := b.Put(k, id); err != nil {
		return fmt.Errorf("index %s %.80q: %w", bucket, key, err)
	}
	return nil
}

func (t *Tx) setWork(id string, pending bool) error {
	b := t.bucket(bucketWork)
	if pending {
		return putChanged(b, []byte(id), []byte{1})
	}
	return b.Delete([]byte(id))
}

// CaseForMessage returns the case a message key (Message-ID or hash of
// the raw message) belongs to.
func (t *Tx) CaseForMessage(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	v := t.bucket(bucketMsgKeys).Get(indexKey(key))
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
		if v := b.Get(indexKey(ids[i])); v != nil {
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

// ForEachCase calls fn for every case, whole, in id order, until fn
// returns an error.
func (t *Tx) ForEachCase(fn func(*cases.Case) error) error {
	return forEachCase(t.tx, fn)
}

func forEachCase(tx *bolt.Tx, fn func(*cases.Case) error) error {
	return scan(tx, bucket(tx, bucketCases), func(k, v []byte) error {
		c, _, err := readCase(tx, string(k), v, readWhole)
		if err != nil {
			return err
		}
		return fn(c)
	})
}

// ForEachCaseHead calls fn for the head of every case, as CaseHead reads
// it (no message's text, no history), in id order, until fn returns an
// error: for a reader that needs neither, or the history of a few cases
// only, which history reads (a case kept in the format before this one is
// read whole, and history returns the history read with it).
func (t *Tx) ForEachCaseHead(fn func(c *cases.Case, history func() ([]cases.Event, error)) error) error {
	return scan(t.tx, bucket(t.tx, bucketCases), func(k, v []byte) error {
		id := string(k)
		c, h, err := readCase(t.tx, id, v, readHead)
		if err != nil {
			return err
		}
		return fn(c, func() ([]cases.Event, error) {
			if h.history == 0 {
				return c.History, nil
			}
			return readHistory(t.tx, id, h.history)
		})
	})
}

// PutRaw keeps the bytes of a reply (or the content of a letter) under
// its Message-ID (or key), compressed, for the record: they stay after
// the reply is sent and filed, and go when its case is erased.
func (t *Tx) PutRaw(messageID string, raw []byte) error {
	if err := t.bucket(bucketReplies).Put([]byte(messageID), pack(raw)); err != nil {
		return fmt.Errorf("store reply %s: %w", messageID, err)
	}
	if t.onPutRaw != nil {
		t.onPutRaw(messageID, raw)
	}
	return nil
}

// OnPutRaw has fn called with the bytes each later PutRaw of the
// transaction keeps, as they were given, for a caller that keeps them at
// hand once the transaction commits (they are not in the store before).
func (t *Tx) OnPutRaw(fn func(messageID string, raw []byte)) { t.onPutRaw = fn }

// Raw returns the kept bytes of a reply, or nil when none are kept: those
// PutRaw kept, or those a store of an earlier format kept as they were.
// Kept bytes that cannot be decompressed are an error, not "none".
func (t *Tx) Raw(messageID string) ([]byte, error) {
	if v := t.bucket(bucketReplies).Get([]byte(messageID)); v != nil {
		raw, err := unpack(v)
		if err != nil {
			return nil, fmt.Errorf("read reply %s: %w", messageID, err)
		}
		return raw, nil
	}
	v := t.bucket(bucketRaw).Get([]byte(messageID))
	if v == nil {
		return nil, nil
	}
	return append([]byte{}, v...), nil
}

// DeleteRaw drops the kept bytes of a reply.
func (t *Tx) DeleteRaw(messageID string) error {
	if messageID == "" {
		return nil
	}
	for _, b := range [][]byte{bucketReplies, bucketRaw} {
		if err := t.bucket(b).Delete([]byte(messageID)); err != nil {
			return fmt.Errorf("delete reply %s: %w", messageID, err)
		}
	}
	return nil
}
