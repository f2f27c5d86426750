package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The log of automatic replies, for the rate limits, is kept three ways:
// in bucketSends by time (time, Message-ID → the recipient's hash), in
// bucketSendsTo by recipient (hash, time, Message-ID → nothing), and in
// bucketSendsMinute as a count per minute. RepliesTo reads the recipient's
// own entries and Replies the counts, so neither reads every reply of the
// last day or hour, which each decision asks for: with thousands of
// replies a day, reading them all made each decision read hundreds of KB
// and the daemon's work grow with the square of its backlog.
var (
	bucketSendsTo     = []byte("sendsto")
	bucketSendsMinute = []byte("sendsminute")
	keySendsIndexed   = []byte("sends-indexed") // in bucketMeta once the two above are built
)

// RecordReply logs an automatic reply to email at at, for the rate limits.
// Logging the same reply again changes nothing.
func (t *Tx) RecordReply(email string, at time.Time, messageID string) error {
	who := t.hash("email:" + strings.ToLower(email))
	k := append(timeKey(at), messageID...)
	if t.bucket(bucketSends).Get(k) != nil {
		return nil
	}
	if err := addSend(t.tx, k, []byte(who)); err != nil {
		return fmt.Errorf("log reply %s: %w", messageID, err)
	}
	return nil
}

// addSend writes one entry of the log, by time (k: time and Message-ID)
// and recipient (who), in all three forms.
func addSend(tx *bolt.Tx, k, who []byte) error {
	if err := bucket(tx, bucketSends).Put(k, who); err != nil {
		return err
	}
	if err := bucket(tx, bucketSendsTo).Put(append(append([]byte{}, who...), k...), []byte{}); err != nil {
		return err
	}
	return addMinute(tx, minuteOfKey(k), 1)
}

// addMinute adds n to the count of replies in minute m.
func addMinute(tx *bolt.Tx, m uint64, n int64) error {
	b := bucket(tx, bucketSendsMinute)
	k := binary.BigEndian.AppendUint64(nil, m)
	var count int64
	if v := b.Get(k); len(v) == 8 {
		count = int64(binary.BigEndian.Uint64(v))
	}
	if count += n; count <= 0 {
		return b.Delete(k)
	}
	return b.Put(k, binary.BigEndian.AppendUint64(nil, uint64(count)))
}

// minuteOfKey is the minute (since the Unix epoch) of a bucketSends key.
func minuteOfKey(k []byte) uint64 { return binary.BigEndian.Uint64(k[:8]) / uint64(time.Minute) }

// RepliesTo counts the automatic replies to email since a moment.
func (t *Tx) RepliesTo(email string, since time.Time) int {
	who := []byte(t.hash("email:" + strings.ToLower(email)))
	n := 0
	c := t.bucket(bucketSendsTo).Cursor()
	for k, _ := c.Seek(append(append([]byte{}, who...), timeKey(since)...)); k != nil && bytes.HasPrefix(k, who); k, _ = c.Next() {
		n++
	}
	return n
}

// Replies counts all automatic replies since a moment: those of since's
// own minute one by one, the later minutes by their counts.
func (t *Tx) Replies(since time.Time) int {
	from := timeKey(since)
	m := minuteOfKey(from)
	next := timeKey(time.Unix(0, 0).Add(time.Duration(m+1) * time.Minute))
	n := 0
	c := t.bucket(bucketSends).Cursor()
	for k, _ := c.Seek(from); k != nil && bytes.Compare(k, next) < 0; k, _ = c.Next() {
		n++
	}
	mc := t.bucket(bucketSendsMinute).Cursor()
	for k, v := mc.Seek(binary.BigEndian.AppendUint64(nil, m+1)); k != nil; k, v = mc.Next() {
		if len(v) == 8 {
			n += int(binary.BigEndian.Uint64(v))
		}
	}
	return n
}

// PruneReplies forgets reply log entries older than before.
func (t *Tx) PruneReplies(before time.Time) error {
	c := t.bucket(bucketSends).Cursor()
	end := timeKey(before)
	for k, who := c.First(); k != nil && bytes.Compare(k, end) < 0; k, who = c.First() {
		if err := t.bucket(bucketSendsTo).Delete(append(append([]byte{}, who...), k...)); err != nil {
			return fmt.Errorf("prune reply log: %w", err)
		}
		if err := addMinute(t.tx, minuteOfKey(k), -1); err != nil {
			return fmt.Errorf("prune reply log: %w", err)
		}
		if err := c.Delete(); err != nil {
			return fmt.Errorf("prune reply log: %w", err)
		}
	}
	return nil
}

// indexSends builds bucketSendsTo and bucketSendsMinute from bucketSends
// in a store written before they were kept.
func indexSends(tx *bolt.Tx) error {
	meta := bucket(tx, bucketMeta)
	if meta.Get(keySendsIndexed) != nil {
		return nil
	}
	err := bucket(tx, bucketSends).ForEach(func(k, who []byte) error {
		if len(k) < 8 {
			return nil
		}
		if err := bucket(tx, bucketSendsTo).Put(append(append([]byte{}, who...), k...), []byte{}); err != nil {
			return err
		}
		return addMinute(tx, minuteOfKey(k), 1)
	})
	if err != nil {
		return fmt.Errorf("index reply log: %w", err)
	}
	return meta.Put(keySendsIndexed, []byte("1"))
}
