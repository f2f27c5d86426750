package privacy

import (
	"slices"
	"sort"
	"strings"
)

// doc is a message as the detector reads it: the subject and the text's
// sentences with the phrases found in each, and what holds for the whole.
type doc struct {
	sents []*sent // the subject first, when there is one
	// bulk: marketing, a vendor, a newsletter (a sentence must then speak
	// for itself: "I", "please").
	bulk bool
	// agent: someone writes for another person (a lawyer, a parent).
	agent bool
	// speaks: the writer says "I", "my" or "please" somewhere.
	speaks bool
	// named is the law the message names (see law).
	named Law
	// why says, per right, what made the request.
	why map[string]string
}

// sent is one sentence (or the subject) and the phrases in it.
type sent struct {
	words    []string
	hits     []hit
	question bool
	subject  bool
	// lawNear: a law is named in this sentence, the one before, or the
	// subject.
	lawNear bool
}

func read(lx *lexicon, subject, text string) *doc {
	d := &doc{why: map[string]string{}}
	if ws := words(subject); len(ws) > 0 {
		d.sents = append(d.sents, &sent{words: ws, subject: true, question: strings.HasSuffix(strings.TrimSpace(subject), "?")})
	}
	for _, s := range sentences(text) {
		d.sents = append(d.sents, &sent{words: s.words, question: s.question})
	}
	for _, s := range d.sents {
		s.hits = lx.find(s.words)
		d.bulk = d.bulk || s.has(roleBulk)
		d.agent = d.agent || s.has(roleAgent)
		d.speaks = d.speaks || !s.subject && (s.has(roleI) || s.has(roleMy) || s.has(roleAsk) || s.has(roleOwner))
	}
	d.markLawNear()
	d.named = d.findLaw()
	return d
}

// markLawNear marks the sentences a named law stands near.
func (d *doc) markLawNear() {
	inSubject := len(d.sents) > 0 && d.sents[0].subject && d.sents[0].namesLaw()
	for i, s := range d.sents {
		s.lawNear = inSubject || s.namesLaw() || i > 0 && d.sents[i-1].namesLaw()
	}
}

// asked returns the rights the message asks for, and whether it asks at
// all (a request may leave unclear which right).
func (d *doc) asked() ([]string, bool) {
	set := map[string]bool{}
	ok := false
	for _, s := range d.sents {
		if rights := s.asked(d); len(rights) > 0 {
			ok = true
			for _, r := range rights {
				set[r] = true
			}
		}
	}
	if !ok {
		return nil, false
	}
	if d.law() == GDPR {
		for _, s := range d.sents {
			for _, r := range s.articles() {
				set[r] = true
			}
		}
	}
	return sortedRights(set), true
}

// law is the law the message names: the GDPR (the stricter deadline) when
// it names European and US law both.
func (d *doc) law() Law { return d.named }

func (d *doc) findLaw() Law {
	var gdpr, us bool
	for _, s := range d.sents {
		for _, h := range s.hits {
			gdpr = gdpr || h.p.law == GDPR
			us = us || h.p.law == USState
		}
	}
	switch {
	case gdpr:
		return GDPR
	case us:
		return USState
	}
	return Unknown
}

// evidence says which phrases made the request, and which named the law.
func (d *doc) evidence() string {
	var laws []string
	for _, s := range d.sents {
		for _, h := range s.hits {
			if h.p.law != "" && !slices.Contains(laws, h.p.text) {
				laws = append(laws, h.p.text)
			}
		}
	}
	var rights []string
	for r := range d.why {
		rights = append(rights, r)
	}
	sort.Strings(rights)
	var asks []string
	for _, r := range rights {
		asks = append(asks, r+": "+d.why[r])
	}
	out := "asks " + strings.Join(asks, "; ")
	if len(laws) > 0 {
		out += "; law: " + quoted(laws)
	}
	return out
}

// because records the first reason found for a right.
func (d *doc) because(right, what string) {
	if _, ok := d.why[right]; !ok {
		d.why[right] = what
	}
}
