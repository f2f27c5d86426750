package daemon

import "sync"

// done remembers what this process did itself since it started, so that
// checks needed only after a crash or by another hand are spared: a reply
// this process sent has no copy in the sent folder yet; a message it just
// decided is still in the inbox under the UID it was fetched by. Each entry
// is used once and forgotten.
type done struct {
	mu      sync.Mutex
	replies map[string]bool // sent here, copy not yet tried
	moves   map[string]bool // decided here, move not yet tried
}

func newDone() *done {
	return &done{replies: map[string]bool{}, moves: map[string]bool{}}
}

func (d *done) sent(messageID string) { d.set(d.replies, messageID) }

func (d *done) decided(key string) { d.set(d.moves, key) }

// firstAppend reports whether this process sent the reply and has not yet
// tried to copy it; it is then forgotten.
func (d *done) firstAppend(messageID string) bool { return d.take(d.replies, messageID) }

// firstMove reports whether this process decided the message and has not
// yet tried to move it; it is then forgotten.
func (d *done) firstMove(key string) bool { return d.take(d.moves, key) }

func (d *done) set(m map[string]bool, k string) {
	d.mu.Lock()
	m[k] = true
	d.mu.Unlock()
}

func (d *done) take(m map[string]bool, k string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	v := m[k]
	delete(m, k)
	return v
}
