package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// fill sets every field reachable from v to a value of its own (n counts
// them), so that a field the encoding forgot shows.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		if v.Type() == reflect.TypeOf(time.Duration(0)) {
			v.SetInt(int64(*n) * int64(time.Second))
			return
		}
		v.SetInt(int64(*n))
	case reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(uint64(*n))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, *n, time.FixedZone("", 3600))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	default:
		panic("fill: no value for a " + v.Kind().String())
	}
}

// richCase is a case with every field set.
func richCase(id string) *cases.Case {
	var c cases.Case
	n := 0
	fill(reflect.ValueOf(&c).Elem(), &n)
	c.ID, c.Erased = id, false
	c.State = cases.Review
	return &c
}

// asToday is c as the store gave it back before this format: through
// JSON.
func asToday(t testing.TB, c *cases.Case) *cases.Case {
	t.Helper()
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var got cases.Case
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatal(err)
	}
	return &got
}

func put(t testing.TB, s *Store, c *cases.Case) {
	t.Helper()
	if err := s.Update(func(tx *Tx) error { return tx.PutCase(c) }); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, s *Store, id string) *cases.Case {
	t.Helper()
	var c *cases.Case
	if err := s.View(func(tx *Tx) (err error) { c, err = tx.Case(id); return err }); err != nil {
		t.Fatal(err)
	}
	return c
}

func sameCase(t testing.TB, what string, got, want *cases.Case) {
	t.Helper()
	if !reflect.DeepEqual(got, asToday(t, want)) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("%s:\ngot  %s\nwant %s", what, g, w)
	}
}

func TestCaseRoundTripRich(t *testing.T) {
	s, _ := open(t)
	c := richCase("C-2026-0001")
	put(t, s, c)
	sameCase(t, "Case(PutCase(c))", get(t, s, c.ID), c)

	// Put again after a change: the texts and events stored are kept,
	// the ones added written.
	c.State = cases.Done
	c.Messages = append(c.Messages, cases.Message{Key: "k3", Text: "third text"})
	c.Log(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), "staff", "done", "")
	put(t, s, c)
	sameCase(t, "after an update", get(t, s, c.ID), c)
	s.View(func(tx *Tx) error {
		h, _ := tx.header(c.ID)
		if h.texts != 3 || h.history != 3 {
			t.Errorf("header = %+v, want 3 texts and 3 events", h)
		}
		return nil
	})
}

// TestCaseTimesAsJSON: times come back in the zones JSON gave them back
// in: UTC at offset 0, Local when it has the offset then, else a zone of
// the offset.
func TestCaseTimesAsJSON(t *testing.T) {
	local := time.Local
	time.Local = time.FixedZone("XST", 3600) // fill's offset
	defer func() { time.Local = local }()
	s, _ := open(t)
	c := richCase("C-2026-0001")
	c.Received = time.Date(2026, 1, 2, 3, 4, 5, 6, time.Local)
	c.Due = time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("", 7200))
	c.Answered = time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("ZERO", 0))
	put(t, s, c)
	got := get(t, s, c.ID)
	sameCase(t, "times", got, c)
	if got.Received.Location() != time.Local || got.Messages[0].Received.Location() != time.Local || got.Answered.Location() != time.UTC {
		t.Errorf("zones: %v %v %v", got.Received.Location(), got.Messages[0].Received.Location(), got.Answered.Location())
	}
}

