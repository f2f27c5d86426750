package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
	bolt "go.etcd.io/bbolt"
)

// TestMappedPagesReleased: the pages of the store's file that reading
// maps into the process are let go of every releaseEvery commits, after a
// backup and after opening (which reads every page), so the daemon's
// resident set does not grow with the store.
func TestMappedPagesReleased(t *testing.T) {
	s, path := open(t)
	for i := range 800 {
		c := settled(benchCase(fmt.Sprintf("C-2026-%04d", i+1), i))
		if err := s.Update(func(tx *Tx) error { return tx.PutCase(c) }); err != nil {
			t.Fatal(err)
		}
	}
	size := fileSize(t, path)
	if size < 4<<20 {
		t.Fatalf("the store is %d bytes, want a few MiB to see pages go", size)
	}
	readAll := func() {
		s.db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
				return b.ForEach(func(_, _ []byte) error { return nil })
			})
		})
	}
	readAll()
	if got := mappedRSS(t, path); got < size/4 {
		t.Fatalf("after reading every value %d bytes of %d resident: the test cannot tell a release", got, size)
	}
	for range releaseEvery {
		if err := s.Update(func(*Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if got := mappedRSS(t, path); got > 1<<20 {
		t.Errorf("after %d commits %d bytes of the store's %d resident, want under 1 MiB", releaseEvery, got, size)
	}
	s.View(func(tx *Tx) error {
		return tx.ForEachCase(func(*cases.Case) error { return nil })
	})
	if got := mappedRSS(t, path); got > 2<<20 {
		t.Errorf("after reading every case %d bytes of the store's %d resident, want under 2 MiB", got, size)
	}
	readAll()
	if _, err := s.Backup(new(strings.Builder)); err != nil {
		t.Fatal(err)
	}
	if got := mappedRSS(t, path); got > 1<<20 {
		t.Errorf("after a backup %d bytes of the store's %d resident, want under 1 MiB", got, size)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := mappedRSS(t, path); got > 1<<20 {
		t.Errorf("after opening %d bytes of the store's %d resident, want under 1 MiB", got, size)
	}
	var n int
	s2.View(func(tx *Tx) error {
		return tx.ForEachCaseHead(func(*cases.Case, func() ([]cases.Event, error)) error { n++; return nil })
	})
	if n != 800 {
		t.Errorf("after the releases %d cases read, want 800", n)
	}
}

// fileSize is the size of the file at path.
func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// mappedRSS is how much of the file at path is resident in this process,
// from /proc/self/smaps.
func mappedRSS(t *testing.T, path string) int64 {
	t.Helper()
	path, _ = filepath.Abs(path)
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var rss int64
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) >= 5 && strings.Contains(fields[0], "-") {
			in = fields[len(fields)-1] == path
			continue
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			kib, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			rss += kib << 10
		}
	}
	return rss
}
