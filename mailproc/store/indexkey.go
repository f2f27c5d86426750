package store

import (
	"crypto/sha256"
	"encoding/hex"

	bolt "go.etcd.io/bbolt"
)

// indexKey is the key under which an index keeps a message key or
// Message-ID: the value itself, or, when it is longer than bbolt takes
// as a key (a sender may write a Message-ID of any length), "long:" and
// its SHA-256. A key bbolt took before keeps its form, so stores written
// before still find what they hold.
func indexKey(k string) []byte {
	if len(k) <= bolt.MaxKeySize {
		return []byte(k)
	}
	sum := sha256.Sum256([]byte(k))
	return []byte("long:" + hex.EncodeToString(sum[:]))
}
