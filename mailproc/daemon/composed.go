package daemon

import "sync"

// composedBytes bounds the bytes of the replies a composed holds (a
// reply's are 4–7 KB in the daemon's benchmark; a batch has up to a few
// hundred, and a reply is dropped once filed, so the bound is reached only
// when filing falls behind).
const composedBytes = 4 << 20

// composed holds the bytes of the replies this process composed and
// recorded, by Message-ID, for the outbox to send and the filer to copy to
// the sent folder without reading them back from the store (and
// decompressing them) each time. The store's copy, written in the same
// transaction, stays the one that counts: a reply not held here (after a
// restart, once dropped, or pushed out as newer ones came) is read from
// the store. A reply is dropped once its copy to the sent folder was tried
// or it will not be sent now; past composedBytes the oldest go first.
type composed struct {
	mu    sync.Mutex
	raw   map[string][]byte
	order []string // Message-IDs in the order they were kept; some dropped since
	bytes int
}

func newComposed() *composed { return &composed{raw: map[string][]byte{}} }

// keep holds the bytes of a reply just recorded.
func (c *composed) keep(messageID string, raw []byte) {
	if len(raw) > composedBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(messageID)
	for c.bytes+len(raw) > composedBytes && len(c.order) > 0 {
		c.dropLocked(c.order[0])
		c.order = c.order[1:]
	}
	c.raw[messageID] = raw
	c.order = append(c.order, messageID)
	c.bytes += len(raw)
	if len(c.order) > 2*len(c.raw)+16 {
		c.compact()
	}
}

// get returns the bytes of a reply, or nil when they are not held.
func (c *composed) get(messageID string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.raw[messageID]
}

// drop forgets the bytes of a reply.
func (c *composed) drop(messageID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(messageID)
}

func (c *composed) dropLocked(messageID string) {
	if raw, ok := c.raw[messageID]; ok {
		c.bytes -= len(raw)
		delete(c.raw, messageID)
	}
}

// compact removes from order the Message-IDs dropped since they were kept.
func (c *composed) compact() {
	kept := c.order[:0]
	for _, mid := range c.order {
		if _, ok := c.raw[mid]; ok {
			kept = append(kept, mid)
		}
	}
	clear(c.order[len(kept):])
	c.order = kept
}
