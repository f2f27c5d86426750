package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// The indexes lists and searches read instead of whole cases: each case's
// row (cases.Row, JSON) and its search text (cases.SearchText), under its
// id. rowsVersion changes whenever what they hold changes: a database
// indexed by another version is indexed again when it is opened.
var (
	bucketRows   = []byte("rows")
	bucketSearch = []byte("search")
)

const rowsVersion = "1"

var keyRowsVersion = []byte("rows-version")

// putRow writes a case's row and search text.
func (t *Tx) putRow(c *cases.Case) error {
	return putRow(t.tx, c)
}

func putRow(tx *bolt.Tx, c *cases.Case) error {
	v, err := json.Marshal(c.Row())
	if err != nil {
		return fmt.Errorf("encode row of %s: %w", c.ID, err)
	}
	if err := tx.Bucket(bucketRows).Put([]byte(c.ID), v); err != nil {
		return fmt.Errorf("write row of %s: %w", c.ID, err)
	}
	if err := tx.Bucket(bucketSearch).Put([]byte(c.ID), []byte(c.SearchText())); err != nil {
		return fmt.Errorf("write search text of %s: %w", c.ID, err)
	}
	return nil
}

// ForEachRow calls fn with the row of every case whose search text holds
// every one of words (each lower-case; none: every case), in id order,
// until fn returns an error.
func (t *Tx) ForEachRow(words []string, fn func(cases.Row) error) error {
	search := t.bucket(bucketSearch)
	want := make([][]byte, len(words))
	for i, w := range words {
		want[i] = []byte(w)
	}
	return t.bucket(bucketRows).ForEach(func(k, v []byte) error {
		if len(want) > 0 && !holdsAll(search.Get(k), want) {
			return nil
		}
		var r cases.Row
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("read row of %s: %w", k, err)
		}
		return fn(r)
	})
}

// holdsAll reports whether text holds every word.
func holdsAll(text []byte, words [][]byte) bool {
	for _, w := range words {
		if !bytes.Contains(text, w) {
			return false
		}
	}
	return true
}

// indexRows writes every case's row and search text, and its due date in
// the open-case index, when the database was indexed by another version
// (or never).
func indexRows(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if string(meta.Get(keyRowsVersion)) == rowsVersion {
		return nil
	}
	err := tx.Bucket(bucketCases).ForEach(func(k, v []byte) error {
		var c cases.Case
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("read case %s: %w", k, err)
		}
		if c.State.Open() {
			if err := tx.Bucket(bucketOpen).Put(k, openValue(&c)); err != nil {
				return err
			}
		}
		return putRow(tx, &c)
	})
	if err != nil {
		return fmt.Errorf("index rows: %w", err)
	}
	return meta.Put(keyRowsVersion, []byte(rowsVersion))
}
