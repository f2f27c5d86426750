package store

// How a case is kept. A case's value in the cases bucket is its body:
//
//	format byte (formatCase), flag byte (1: erased),
//	uvarint: messages whose texts are settled (written, or empty),
//	uvarint: events of its history stored,
//	the case without its messages' texts and without its history, in
//	CBOR (RFC 8949): a struct a map whose keys are the numbers of its
//	fields' cbor tags (see cases.Case), a field that is empty left out,
//	a time an RFC 3339 string, a string as it is (bytes not UTF-8 in
//	one are mended when it is read).
//
// It gives back what JSON gave back (the store kept cases as JSON
// before): strings with each byte that is not UTF-8 a U+FFFD, times in
// UTC when their offset is 0, in Local when Local has their offset then,
// else in a zone of that offset. A field a reader does not know is
// skipped.
//
// Its messages' texts are apart, in the texts bucket under the case's id,
// a 0 byte and the message's index (4 bytes, big-endian), compressed; an
// empty text has no entry. Each text is written once, when its message
// is new. Its history is apart, in the history bucket under the case's id,
// a 0 byte and the event's number (4 bytes, big-endian), one event a value
// as JSON; an update writes only the events it adds.
//
// A value in the cases bucket that begins with '{' is a case as mailproc
// kept it before this format: all of it as JSON. It is read as it is, and
// written in this format when it is next put. A value that begins with 1
// is a case in a binary format that was never released; it is refused.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/mailproc/mailproc/mailproc/cases"
)

var (
	bucketTexts   = []byte("texts")   // case id, 0, message index → its text, compressed
	bucketHistory = []byte("history") // case id, 0, event number → the event, JSON
)

// formatCase begins a case's body in this format; formatUnreleased
// began one in a binary format of a build never released.
const (
	formatUnreleased = 1
	formatCase       = 2
)

var (
	// bodyEnc writes a case's body: times as RFC 3339 strings, which keep
	// their nanoseconds and offset.
	bodyEnc = mustEncMode(cbor.EncOptions{Time: cbor.TimeRFC3339Nano})
	// bodyDec reads a case's body; bodyDecAnyText reads one that holds
	// strings not UTF-8, which stringsAsJSON then mends.
	bodyDec        = mustDecMode(cbor.DecOptions{})
	bodyDecAnyText = mustDecMode(cbor.DecOptions{UTF8: cbor.UTF8DecodeInvalid})
)

// mustEncMode is the encoder of options o, which are known good.
func mustEncMode(o cbor.EncOptions) cbor.EncMode {
	m, err := o.EncMode()
	if err != nil {
		panic(fmt.Sprintf("case body encoder: %v", err))
	}
	return m
}

// mustDecMode is the decoder of options o, which are known good.
func mustDecMode(o cbor.DecOptions) cbor.DecMode {
	m, err := o.DecMode()
	if err != nil {
		panic(fmt.Sprintf("case body decoder: %v", err))
	}
	return m
}

// caseHeader is what a case's body says before the case: what of it is
// kept apart.
type caseHeader struct {
	erased  bool
	texts   int // messages whose texts are settled
	history int // events stored
}

// appendHeader writes a body's header.
func appendHeader(b []byte, h caseHeader) []byte {
	flags := byte(0)
	if h.erased {
		flags |= 1
	}
	b = append(b, formatCase, flags)
	b = binary.AppendUvarint(b, uint64(h.texts))
	return binary.AppendUvarint(b, uint64(h.history))
}

var (
	errBody       = errors.New("case body cut short or of an unknown format")
	errUnreleased = errors.New("case body in the binary format of a build never released (format 1): not read; write the case again")
)

// readHeader reads a body's header and returns the encoded case after it;
// old is set for a case kept whole as JSON (then the header is zero:
// nothing of it is apart).
func readHeader(v []byte) (h caseHeader, rest []byte, old bool, err error) {
	if len(v) > 0 && v[0] == '{' {
		return caseHeader{}, v, true, nil
	}
	if len(v) > 0 && v[0] == formatUnreleased {
		return h, nil, false, errUnreleased
	}
	if len(v) < 2 || v[0] != formatCase {
		return h, nil, false, errBody
	}
	h.erased = v[1]&1 != 0
	rest = v[2:]
	n, k := binary.Uvarint(rest)
	if k <= 0 {
		return h, nil, false, errBody
	}
	h.texts, rest = int(n), rest[k:]
	if n, k = binary.Uvarint(rest); k <= 0 {
		return h, nil, false, errBody
	}
	h.history = int(n)
	return h, rest[k:], false, nil
}

// encodeBody is a case's body: the header h and c without its messages'
// texts and its history.
func encodeBody(c *cases.Case, h caseHeader) ([]byte, error) {
	body := textless(c)
	body.History = nil
	b, err := bodyEnc.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("encode case %s: %w", c.ID, err)
	}
	return append(appendHeader(make([]byte, 0, len(b)+16), h), b...), nil
}