// TestCaseStringsAsJSON: strings of a case's body that are not UTF-8
// come back as JSON gave them back, each such byte a U+FFFD, through the
// case and through its head.
func TestCaseStringsAsJSON(t *testing.T) {
	s, _ := open(t)
	c := richCase("C-2026-0001")
	c.Messages[0].Subject = "caf\xe9 \xff\xfe"
	c.Copies[1].Text = "\x80copy"
	c.Reasons[0] = "r\xc3"
	c.Letter.Scan.Path = "/scans/\xff"
	put(t, s, c)
	sameCase(t, "case with strings not UTF-8", get(t, s, c.ID), c)
	if got := get(t, s, c.ID).Messages[0].Subject; got != "caf\ufffd \ufffd\ufffd" {
		t.Errorf("subject = %q", got)
	}
	err := s.Update(func(tx *Tx) error {
		h, err := tx.CaseHead(c.ID)
		if err != nil {
			return err
		}
		if h.Case.Reasons[0] != "r\ufffd" {
			t.Errorf("head's reason = %q", h.Case.Reasons[0])
		}
		return tx.PutCaseHead(h)
	})
	if err != nil {
		t.Fatal(err)
	}
	sameCase(t, "after its head was put", get(t, s, c.ID), c)
}

// TestCaseFieldsNumbered: every field of a case's body has a number of
// its own in its cbor tag (a field without one would be keyed by its
// name), and History none (it is kept apart).
func TestCaseFieldsNumbered(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var check func(reflect.Type)
	check = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || ty == reflect.TypeFor[time.Time]() || seen[ty] {
			return
		}
		seen[ty] = true
		numbers := map[string]string{}
		for i := range ty.NumField() {
			f := ty.Field(i)
			tag := f.Tag.Get("cbor")
			if ty == reflect.TypeFor[cases.Case]() && f.Name == "History" {
				if tag != "-" {
					t.Errorf("Case.History has cbor tag %q, want \"-\"", tag)
				}
				continue
			}
			n, opts, _ := strings.Cut(tag, ",")
			if n == "" || !strings.Contains(opts, "keyasint") {
				t.Errorf("%s.%s has cbor tag %q: no number", ty.Name(), f.Name, tag)
			}
			if other, ok := numbers[n]; ok {
				t.Errorf("%s.%s and %s.%s have the same number %s", ty.Name(), f.Name, ty.Name(), other, n)
			}
			numbers[n] = f.Name
			check(f.Type)
		}
	}
	check(reflect.TypeFor[cases.Case]())
}

// TestCaseUnreleasedFormatRefused: a body in the binary format of a build
// never released is refused with an error that says so.
func TestCaseUnreleasedFormatRefused(t *testing.T) {
	s, _ := open(t)
	err := s.Update(func(tx *Tx) error {
		return tx.bucket(bucketCases).Put([]byte("C-2026-0001"), []byte{formatUnreleased, 0, 1, 1, 0x0a, 1, 'x'})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		if _, err := tx.Case("C-2026-0001"); !errors.Is(err, errUnreleased) {
			t.Errorf("Case of a body in format 1: %v, want %v", err, errUnreleased)
		}
		if _, err := tx.CaseHead("C-2026-0001"); !errors.Is(err, errUnreleased) {
			t.Errorf("CaseHead of a body in format 1: %v, want %v", err, errUnreleased)
		}
		return nil
	})
}

