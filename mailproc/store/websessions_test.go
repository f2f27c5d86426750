package store

import (
	"testing"
	"time"
)

func TestWebSessions(t *testing.T) {
	s, path := open(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	put := func(key, data string, expires time.Time) {
		t.Helper()
		if err := s.Update(func(tx *Tx) error { return tx.PutWebSession(key, []byte(data), expires, now) }); err != nil {
			t.Fatal(err)
		}
	}
	get := func(st *Store, key string, at time.Time) string {
		t.Helper()
		var got []byte
		st.View(func(tx *Tx) error { got = tx.WebSession(key, at); return nil })
		return string(got)
	}
	put("a", "alice", now.Add(time.Hour))
	put("b", "bob", now.Add(time.Minute))
	if got := get(s, "a", now); got != "alice" {
		t.Errorf("WebSession(a) = %q, want alice", got)
	}
	if got := get(s, "b", now.Add(time.Minute)); got != "" {
		t.Errorf("WebSession(b) at its expiry = %q, want none", got)
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteWebSession("a") }); err != nil {
		t.Fatal(err)
	}
	if got := get(s, "a", now); got != "" {
		t.Errorf("WebSession(a) after delete = %q, want none", got)
	}
	now = now.Add(2 * time.Minute) // b has expired: the next put forgets it
	put("c", "carol", now.Add(time.Hour))
	var keys int
	s.View(func(tx *Tx) error {
		return tx.bucket(bucketWeb).ForEach(func(k, v []byte) error { keys++; return nil })
	})
	if keys != 1 {
		t.Errorf("%d sessions kept, want 1 (the expired one pruned)", keys)
	}
	s.Close()
	s2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := get(s2, "c", now); got != "carol" {
		t.Errorf("after reopening, WebSession(c) = %q, want carol", got)
	}
}
