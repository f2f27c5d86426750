package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// sendLogCase is a reply logged at a time to a recipient.
type sendLogCase struct {
	to string
	at time.Time
}

// sendLogSample is 300 replies over three hours to five recipients, many
// on minute boundaries and in the same nanosecond.
func sendLogSample() []sendLogCase {
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var out []sendLogCase
	for i := range 300 {
		at := base.Add(time.Duration(r.Int64N(int64(3 * time.Hour))))
		if i%4 == 0 {
			at = at.Truncate(time.Minute)
		}
		out = append(out, sendLogCase{to: fmt.Sprintf("p%d@example.com", r.IntN(5)), at: at})
	}
	return out
}

// checkCounts compares Replies and RepliesTo with counting every reply.
func checkCounts(t *testing.T, s *Store, log []sendLogCase, after time.Time) {
	t.Helper()
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s.View(func(tx *Tx) error {
		for _, since := range []time.Time{{}, base, base.Add(59 * time.Minute), base.Add(time.Hour), base.Add(time.Hour + time.Nanosecond),
			base.Add(90*time.Minute + 30*time.Second), base.Add(3 * time.Hour), log[7].at, log[8].at.Add(time.Nanosecond)} {
			all, to := 0, 0
			for _, l := range log {
				if !l.at.Before(since) && !l.at.Before(after) {
					all++
					if l.to == "p1@example.com" {
						to++
					}
				}
			}
			if got := tx.Replies(since); got != all {
				t.Errorf("Replies(%v) = %d, want %d", since, got, all)
			}
			if got := tx.RepliesTo("P1@example.com", since); got != to {
				t.Errorf("RepliesTo(p1, %v) = %d, want %d", since, got, to)
			}
		}
		return nil
	})
}

// TestReplyLogCounts: the counts by recipient and by minute answer as
// counting every reply would, at minute boundaries too; a reply logged
// twice counts once; pruning keeps the three forms of the log together.
func TestReplyLogCounts(t *testing.T) {
	s, _ := open(t)
	log := sendLogSample()
	err := s.Update(func(tx *Tx) error {
		for i, l := range log {
			for range 1 + i%2 {
				if err := tx.RecordReply(l.to, l.at, fmt.Sprintf("r%d@x", i)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, log, time.Time{})
	cut := time.Date(2026, 3, 1, 13, 17, 30, 0, time.UTC)
	if err := s.Update(func(tx *Tx) error { return tx.PruneReplies(cut) }); err != nil {
		t.Fatal(err)
	}
	checkCounts(t, s, log, cut)
}

// TestReplyLogIndexedOnOpen: a store that kept the log by time only (as
// before the indexes) has them built when it is opened.
func TestReplyLogIndexedOnOpen(t *testing.T) {
	s, path := open(t)
	log := sendLogSample()
	s.Update(func(tx *Tx) error {
		for i, l := range log {
			if err := tx.RecordReply(l.to, l.at, fmt.Sprintf("r%d@x", i)); err != nil {
				return err
			}
		}
		return nil
	})
	s.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketSendsTo, bucketSendsMinute} {
			if err := tx.DeleteBucket(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Delete(keySendsIndexed)
	})
	s.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkCounts(t, s, log, time.Time{})
}

// BenchmarkRateLimitCounts: the two counts a decision asks for, with
// 5,000 replies to as many people in the last hour.
func BenchmarkRateLimitCounts(b *testing.B) {
	path := b.TempDir() + "/m.db"
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s.Update(func(tx *Tx) error {
		for i := range 5000 {
			if err := tx.RecordReply(fmt.Sprintf("p%d@example.com", i), now.Add(-time.Duration(i)*time.Second/2), fmt.Sprintf("r%d@x", i)); err != nil {
				return err
			}
		}
		return nil
	})
	b.ResetTimer()
	for range b.N {
		s.View(func(tx *Tx) error {
			tx.RepliesTo("p17@example.com", now.Add(-24*time.Hour))
			tx.Replies(now.Add(-time.Hour))
			return nil
		})
	}
}