func TestCaseHeadUpdate(t *testing.T) {
	s, _ := open(t)
	c := settled(benchCase("C-2026-0001", 1))
	followUp(c, 1)
	put(t, s, c)
	at := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	err := s.Update(func(tx *Tx) error {
		h, err := tx.CaseHead(c.ID)
		if err != nil {
			return err
		}
		if len(h.Case.History) != 0 || h.Case.Messages[0].Text != "" || h.Case.Messages[1].Text != "" {
			t.Errorf("head holds %d events, texts of %d and %d bytes; want none", len(h.Case.History), len(h.Case.Messages[0].Text), len(h.Case.Messages[1].Text))
		}
		h.Case.Replies[1].State = cases.ReplyFailed
		h.Case.Log(at, cases.ActorDaemon, "reply failed", "x")
		if err := tx.PutCaseHead(h); err != nil {
			return err
		}
		h.Case.Log(at, cases.ActorDaemon, "again", "")
		return tx.PutCaseHead(h) // twice in one transaction: each event once
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Replies[1].State = cases.ReplyFailed
	c.Log(at, cases.ActorDaemon, "reply failed", "x")
	c.Log(at, cases.ActorDaemon, "again", "")
	sameCase(t, "whole case after its head's update", get(t, s, c.ID), c)

	// A message added to a head is written with its text, and found.
	err = s.Update(func(tx *Tx) error {
		h, err := tx.CaseHead(c.ID)
		if err != nil {
			return err
		}
		h.Case.Messages = append(h.Case.Messages, cases.Message{Key: "k3", Subject: "third", Text: "Zebra crossing"})
		return tx.PutCaseHead(h)
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Messages = append(c.Messages, cases.Message{Key: "k3", Subject: "third", Text: "Zebra crossing"})
	sameCase(t, "whole case after a message added to its head", get(t, s, c.ID), c)
	s.View(func(tx *Tx) error {
		var ids []string
		tx.ForEachRow([]string{"zebra", "request number 2"}, func(r cases.Row) error { ids = append(ids, r.ID); return nil })
		if len(ids) != 1 {
			t.Errorf("search for the new text and an old one found %v, want the case", ids)
		}
		return nil
	})
}

// TestCaseHeadRow: a head's row is the whole case's, its gist too when
// it is the first message's beginning.
func TestCaseHeadRow(t *testing.T) {
	for _, kind := range []cases.Kind{cases.California, cases.Other} {
		t.Run(string(kind), func(t *testing.T) {
			s, _ := open(t)
			c := benchCase("C-2026-0001", 1)
			c.Kind = kind
			put(t, s, c)
			err := s.Update(func(tx *Tx) error {
				h, err := tx.CaseHead(c.ID)
				if err != nil {
					return err
				}
				h.Case.State = cases.Review
				return tx.PutCaseHead(h)
			})
			if err != nil {
				t.Fatal(err)
			}
			c.State = cases.Review
			want := asToday(t, c).Row()
			s.View(func(tx *Tx) error {
				return tx.ForEachRow(nil, func(got cases.Row) error {
					if !reflect.DeepEqual(got, want) {
						t.Errorf("row after the head's update = %+v, want %+v", got, want)
					}
					return nil
				})
			})
		})
	}
}

// TestCaseHeadNeverErases: a head put whole is refused, and a head cannot
// erase; the texts and history stay.
func TestCaseHeadNeverErases(t *testing.T) {
	s, _ := open(t)
	c := settled(benchCase("C-2026-0001", 1))
	put(t, s, c)
	err := s.Update(func(tx *Tx) error {
		h, err := tx.CaseHead(c.ID)
		if err != nil {
			return err
		}
		h.Case.Log(time.Now(), "x", "y", "")
		if err := tx.PutCase(h.Case); err == nil {
			t.Error("PutCase(head) wrote a case with fewer events than stored")
		}
		h.Case.Erase(time.Now())
		if err := tx.PutCaseHead(h); err == nil {
			t.Error("PutCaseHead erased a case")
		}
		return errors.New("roll back")
	})
	if err == nil {
		t.Fatal("no error")
	}
	sameCase(t, "case after refused puts", get(t, s, c.ID), c)
}

// putOld writes c as a store of the format before kept it: the whole case
// as JSON, and a reply's bytes as they were.
func putOld(t *testing.T, path string, c *cases.Case, mid string, raw []byte) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketCases, bucketRaw, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		js, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketCases).Put([]byte(c.ID), js); err != nil {
			return err
		}
		return tx.Bucket(bucketRaw).Put([]byte(mid), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOldFormatReadAndRewritten(t *testing.T) {
	for _, head := range []bool{false, true} {
		t.Run(fmt.Sprintf("head=%v", head), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "m.db")
			c := richCase("C-2025-0001")
			raw := []byte("From: a\r\n\r\nold reply")
			putOld(t, path, c, c.Replies[0].MessageID, raw)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			sameCase(t, "old case read", get(t, s, c.ID), c)
			s.View(func(tx *Tx) error {
				if got, err := tx.Raw(c.Replies[0].MessageID); err != nil || !bytes.Equal(got, raw) {
					t.Errorf("old Raw = %q, want %q", got, raw)
				}
				var rows int
				tx.ForEachRow([]string{strings.ToLower(c.Messages[1].Text)}, func(cases.Row) error { rows++; return nil })
				if rows != 1 {
					t.Errorf("old case's search text not indexed on open: %d rows", rows)
				}
				return nil
			})
			err = s.Update(func(tx *Tx) error {
				if !head {
					c, err := tx.Case(c.ID)
					if err != nil {
						return err
					}
					return tx.PutCase(c)
				}
				h, err := tx.CaseHead(c.ID)
				if err != nil {
					return err
				}
				return tx.PutCaseHead(h)
			})
			if err != nil {
				t.Fatal(err)
			}
			s.View(func(tx *Tx) error {
				if v := tx.bucket(bucketCases).Get([]byte(c.ID)); v[0] != formatCase {
					t.Errorf("case not rewritten in the new format: %q...", v[:10])
				}
				if h, _ := tx.header(c.ID); h.texts != 2 || h.history != 2 {
					t.Errorf("rewritten header = %+v, want 2 texts, 2 events", h)
				}
				return nil
			})
			sameCase(t, "old case rewritten", get(t, s, c.ID), c)
		})
	}
}

// unpacked is v, and what it holds when it is compressed.
func unpacked(v []byte) []byte {
	if b, err := unpack(v); err == nil {
		return append(append([]byte{}, v...), b...)
	}
	return v
}

// holding lists where in the store marker is: bucket and key of every
// value (or key) that holds it, compressed or not.
func holding(t *testing.T, s *Store, marker string) []string {
	t.Helper()
	var at []string
	m := []byte(strings.ToLower(marker))
	s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if bytes.Contains(bytes.ToLower(unpacked(v)), m) || bytes.Contains(bytes.ToLower(k), m) {
					at = append(at, fmt.Sprintf("%s/%q", name, k))
				}
				return nil
			})
		})
	})
	return at
}

