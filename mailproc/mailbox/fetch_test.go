package mailbox

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFetchSince(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		date := time.Date(2025, 3, 4, 5, 6, 7, 0, time.FixedZone("", -8*3600))
		first := testMessage("fetch-1@example.test", "first")
		u1 := b.seed(t, inbox, first, date, `\Answered`)
		u2 := b.seed(t, inbox, testMessage("fetch-2@example.test", "second"), date)
		u3 := b.seed(t, inbox, testMessage("fetch-3@example.test", "third"), date)
		c := b.dialSelected(t, inbox)

		tests := []struct {
			name     string
			afterUID uint32
			max      int
			want     []uint32
		}{
			{"all", 0, 0, []uint32{u1, u2, u3}},
			{"first two", 0, 2, []uint32{u1, u2}},
			{"after the first", u1, 0, []uint32{u2, u3}},
			{"after the first, one", u1, 1, []uint32{u2}},
			{"max above count", 0, 10, []uint32{u1, u2, u3}},
			{"after the last", u3, 0, nil},
			{"after the last, with max", u3, 5, nil},
			{"far above the last", u3 + 100, 0, nil},
			{"highest uid", math.MaxUint32, 0, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := c.FetchSince(ctx, tt.afterUID, tt.max)
				if err != nil {
					t.Fatalf("FetchSince(%d, %d): %v", tt.afterUID, tt.max, err)
				}
				if uids := summaryUIDs(got); !slices.Equal(uids, tt.want) {
					t.Errorf("FetchSince(%d, %d) UIDs = %v, want %v", tt.afterUID, tt.max, uids, tt.want)
				}
			})
		}

		got, err := c.FetchSince(ctx, 0, 1)
		if err != nil || len(got) != 1 {
			t.Fatalf("FetchSince(0, 1) = %v, %v", got, err)
		}
		checkSummary(t, got[0], first, date, `\Answered`)
	})
}

// checkSummary compares a Summary with the message it describes.
func checkSummary(t *testing.T, s Summary, raw []byte, date time.Time, flag string) {
	t.Helper()
	if !s.InternalDate.Equal(date) {
		t.Errorf("InternalDate = %v, want %v", s.InternalDate, date)
	}
	if s.Size != int64(len(raw)) {
		t.Errorf("Size = %d, want %d", s.Size, len(raw))
	}
	if !hasFlag(s.Flags, flag) {
		t.Errorf("Flags = %v, want %s among them", s.Flags, flag)
	}
	header, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	if want := string(header) + "\r\n\r\n"; string(s.Header) != want {
		t.Errorf("Header = %q, want %q", s.Header, want)
	}
}

// summaryUIDs lists the UIDs of summaries.
func summaryUIDs(summaries []Summary) []uint32 {
	var uids []uint32
	for _, s := range summaries {
		uids = append(uids, s.UID)
	}
	return uids
}

func TestFetchUIDs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		u1 := b.seed(t, inbox, testMessage("uids-1@example.test", "one"), time.Now())
		u2 := b.seed(t, inbox, testMessage("uids-2@example.test", "two"), time.Now())
		c := b.dialSelected(t, inbox)

		tests := []struct {
			name string
			uids []uint32
			want []uint32
		}{
			{"none", nil, nil},
			{"both, out of order", []uint32{u2, u1}, []uint32{u1, u2}},
			{"one and a missing one", []uint32{u2 + 50, u2}, []uint32{u2}},
			{"only missing", []uint32{u2 + 50}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := c.FetchUIDs(ctx, tt.uids)
				if err != nil {
					t.Fatalf("FetchUIDs(%v): %v", tt.uids, err)
				}
				if uids := summaryUIDs(got); !slices.Equal(uids, tt.want) {
					t.Errorf("FetchUIDs(%v) UIDs = %v, want %v", tt.uids, uids, tt.want)
				}
			})
		}
	})
}

func TestFetchRaw(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		line := strings.Repeat("0123456789", 9)
		big := testMessage("big@example.test", "big", slices.Repeat([]string{line}, 4000)...) // ~370 KB
		uid := b.seed(t, inbox, big, time.Now())
		c := b.dialSelected(t, inbox)

		tests := []struct {
			name     string
			maxBytes int64
			want     []byte
		}{
			{"first kilobyte", 1000, big[:1000]},
			{"no limit", 0, big},
			{"limit above size", int64(len(big)) + 10, big},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := c.FetchRaw(ctx, uid, tt.maxBytes)
				if err != nil {
					t.Fatalf("FetchRaw(%d, %d): %v", uid, tt.maxBytes, err)
				}
				if !bytes.Equal(got, tt.want) {
					t.Errorf("FetchRaw(%d, %d) = %d bytes, want the first %d", uid, tt.maxBytes, len(got), len(tt.want))
				}
			})
		}

		if _, err := c.FetchRaw(ctx, uid+1, 1000); !errors.Is(err, ErrNotFound) {
			t.Errorf("FetchRaw(missing uid) = %v, want ErrNotFound", err)
		}
	})
}

// TestFetchNeverSetsSeen guards SPEC § 1: mail is read with BODY.PEEK.
func TestFetchNeverSetsSeen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox, other := b.folder("in"), b.folder("other")
		u1 := b.seed(t, inbox, testMessage("seen-1@example.test", "one"), time.Now())
		u2 := b.seed(t, inbox, testMessage("seen-2@example.test", "two"), time.Now())
		b.seed(t, other, testMessage("seen-3@example.test", "three"), time.Now())
		c := b.dialSelected(t, inbox)

		if _, err := c.FetchSince(ctx, 0, 0); err != nil {
			t.Fatalf("FetchSince: %v", err)
		}
		if _, err := c.FetchSince(ctx, 0, 1); err != nil {
			t.Fatalf("FetchSince with max: %v", err)
		}
		if _, err := c.FetchUIDs(ctx, []uint32{u1, u2}); err != nil {
			t.Fatalf("FetchUIDs: %v", err)
		}
		for _, limit := range []int64{0, 100} {
			if _, err := c.FetchRaw(ctx, u1, limit); err != nil {
				t.Fatalf("FetchRaw(%d, %d): %v", u1, limit, err)
			}
		}
		for _, folder := range []string{inbox, other} {
			if _, err := c.FolderHasMessageID(ctx, folder, "seen-3@example.test"); err != nil {
				t.Fatalf("FolderHasMessageID(%s): %v", folder, err)
			}
		}

		for _, folder := range []string{inbox, other} {
			for _, m := range b.messages(t, folder) {
				if hasFlag(m.Flags, `\Seen`) {
					t.Errorf("%s uid %d flags = %v, want no \\Seen", folder, m.UID, m.Flags)
				}
			}
		}
	})
}

func TestFetchBeforeSelect(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		c := b.dial(t)
		if _, err := c.FetchSince(testContext(t), 0, 0); !errors.Is(err, errNoMailbox) {
			t.Errorf("FetchSince before Select = %v, want errNoMailbox", err)
		}
	})
}
