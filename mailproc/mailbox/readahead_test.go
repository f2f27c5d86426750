package mailbox

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// TestFetchRawReadsAheadExactly walks a batch as the daemon does and checks
// that every answer is what the server alone would give.
func TestFetchRawReadsAheadExactly(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		line := strings.Repeat("0123456789", 9)
		var raws [][]byte
		var uids []uint32
		for i := range readAheadCount + 8 { // more than one window
			body := []string{"Hello."}
			if i%5 == 0 {
				body = slices.Repeat([]string{line}, 1000+i) // ~90 KB: more than is read ahead
			}
			raw := testMessage("ahead-"+string(rune('a'+i%26))+"@example.test", "ahead", body...)
			raws = append(raws, raw)
			uids = append(uids, b.seed(t, inbox, raw, time.Now()))
		}
		c := b.dialSelected(t, inbox)
		if _, err := c.FetchSince(ctx, 0, 0); err != nil {
			t.Fatalf("FetchSince: %v", err)
		}
		if _, err := c.FetchRaw(ctx, uids[0], readAheadBytes); err != nil {
			t.Fatalf("FetchRaw(uid %d): %v", uids[0], err)
		}
		if len(c.ahead.held) != readAheadCount {
			t.Errorf("after the first FetchRaw %d messages are read ahead, want %d", len(c.ahead.held), readAheadCount)
		}
		for i, uid := range uids {
			for _, limit := range []int64{readAheadBytes, 100, 0, int64(len(raws[i])) + 1} {
				got, err := c.FetchRaw(ctx, uid, limit)
				want := raws[i]
				if limit > 0 && int64(len(want)) > limit {
					want = want[:limit]
				}
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("FetchRaw(uid %d, %d) = %d bytes, %v; want the first %d", uid, limit, len(got), err, len(want))
				}
			}
		}
	})
}

func TestFetchRawAheadOfExpunged(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		u1 := b.seed(t, inbox, testMessage("gone-1@example.test", "one"), time.Now())
		u2 := b.seed(t, inbox, testMessage("gone-2@example.test", "two"), time.Now())
		c := b.dialSelected(t, inbox)
		if _, err := c.FetchSince(ctx, 0, 0); err != nil {
			t.Fatalf("FetchSince: %v", err)
		}
		b.expunge(t, inbox, u1)
		if _, err := c.FetchRaw(ctx, u1, readAheadBytes); !errors.Is(err, ErrNotFound) {
			t.Errorf("FetchRaw(expunged uid %d) = %v, want ErrNotFound", u1, err)
		}
		if got, err := c.FetchRaw(ctx, u2, readAheadBytes); err != nil || !bytes.Contains(got, []byte("gone-2")) {
			t.Errorf("FetchRaw(uid %d) = %q, %v; want message two", u2, got, err)
		}
	})
}

// expunge removes uid from folder with the bare connection.
func (b *backend) expunge(t *testing.T, folder string, uid uint32) {
	t.Helper()
	if _, err := b.raw.Select(b.server(folder), nil).Wait(); err != nil {
		t.Fatalf("select %s: %v", folder, err)
	}
	set := imap.UIDSetNum(imap.UID(uid))
	if err := b.raw.Store(set, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatalf("store \\Deleted: %v", err)
	}
	if err := b.raw.Expunge().Close(); err != nil {
		t.Fatalf("expunge: %v", err)
	}
	if err := b.raw.Unselect().Wait(); err != nil {
		t.Fatalf("unselect: %v", err)
	}
}

func TestReadAheadTake(t *testing.T) {
	var r readAhead
	r.reset(7, []Summary{{UID: 1, Size: 5}, {UID: 2, Size: 100}, {UID: 3, Size: 3}})
	r.held = map[uint32][]byte{1: []byte("hello"), 2: bytes.Repeat([]byte("x"), 10)}
	tests := []struct {
		name          string
		validity, uid uint32
		max           int64
		want          string
		ok            bool
	}{
		{"whole, held whole", 7, 1, 0, "hello", true},
		{"start of one held whole", 7, 1, 2, "he", true},
		{"limit above size", 7, 1, 50, "hello", true},
		{"start of one held in part", 7, 2, 4, "xxxx", true},
		{"more than is held", 7, 2, 50, "", false},
		{"whole of one held in part", 7, 2, 0, "", false},
		{"not held", 7, 3, 0, "", false},
		{"another uidvalidity", 8, 1, 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := r.take(tt.validity, tt.uid, tt.max)
			if string(got) != tt.want || ok != tt.ok {
				t.Errorf("take(%d, %d, %d) = %q, %t; want %q, %t", tt.validity, tt.uid, tt.max, got, ok, tt.want, tt.ok)
			}
		})
	}
	if w := r.window(7, 2); !slices.Equal(w, []uint32{2, 3}) {
		t.Errorf("window(7, 2) = %v, want [2 3]", w)
	}
	if w := r.window(7, 9); w != nil {
		t.Errorf("window(7, not in batch) = %v, want none", w)
	}
}

// TestReadAheadOutlivesFetchUIDs: the daemon looks a message up by UID
// before moving it; that must not throw away what was read ahead.
func TestReadAheadOutlivesFetchUIDs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		var uids []uint32
		for i := range 3 {
			uids = append(uids, b.seed(t, inbox, testMessage("outlive-"+string(rune('a'+i))+"@example.test", "x"), time.Now()))
		}
		c := b.dialSelected(t, inbox)
		if _, err := c.FetchSince(ctx, 0, 0); err != nil {
			t.Fatalf("FetchSince: %v", err)
		}
		if _, err := c.FetchRaw(ctx, uids[0], readAheadBytes); err != nil {
			t.Fatalf("FetchRaw: %v", err)
		}
		if _, err := c.FetchUIDs(ctx, uids[:1]); err != nil {
			t.Fatalf("FetchUIDs: %v", err)
		}
		if _, ok := c.ahead.take(c.home.uidValidity, uids[2], readAheadBytes); !ok {
			t.Errorf("after FetchUIDs, uid %d is no longer read ahead", uids[2])
		}
	})
}