// decodeBody reads the body of a case, b, into c. A body whose strings
// are not all UTF-8 is read again, and they are made UTF-8 as JSON made
// them.
func decodeBody(b []byte, c *cases.Case) error {
	err := bodyDec.Unmarshal(b, c)
	var bad *cbor.SemanticError
	if !errors.As(err, &bad) {
		return err
	}
	*c = cases.Case{}
	if err := bodyDecAnyText.Unmarshal(b, c); err != nil {
		return err
	}
	stringsAsJSON(reflect.ValueOf(c).Elem())
	return nil
}

// stringsAsJSON makes every string reachable from v, which can be set,
// as JSON gives it back (asJSON).
func stringsAsJSON(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !utf8.ValidString(s) {
			v.SetString(asJSON(s))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			stringsAsJSON(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			stringsAsJSON(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				stringsAsJSON(v.Field(i))
			}
		}
	}
}

// partKey is the key of a case's text or event number i.
func partKey(id string, i int) []byte {
	return binary.BigEndian.AppendUint32(append([]byte(id), 0), uint32(i))
}

// partPrefix begins the keys of a case's texts and events.
func partPrefix(id string) []byte { return append([]byte(id), 0) }

// howMuch is what of a case is read.
type howMuch int

const (
	readWhole howMuch = iota // every text and event
	readHead                 // no text, no event
)

// readCase reads case id from its value v: all of it, or its head. It
// returns the header of what is stored (zero for a case kept whole as JSON,
// which is read whole whatever is asked).
func readCase(tx *bolt.Tx, id string, v []byte, how howMuch) (*cases.Case, caseHeader, error) {
	h, body, old, err := readHeader(v)
	if err != nil {
		return nil, h, fmt.Errorf("read case %s: %w", id, err)
	}
	var c cases.Case
	if old {
		if err := json.Unmarshal(body, &c); err != nil {
			return nil, h, fmt.Errorf("read case %s: %w", id, err)
		}
		return &c, h, nil
	}
	if err := decodeBody(body, &c); err != nil {
		return nil, h, fmt.Errorf("read case %s: %w", id, err)
	}
	if how == readHead {
		return &c, h, nil
	}
	if err := readTexts(tx, id, c.Messages[:min(h.texts, len(c.Messages))]); err != nil {
		return nil, h, err
	}
	if h.history > 0 {
		if c.History, err = readHistory(tx, id, h.history); err != nil {
			return nil, h, err
		}
	}
	return &c, h, nil
}

// readTexts fills in the texts of msgs, the first messages of case id.
func readTexts(tx *bolt.Tx, id string, msgs []cases.Message) error {
	b := bucket(tx, bucketTexts)
	for i := range msgs {
		v := b.Get(partKey(id, i))
		if v == nil {
			continue
		}
		text, err := unpack(v)
		if err != nil {
			return fmt.Errorf("read text %d of case %s: %w", i, id, err)
		}
		msgs[i].Text = string(text)
	}
	return nil
}

// writeTexts writes the texts of the messages of c from index from on.
func writeTexts(tx *bolt.Tx, c *cases.Case, from int) error {
	b := bucket(tx, bucketTexts)
	for i := from; i < len(c.Messages); i++ {
		if c.Messages[i].Text == "" {
			continue
		}
		if err := b.Put(partKey(c.ID, i), pack([]byte(asJSON(c.Messages[i].Text)))); err != nil {
			return fmt.Errorf("write text %d of case %s: %w", i, c.ID, err)
		}
	}
	return nil
}

// asJSON is s as it comes back through JSON, which the store used to keep
// texts in: each byte of it that is not UTF-8 a U+FFFD.
func asJSON(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// readHistory reads the n events of case id.
func readHistory(tx *bolt.Tx, id string, n int) ([]cases.Event, error) {
	events := make([]cases.Event, 0, n)
	prefix := partPrefix(id)
	cur := bucket(tx, bucketHistory).Cursor()
	for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
		var e cases.Event
		if err := json.Unmarshal(v, &e); err != nil {
			return nil, fmt.Errorf("read history of case %s: %w", id, err)
		}
		events = append(events, e)
	}
	return events, nil
}

// appendHistory writes events as the events of case id from number from
// on.
func appendHistory(tx *bolt.Tx, id string, from int, events []cases.Event) error {
	b := bucket(tx, bucketHistory)
	for i, e := range events {
		v, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("encode history of case %s: %w", id, err)
		}
		if err := b.Put(partKey(id, from+i), v); err != nil {
			return fmt.Errorf("write history of case %s: %w", id, err)
		}
	}
	return nil
}

// deleteParts deletes what case id keeps in bucket name under its prefix.
func deleteParts(tx *bolt.Tx, name []byte, id string) error {
	b := bucket(tx, name)
	prefix := partPrefix(id)
	var keys [][]byte
	cur := b.Cursor()
	for k, _ := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = cur.Next() {
		keys = append(keys, append([]byte{}, k...))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("delete %s of case %s: %w", name, id, err)
		}
	}
	return nil
}

// putChanged writes v under k unless it is there already: a value not
// changed leaves its page clean, so the commit has less to write.
func putChanged(b *bolt.Bucket, k, v []byte) error {
	if old := b.Get(k); old != nil && bytes.Equal(old, v) {
		return nil
	}
	return b.Put(k, v)
}
