package store

import (
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Usage is what the store's file holds.
type Usage struct {
	Cases     int
	FileBytes int64 // the file's size (bbolt grows it in steps of up to 16 MiB)
	PageBytes int64 // the pages its data reaches, in use or free
	DataBytes int64 // the bytes of keys, values and page headers in the pages in use
}

// Usage counts what the store's file holds. It reads every page of every
// bucket: it is for figures, not for a loop.
func (s *Store) Usage() (Usage, error) {
	var u Usage
	err := s.db.View(func(tx *bolt.Tx) error {
		u.PageBytes = tx.Size()
		u.Cases = tx.Bucket(bucketCases).Stats().KeyN
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error {
			st := b.Stats()
			u.DataBytes += int64(st.LeafInuse + st.BranchInuse)
			return nil
		})
	})
	if err != nil {
		return u, fmt.Errorf("store usage: %w", err)
	}
	fi, err := os.Stat(s.db.Path())
	if err != nil {
		return u, fmt.Errorf("store usage: %w", err)
	}
	u.FileBytes = fi.Size()
	s.releaseMapped()
	return u, nil
}
