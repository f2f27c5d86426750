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

const rowsVersion = "3"

var keyRowsVersion = []byte("rows-version")

// putRow writes a case's row.
func putRow(tx *bolt.Tx, row cases.Row) error {
	js, err := json.Marshal(row)
	if err != nil {
		return fmt.Errorf("encode row of %s: %w", row.ID, err)
	}
	v := append(appendRowKey(nil, row), js...)
	if err := putChanged(bucket(tx, bucketRows), []byte(row.ID), v); err != nil {
		return fmt.Errorf("write row of %s: %w", row.ID, err)
	}
	return nil
}

// putSearch writes the search text of c, a whole case.
func (t *Tx) putSearch(c *cases.Case) error { return putSearch(t.tx, c) }

func putSearch(tx *bolt.Tx, c *cases.Case) error {
	if err := putChanged(bucket(tx, bucketSearch), []byte(c.ID), []byte(c.SearchText())); err != nil {
		return fmt.Errorf("write search text of %s: %w", c.ID, err)
	}
	return nil
}

// ForEachRow calls fn with the row of every case whose search text holds
// every one of words (each lower-case; none: every case), in id order,
// until fn returns an error.
func (t *Tx) ForEachRow(words []string, fn func(cases.Row) error) error {
	return t.ScanRows(words, func(_ RowKey, row func() (cases.Row, error)) error {
		r, err := row()
		if err != nil {
			return err
		}
		return fn(r)
	})
}

// ScanRows calls fn with the key of every case whose search text holds
// every one of words, and a function that reads its whole row, in id
// order, until fn returns an error. The key is read without decoding the
// row: a list filters and sorts by keys and reads only the rows it shows.
// Neither may be used after the transaction.
func (t *Tx) ScanRows(words []string, fn func(RowKey, func() (cases.Row, error)) error) error {
	search := t.bucket(bucketSearch)
	want := make([][]byte, len(words))
	for i, w := range words {
		want[i] = []byte(w)
	}
	names := interned{}
	return scan(t.tx, t.bucket(bucketRows), func(k, v []byte) error {
		if len(want) > 0 && !holdsAll(search.Get(k), want) {
			return nil
		}
		key, js, err := readRowKey(v, names)
		if err != nil {
			return fmt.Errorf("read row of %s: %w", k, err)
		}
		key.ID = string(k)
		return fn(key, func() (cases.Row, error) {
			var r cases.Row
			if err := json.Unmarshal(js, &r); err != nil {
				return r, fmt.Errorf("read row of %s: %w", k, err)
			}
			return r, nil
		})
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
	meta := bucket(tx, bucketMeta)
	if string(meta.Get(keyRowsVersion)) == rowsVersion {
		return nil
	}
	err := forEachCase(tx, func(c *cases.Case) error {
		if c.State.Open() {
			if err := bucket(tx, bucketOpen).Put([]byte(c.ID), openValue(c)); err != nil {
				return err
			}
		}
		if err := putRow(tx, c.Row()); err != nil {
			return err
		}
		return putSearch(tx, c)
	})
	if err != nil {
		return fmt.Errorf("index rows: %w", err)
	}
	return meta.Put(keyRowsVersion, []byte(rowsVersion))
}
