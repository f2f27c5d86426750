package daemon

import (
	"fmt"
	"testing"
)

// TestComposedBound: a composed holds at most composedBytes, the oldest
// replies going first, and forgets what is dropped.
func TestComposedBound(t *testing.T) {
	c := newComposed()
	raw := make([]byte, 10<<10)
	n := 2 * composedBytes / len(raw)
	for i := range n {
		c.keep(fmt.Sprint(i), raw)
		if c.bytes > composedBytes {
			t.Fatalf("after %d replies: %d bytes held, more than %d", i+1, c.bytes, composedBytes)
		}
	}
	if c.get("0") != nil || c.get(fmt.Sprint(n-1)) == nil {
		t.Errorf("the oldest reply is held or the newest is not")
	}
	c.drop(fmt.Sprint(n - 1))
	if c.get(fmt.Sprint(n-1)) != nil {
		t.Errorf("a reply dropped is still held")
	}
	if held := len(c.raw) * len(raw); held != c.bytes || len(c.order) > 2*len(c.raw)+16 {
		t.Errorf("%d replies held in %d bytes, counted %d; %d in order", len(c.raw), held, c.bytes, len(c.order))
	}
}
