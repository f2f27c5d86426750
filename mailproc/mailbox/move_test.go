package mailbox

import (
	"slices"
	"testing"
	"time"
)

func TestMove(t *testing.T) {
	tests := []struct {
		name         string
		caps         capabilities // what the Client believes the server offers
		otherDeleted bool         // someone else's message in the inbox is marked \Deleted too
		flag         bool
		wantLeft     []string // Message-IDs left in the inbox
	}{
		{"move", capabilities{move: true, uidPlus: true}, false, false, []string{"other"}},
		{"move flagged", capabilities{move: true, uidPlus: true}, false, true, []string{"other"}},
		{"move beside deleted", capabilities{move: true, uidPlus: true}, true, false, []string{"other"}},
		{"copy and uid expunge", capabilities{uidPlus: true}, true, false, []string{"other"}},
		{"copy and uid expunge flagged", capabilities{uidPlus: true}, false, true, []string{"other"}},
		{"copy and expunge", capabilities{}, false, true, []string{"other"}},
		{"copy, no expunge beside deleted", capabilities{}, true, false, []string{"other", "ours"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, b *backend) {
				ctx := testContext(t)
				inbox, dest := b.folder("in"), b.folder("Privacy/Processed")
				var otherFlags []string
				if tt.otherDeleted {
					otherFlags = []string{`\Deleted`}
				}
				b.seed(t, inbox, testMessage("other", "someone else's"), time.Now(), otherFlags...)
				ours := b.seed(t, inbox, testMessage("ours", "ours"), time.Now())
				b.seed(t, dest, testMessage("earlier", "earlier"), time.Now())
				c := b.dialSelected(t, inbox)
				c.caps = tt.caps

				if err := c.Move(ctx, []uint32{ours}, dest, tt.flag); err != nil {
					t.Fatalf("Move(%d, %s, %t): %v", ours, dest, tt.flag, err)
				}

				if left := messageIDs(b.messages(t, inbox)); !slices.Equal(left, tt.wantLeft) {
					t.Errorf("inbox after Move = %v, want %v", left, tt.wantLeft)
				}
				moved := b.messages(t, dest)
				if ids := messageIDs(moved); !slices.Equal(ids, []string{"earlier", "ours"}) {
					t.Fatalf("%s after Move = %v, want [earlier ours]", dest, ids)
				}
				if got := hasFlag(moved[1].Flags, `\Flagged`); got != tt.flag {
					t.Errorf("moved message flags = %v, \\Flagged %t, want %t", moved[1].Flags, got, tt.flag)
				}
				if hasFlag(moved[1].Flags, `\Deleted`) {
					t.Errorf("moved message flags = %v, want no \\Deleted", moved[1].Flags)
				}
			})
		})
	}
}

func TestMoveNothing(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		inbox := b.folder("in")
		b.seed(t, inbox, testMessage("stays", "stays"), time.Now())
		c := b.dialSelected(t, inbox)
		if err := c.Move(testContext(t), nil, b.folder("elsewhere"), true); err != nil {
			t.Errorf("Move(no uids) = %v, want nil", err)
		}
		if ids := messageIDs(b.messages(t, inbox)); !slices.Equal(ids, []string{"stays"}) {
			t.Errorf("inbox after Move(no uids) = %v, want [stays]", ids)
		}
	})
}

// messageIDs lists the bare Message-IDs of msgs.
func messageIDs(msgs []Message) []string {
	var ids []string
	for _, m := range msgs {
		ids = append(ids, headerMessageID(m.Raw))
	}
	return ids
}
