package store

import (
	"encoding/binary"
	"fmt"
	"time"
)

// PutWebSession records a staff console session under key until it
// expires, replacing what was there, and forgets the sessions that have
// expired by now. The console owns the data and the key (a hash of the
// session's id, never the id itself).
func (t *Tx) PutWebSession(key string, data []byte, expires, now time.Time) error {
	b := t.bucket(bucketWeb)
	if err := t.pruneWebSessions(now); err != nil {
		return err
	}
	v := binary.BigEndian.AppendUint64(nil, uint64(expires.Unix()))
	if err := b.Put([]byte(key), append(v, data...)); err != nil {
		return fmt.Errorf("put web session: %w", err)
	}
	return nil
}

// WebSession returns a session's data, or nil when none is recorded
// under key or it has expired by now.
func (t *Tx) WebSession(key string, now time.Time) []byte {
	v := t.bucket(bucketWeb).Get([]byte(key))
	if len(v) < 8 || !now.Before(webSessionExpiry(v)) {
		return nil
	}
	return append([]byte{}, v[8:]...)
}

// DeleteWebSession forgets a session (sign-out).
func (t *Tx) DeleteWebSession(key string) error {
	if err := t.bucket(bucketWeb).Delete([]byte(key)); err != nil {
		return fmt.Errorf("delete web session: %w", err)
	}
	return nil
}

// pruneWebSessions deletes the sessions expired by now.
func (t *Tx) pruneWebSessions(now time.Time) error {
	b := t.bucket(bucketWeb)
	var gone [][]byte
	b.ForEach(func(k, v []byte) error {
		if len(v) < 8 || !now.Before(webSessionExpiry(v)) {
			gone = append(gone, append([]byte{}, k...))
		}
		return nil
	})
	for _, k := range gone {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("prune web sessions: %w", err)
		}
	}
	return nil
}

func webSessionExpiry(v []byte) time.Time {
	return time.Unix(int64(binary.BigEndian.Uint64(v[:8])), 0)
}
