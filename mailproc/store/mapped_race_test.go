package store

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// TestReleaseUnderConcurrentUse: letting go of mapped pages while other
// transactions read and one writes (and bbolt grows and remaps the file)
// changes nothing anyone reads: every case read whole, at any moment, is
// the one written, and every scan sees the cases in order.
func TestReleaseUnderConcurrentUse(t *testing.T) {
	s, _ := open(t)
	const total = 600
	id := func(i int) string { return fmt.Sprintf("C-2026-%04d", i+1) }
	written := make(chan int, total)
	var done atomic.Int64 // cases written so far
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(written)
		for i := range total {
			c := settled(benchCase(id(i), i))
			if err := s.Update(func(tx *Tx) error { return tx.PutCase(c) }); err != nil {
				t.Error(err)
				return
			}
			done.Store(int64(i + 1))
			written <- i
		}
	}()
	check := func(n int) {
		err := s.View(func(tx *Tx) error {
			for _, i := range []int{0, n / 2, n} {
				c, err := tx.Case(id(i))
				if err != nil {
					return fmt.Errorf("case %s: %w", id(i), err)
				}
				if c.Messages[0].Text != benchText(i) || c.Messages[0].UID != uint32(i+1) {
					return fmt.Errorf("case %s read back changed", id(i))
				}
			}
			prev, seen := "", 0
			err := tx.ForEachCaseHead(func(c *cases.Case, _ func() ([]cases.Event, error)) error {
				if c.ID <= prev {
					return fmt.Errorf("scan: %s after %s", c.ID, prev)
				}
				prev, seen = c.ID, seen+1
				return nil
			})
			if err == nil && seen < n+1 {
				err = fmt.Errorf("scan saw %d cases, want at least %d", seen, n+1)
			}
			return err
		})
		if err != nil {
			t.Error(err)
		}
	}
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 40; j++ {
				s.releaseMapped()
				if n := int(done.Load()); n > 0 {
					check(n - 1)
				}
			}
		}()
	}
	last := -1
	for i := range written {
		last = i
		if i%50 == 0 {
			check(i)
		}
	}
	wg.Wait()
	if last != total-1 {
		t.Fatalf("the writer stopped at %d of %d", last+1, total)
	}
	check(total - 1)
}
