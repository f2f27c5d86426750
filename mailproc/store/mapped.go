package store

import bolt "go.etcd.io/bbolt"

// releaseEvery is how many commits pass between two releases of the
// store's mapped pages: often enough that what the transactions between
// them read stays a few MiB, seldom enough that the release (about a
// millisecond for a 30 MiB file) and the pages read again cost little.
const releaseEvery = 64

// releaseMapped lets go of the pages of the store's file that this process
// has read through bbolt's memory map. bbolt reads every page it changes
// through the map, so without this a daemon that records cases for months
// keeps the whole file resident, growing with it (30 MiB of 76 at 20,000
// messages). The pages stay in the kernel's page cache, and a page read
// again is mapped again from there; nothing is lost, since the map is
// read-only and bbolt writes through the file. It runs inside a read
// transaction, which keeps bbolt from remapping the file meanwhile.
func (s *Store) releaseMapped() {
	s.db.View(func(tx *bolt.Tx) error {
		dropMapped(s.db.Info().Data, tx.Size())
		return nil
	})
}

// afterCommit is Update's bookkeeping after a commit: counting it, and
// releasing the mapped pages every releaseEvery commits.
func (s *Store) afterCommit() {
	if s.commits.Add(1)%releaseEvery == 0 {
		s.releaseMapped()
	}
}
