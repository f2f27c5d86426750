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
// read-only and bbolt writes through the file.
func (s *Store) releaseMapped() {
	s.db.View(func(tx *bolt.Tx) error {
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
// bucket at once (256 cases' bodies are about 1.5 MiB).
const scanRelease = 256

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
// releasing the mapped pages every releaseEvery commits.
func (s *Store) afterCommit() {
	if s.commits.Add(1)%releaseEvery == 0 {
		s.releaseMapped()
	}
}