func TestErasureLeavesNothing(t *testing.T) {
	s, _ := open(t)
	c := benchCase("C-2026-0001", 1)
	c.Messages[0].Text += " MARKERTEXT"
	c.Log(c.Received, "staff", "note", "MARKERDETAIL")
	put(t, s, c)
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRaw(c.Replies[0].MessageID, []byte("Subject: x\r\n\r\nMARKERREPLY")); err != nil {
			return err
		}
		return tx.bucket(bucketRaw).Put([]byte("old-"+c.Replies[0].MessageID), []byte("MARKEROLDREPLY"))
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Replies = append(c.Replies, cases.Reply{MessageID: "old-" + c.Replies[0].MessageID})
	put(t, s, c)
	for _, m := range []string{"MARKERTEXT", "MARKERDETAIL", "MARKERREPLY", "MARKEROLDREPLY"} {
		if len(holding(t, s, m)) == 0 {
			t.Fatalf("%s not in the store before erasure: the scan cannot see it", m)
		}
	}
	err = s.Update(func(tx *Tx) error {
		c, err := tx.Case(c.ID)
		if err != nil {
			return err
		}
		c.Erase(time.Now())
		return tx.PutCase(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"MARKERTEXT", "MARKERDETAIL", "MARKERREPLY", "MARKEROLDREPLY", "jane@example.org"} {
		if at := holding(t, s, m); len(at) > 0 {
			t.Errorf("%s still in the store after erasure, at %v", m, at)
		}
	}
	got := get(t, s, c.ID)
	if !got.Erased || len(got.History) != len(c.History)+1 || got.Messages[0].Text != "" {
		t.Errorf("erased case: erased %v, %d events (want %d), text %q", got.Erased, len(got.History), len(c.History)+1, got.Messages[0].Text)
	}
}

func TestRawKeptCompressed(t *testing.T) {
	s, _ := open(t)
	raw := benchReply("C-2026-0001")
	err := s.Update(func(tx *Tx) error { return tx.PutRaw("m@x", raw) })
	if err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		if got, err := tx.Raw("m@x"); err != nil || !bytes.Equal(got, raw) {
			t.Errorf("Raw = %d bytes, want the %d put", len(got), len(raw))
		}
		if v := tx.bucket(bucketReplies).Get([]byte("m@x")); len(v) >= len(raw)/2 {
			t.Errorf("kept %d bytes of %d: not compressed", len(v), len(raw))
		}
		return nil
	})
}

