package classify

import "strings"

// phraseSet finds any of many phrases in a text in one pass: a table of
// the phrases' first two bytes says where one may start, and only there
// are the phrases with those first bytes compared. Phrases are compared as
// given (normalise both sides first). It is built once and only read.
type phraseSet struct {
	starts  [1 << 16]bool
	byStart map[uint16][]string
}

func newPhraseSet(phrases []string) *phraseSet {
	s := &phraseSet{byStart: map[uint16][]string{}}
	for _, p := range phrases {
		if len(p) < 2 {
			panic("classify: phrase " + p + " is shorter than two bytes")
		}
		k := pair(p, 0)
		s.starts[k] = true
		s.byStart[k] = append(s.byStart[k], p)
	}
	return s
}

func pair(s string, i int) uint16 { return uint16(s[i])<<8 | uint16(s[i+1]) }

// find returns the first phrase that text holds (the one that starts
// first), or "".
func (s *phraseSet) find(text string) string {
	for i := 0; i+1 < len(text); i++ {
		k := pair(text, i)
		if !s.starts[k] {
			continue
		}
		for _, p := range s.byStart[k] {
			if strings.HasPrefix(text[i:], p) {
				return p
			}
		}
	}
	return ""
}
