package store

import bolt "go.etcd.io/bbolt"

// releaseEvery and releaseWritten say when the store's mapped pages are
// let go of: after releaseEvery commits, or sooner once the commits have
// written releaseWritten bytes of pages. bbolt copies every page it
// changes to a new place, which the next transactions read through the
// map, so what is resident grows with what is written (about 55 KB a
// commit in the daemon's backlog). Releasing costs nothing the daemon's
// benchmark can see: its CPU was the same with and without, over three
// runs each, and the same again when every 64 commits (or 2 MiB) became
// every 8 (or 512 KiB), which took the file-backed peak at 20,000
// messages from 20.8–21.7 to 19.9–20.5 MiB and peak RSS from 38.6–39.9
// to 37.4–38.9 MiB (two and three runs).
const (
	releaseEvery   = 8
	releaseWritten = 512 << 10
)

// releaseMapped lets go of the pages of the store's file that this process
// has read through bbolt's memory map. bbolt reads every page it changes
// through the map, so without this a daemon that records cases for months
// keeps the whole file resident, growing with it (30 MiB of 76 at 20,000
// messages). The pages stay in the kernel's page cache, and a page read
// again is mapped again from there; nothing is lost, since the map is
// read-only and bbolt writes through the file.
func (s *Store) releaseMapped() {
	// View fails only on a closed store, which has nothing mapped.
	_ = s.db.View(func(tx *bolt.Tx) error {
		releaseIn(tx)
		return nil
	})
}

// releaseIn is releaseMapped inside a transaction, which keeps bbolt from
// remapping the file meanwhile (a reader holds the map's lock, and only the
// writer's commit remaps). What the transaction has read stays valid: a
// page read again is mapped again, unchanged.
func releaseIn(tx *bolt.Tx) { dropMapped(tx.DB().Info().Data, tx.Size()) }

// scanRelease is how many keys a scan reads between two releases of the
// pages it has read: a scan of every case would otherwise map the whole
// bucket at once. 64 cases' bodies are about 0.4 MiB, and the kernel maps
// a file's pages in blocks around each page read (64 KB here): at 256,
// the monthly report's scan at the end of a 20,000-message backlog made
// the daemon's peak resident set 3 MiB higher than at any other time.
const scanRelease = 64

// scan is b.ForEach, releasing the mapped pages every scanRelease keys.
func scan(tx *bolt.Tx, b *bolt.Bucket, fn func(k, v []byte) error) error {
	n := 0
	return b.ForEach(func(k, v []byte) error {
		if n++; n%scanRelease == 0 {
			releaseIn(tx)
		}
		return fn(k, v)
	})
}

// afterCommit is Update's bookkeeping after a commit: counting it, and
// releasing the mapped pages when releaseEvery commits or releaseWritten
// bytes have passed since the last release.
func (s *Store) afterCommit() {
	n := s.commits.Add(1)
	st := s.db.Stats()
	written := st.TxStats.GetPageAlloc()
	s.releaseMu.Lock()
	due := n-s.releasedAt >= releaseEvery || written-s.releasedWritten >= releaseWritten
	if due {
		s.releasedAt, s.releasedWritten = n, written
	}
	s.releaseMu.Unlock()
	if due {
		s.releaseMapped()
	}
}
