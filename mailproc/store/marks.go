package store

import (
	"encoding/binary"
	"fmt"
)

// Watermark returns the highest UID of folder, at UIDVALIDITY validity,
// that the daemon has dealt with; 0 when none (or after a UIDVALIDITY
// change).
func (t *Tx) Watermark(folder string, validity uint32) uint32 {
	v := t.bucket(bucketMarks).Get(markKey(folder, validity))
	if len(v) != 4 {
		return 0
	}
	return binary.BigEndian.Uint32(v)
}

// SetWatermark raises the watermark of folder at validity to uid.
func (t *Tx) SetWatermark(folder string, validity, uid uint32) error {
	if uid <= t.Watermark(folder, validity) {
		return nil
	}
	if err := t.bucket(bucketMarks).Put(markKey(folder, validity), binary.BigEndian.AppendUint32(nil, uid)); err != nil {
		return fmt.Errorf("set watermark %s: %w", folder, err)
	}
	return nil
}

func markKey(folder string, validity uint32) []byte {
	return []byte(fmt.Sprintf("%s\x00%d", folder, validity))
}
