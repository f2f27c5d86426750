package mailbox

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestFolderHasMessageID(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox, review := b.folder("in"), b.folder("Privacy/Review")
		u1 := b.seed(t, inbox, testMessage("home@example.test", "home"), time.Now())
		b.seed(t, review, testMessage("a1@example.test", "one"), time.Now())
		b.seed(t, review, testMessage("xa1@example.test.org", "longer"), time.Now())
		c := b.dialSelected(t, inbox)

		tests := []struct {
			folder, messageID string
			want              bool
		}{
			{review, "<a1@example.test>", true},
			{review, "a1@example.test", true},
			{review, " <xa1@example.test.org> ", true},
			{review, "a1@example", false},     // a substring of both
			{review, "1@example.test", false}, // a suffix of one
			{review, "nope@example.test", false},
			{inbox, "<home@example.test>", true}, // the selected mailbox itself
			{inbox, "a1@example.test", false},
		}
		for _, tt := range tests {
			got, err := c.FolderHasMessageID(ctx, tt.folder, tt.messageID)
			if err != nil {
				t.Fatalf("FolderHasMessageID(%s, %q): %v", tt.folder, tt.messageID, err)
			}
			if got != tt.want {
				t.Errorf("FolderHasMessageID(%s, %q) = %t, want %t", tt.folder, tt.messageID, got, tt.want)
			}
		}
		if _, err := c.FolderHasMessageID(ctx, review, "<>"); err == nil {
			t.Errorf("FolderHasMessageID(%s, <>) = nil error, want one", review)
		}
		checkStillSelected(t, c, u1)
	})
}

// checkStillSelected checks that the caller's mailbox, holding uid, is
// selected read-write again.
func checkStillSelected(t *testing.T, c *Client, uid uint32) {
	t.Helper()
	got, err := c.FetchSince(testContext(t), 0, 0)
	if err != nil {
		t.Fatalf("FetchSince after working elsewhere: %v", err)
	}
	if uids := summaryUIDs(got); !slices.Contains(uids, uid) {
		t.Errorf("FetchSince after working elsewhere = %v, want uid %d among them", uids, uid)
	}
	if c.current.readOnly {
		t.Errorf("selected mailbox is read-only after working elsewhere")
	}
}

func TestSetFlagged(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox, review := b.folder("in"), b.folder("Privacy/Review")
		u1 := b.seed(t, inbox, testMessage("home@example.test", "home"), time.Now())
		b.seed(t, review, testMessage("case-7@example.test", "case 7"), time.Now())
		c := b.dialSelected(t, inbox)

		for _, on := range []bool{true, false, true} {
			if err := c.SetFlagged(ctx, review, "<case-7@example.test>", on); err != nil {
				t.Fatalf("SetFlagged(%t): %v", on, err)
			}
			msgs := b.messages(t, review)
			if got := hasFlag(msgs[0].Flags, `\Flagged`); got != on {
				t.Errorf("after SetFlagged(%t) flags = %v", on, msgs[0].Flags)
			}
		}
		if err := c.SetFlagged(ctx, review, "missing@example.test", true); !errors.Is(err, ErrNotFound) {
			t.Errorf("SetFlagged(missing) = %v, want ErrNotFound", err)
		}
		checkStillSelected(t, c, u1)
	})
}

func TestMoveByMessageID(t *testing.T) {
	for _, flag := range []bool{false, true} {
		t.Run(fmt.Sprintf("flag=%t", flag), func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, b *backend) {
				ctx := testContext(t)
				inbox, review, processed := b.folder("in"), b.folder("Privacy/Review"), b.folder("Privacy/Processed")
				u1 := b.seed(t, inbox, testMessage("home@example.test", "home"), time.Now())
				b.seed(t, review, testMessage("case-8@example.test", "case 8"), time.Now(), `\Flagged`)
				b.seed(t, review, testMessage("case-9@example.test", "case 9"), time.Now(), `\Flagged`)
				b.seed(t, processed, testMessage("done@example.test", "done"), time.Now())
				c := b.dialSelected(t, inbox)

				if err := c.MoveByMessageID(ctx, review, processed, "case-8@example.test", flag); err != nil {
					t.Fatalf("MoveByMessageID(flag %t): %v", flag, err)
				}
				if ids := messageIDs(b.messages(t, review)); !slices.Equal(ids, []string{"case-9@example.test"}) {
					t.Errorf("review after MoveByMessageID = %v, want [case-9@example.test]", ids)
				}
				moved := b.messages(t, processed)
				if ids := messageIDs(moved); !slices.Equal(ids, []string{"done@example.test", "case-8@example.test"}) {
					t.Fatalf("processed after MoveByMessageID = %v", ids)
				}
				if got := hasFlag(moved[1].Flags, `\Flagged`); got != flag {
					t.Errorf("MoveByMessageID(flag %t): moved flags = %v", flag, moved[1].Flags)
				}
				err := c.MoveByMessageID(ctx, review, processed, "case-8@example.test", flag)
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("MoveByMessageID(already moved) = %v, want ErrNotFound", err)
				}
				checkStillSelected(t, c, u1)
			})
		})
	}
}

func TestHeaderMessageID(t *testing.T) {
	tests := []struct {
		header, want string
	}{
		{"Message-ID: <a@b>\r\n\r\n", "a@b"},
		{"Message-Id:\r\n <folded@example.test>\r\n\r\n", "folded@example.test"},
		{"message-id: bare@example.test\r\n", "bare@example.test"},
		{"Subject: none\r\n\r\n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := headerMessageID([]byte(tt.header)); got != tt.want {
			t.Errorf("headerMessageID(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}