// FuzzCaseRoundTrip: any case read back is the case put, whole, and after
// an update through its head; its strings, in its body and apart, any
// bytes.
func FuzzCaseRoundTrip(f *testing.F) {
	f.Add("hello", "detail", uint8(1), uint8(3), true)
	f.Add("", "", uint8(0), uint8(0), false)
	f.Add("\x00\xff{", "é", uint8(3), uint8(1), true)
	f.Fuzz(func(t *testing.T, text, detail string, msgs, events uint8, viaHead bool) {
		s, _ := open(t)
		c := &cases.Case{ID: "C-2026-0001", State: cases.Review, Email: detail}
		for i := range int(msgs % 5) {
			c.Messages = append(c.Messages, cases.Message{Key: fmt.Sprint(i), Subject: detail, Text: strings.Repeat(text, i)})
		}
		if msgs%2 == 1 {
			c.Copies = []cases.Message{{Key: "copy", Text: text}}
		}
		for i := range int(events % 7) {
			c.Log(time.Unix(int64(i), 0).UTC(), "a", "b", detail)
		}
		put(t, s, c)
		sameCase(t, "round trip", get(t, s, c.ID), c)
		err := s.Update(func(tx *Tx) error {
			if !viaHead {
				w, err := tx.Case(c.ID)
				if err != nil {
					return err
				}
				w.Log(time.Unix(99, 0).UTC(), "x", "y", text)
				w.Messages = append(w.Messages, cases.Message{Text: detail})
				return tx.PutCase(w)
			}
			h, err := tx.CaseHead(c.ID)
			if err != nil {
				return err
			}
			h.Case.Log(time.Unix(99, 0).UTC(), "x", "y", text)
			h.Case.Messages = append(h.Case.Messages, cases.Message{Text: detail})
			return tx.PutCaseHead(h)
		})
		if err != nil {
			t.Fatal(err)
		}
		c.Log(time.Unix(99, 0).UTC(), "x", "y", text)
		c.Messages = append(c.Messages, cases.Message{Text: detail})
		sameCase(t, "after an update", get(t, s, c.ID), c)
	})
}

func TestUsage(t *testing.T) {
	s, _ := open(t)
	put(t, s, benchCase("C-2026-0001", 1))
	put(t, s, benchCase("C-2026-0002", 2))
	u, err := s.Usage()
	if err != nil {
		t.Fatal(err)
	}
	if u.Cases != 2 || u.FileBytes < u.PageBytes || u.PageBytes < u.DataBytes || u.DataBytes < 2000 {
		t.Errorf("Usage = %+v, want 2 cases, file ≥ pages ≥ data ≥ 2000 bytes", u)
	}
}

// TestRawCorrupt: kept bytes that cannot be decompressed are an error,
// not "none kept" (the outbox would report the reply's bytes missing).
func TestRawCorrupt(t *testing.T) {
	s, _ := open(t)
	err := s.Update(func(tx *Tx) error {
		return tx.bucket(bucketReplies).Put([]byte("m@x"), []byte{formatFlate, 0xff, 0xff, 0xff})
	})
	if err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *Tx) error {
		if got, err := tx.Raw("m@x"); err == nil {
			t.Errorf("Raw of a corrupt value = %d bytes, nil error; want an error", len(got))
		}
		return nil
	})
}
