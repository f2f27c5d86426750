package store

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Identities returns the keyed hashes that name a requester: the
// normalised email address, and the normalised name + street + ZIP when all
// three are known. Only these hashes are kept for the once-a-year rule.
func (t *Tx) Identities(email string, f cases.Fields) []string {
	var ids []string
	if e := strings.ToLower(strings.TrimSpace(email)); e != "" {
		ids = append(ids, t.hash("email:"+e))
	}
	if f.Name != "" && f.Street != "" && len(f.ZIP) >= 5 {
		ids = append(ids, t.hash("addr:"+normalizeText(f.Name)+"|"+normalizeStreet(f.Street)+"|"+f.ZIP[:5]))
	}
	return ids
}

func (t *Tx) hash(s string) string {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// answer is one once-a-year record.
type answer struct {
	Case string    `json:"case"`
	At   time.Time `json:"at"`
}

// EarlierAnswer returns the answer given in year to any of the requester's
// identities.
func (t *Tx) EarlierAnswer(year int, email string, f cases.Fields) (time.Time, string, bool) {
	b := t.bucket(bucketYears)
	for _, id := range t.Identities(email, f) {
		v := b.Get(yearKey(year, id))
		if v == nil {
			continue
		}
		var a answer
		if json.Unmarshal(v, &a) == nil {
			return a.At, a.Case, true
		}
	}
	return time.Time{}, "", false
}

// RecordAnswer records that the requester's request of year was answered
// by caseID at at.
func (t *Tx) RecordAnswer(year int, email string, f cases.Fields, caseID string, at time.Time) error {
	v, _ := json.Marshal(answer{Case: caseID, At: at})
	for _, id := range t.Identities(email, f) {
		if err := t.bucket(bucketYears).Put(yearKey(year, id), v); err != nil {
			return fmt.Errorf("record answer of %s: %w", caseID, err)
		}
	}
	return nil
}

func yearKey(year int, id string) []byte {
	return []byte(fmt.Sprintf("%04d/%s", year, id))
}

func normalizeText(s string) string {
	s = strings.ToLower(norm.NFKC.String(s))
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(f, " ")
}

// streetWords are the USPS abbreviations of common street words.
var streetWords = map[string]string{
	"street": "st", "avenue": "ave", "av": "ave", "boulevard": "blvd", "road": "rd", "drive": "dr",
	"lane": "ln", "court": "ct", "place": "pl", "terrace": "ter", "highway": "hwy", "parkway": "pkwy",
	"circle": "cir", "square": "sq", "way": "way", "north": "n", "south": "s", "east": "e", "west": "w",
	"apartment": "apt", "suite": "ste", "unit": "unit", "number": "#",
}

func normalizeStreet(s string) string {
	words := strings.Fields(normalizeText(s))
	for i, w := range words {
		if a, ok := streetWords[w]; ok {
			words[i] = a
		}
	}
	return strings.Join(words, " ")
}

// timeKey orders moments as bytes; moments before 1970 sort first.
func timeKey(t time.Time) []byte {
	n := t.UnixNano()
	if t.Before(time.Unix(0, 0)) || n < 0 {
		n = 0
	}
	return binary.BigEndian.AppendUint64(nil, uint64(n))
}
