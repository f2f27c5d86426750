package mailbox

import (
	"slices"
	"testing"
	"time"
)

// TestReadFolder: a folder is read whole without a flag changing, the
// empty folder as nothing, and the caller's mailbox is selected again.
func TestReadFolder(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		home, other, empty := b.folder("home"), b.folder("other"), b.folder("empty")
		homeUID := b.seed(t, home, testMessage("read-home@example.test", "home"), time.Now())
		date := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
		raw := testMessage("read-1@example.test", "one")
		b.seed(t, other, raw, date, `\Flagged`)
		b.seed(t, other, testMessage("read-2@example.test", "two"), date)
		gone := b.seed(t, empty, testMessage("read-gone@example.test", "gone"), date)
		b.expunge(t, empty, gone)
		c := b.dialSelected(t, home)

		msgs, err := c.ReadFolder(ctx, other)
		if err != nil {
			t.Fatalf("ReadFolder(other): %v", err)
		}
		if len(msgs) != 2 || string(msgs[0].Raw) != string(raw) || !msgs[0].InternalDate.Equal(date) ||
			!hasFlag(msgs[0].Flags, `\Flagged`) || hasFlag(msgs[0].Flags, `\Seen`) || msgs[0].UID >= msgs[1].UID {
			t.Errorf("ReadFolder(other) = %+v, want both messages, the first flagged and unseen, lowest UID first", msgs)
		}
		if again := b.messages(t, other); !slices.EqualFunc(again, msgs, func(a, b Message) bool { return slices.Equal(a.Flags, b.Flags) }) {
			t.Errorf("flags after ReadFolder = %+v, want them unchanged: %+v", again, msgs)
		}
		if msgs, err := c.ReadFolder(ctx, empty); err != nil || len(msgs) != 0 {
			t.Errorf("ReadFolder(empty) = %v, %v; want nothing", msgs, err)
		}
		checkStillSelected(t, c, homeUID)
	})
}
