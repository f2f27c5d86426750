package privacy

import "strconv"

// ownSpan is how far (in words) a whose-phrase ("about me") may stand from
// the data it qualifies, and possessiveSpan how far a possessive ("my")
// may stand before it ("my stored personal data").
const (
	ownSpan        = 6
	possessiveSpan = 2
	thingSpan      = 3
)

func (s *sent) has(r role) bool {
	for _, h := range s.hits {
		if h.p.role == r {
			return true
		}
	}
	return false
}

func (s *sent) of(r role) []hit {
	var out []hit
	for _, h := range s.hits {
		if h.p.role == r {
			out = append(out, h)
		}
	}
	return out
}

// namesLaw reports whether the sentence names a law (not merely hints at
// one, like "AVG").
func (s *sent) namesLaw() bool {
	for _, h := range s.hits {
		if h.p.law != "" && h.p.role != roleHint {
			return true
		}
	}
	return false
}

// infoQuestion reports whether the sentence is a question for information ("do
// you keep my data?") rather than a request ("could you delete my data?").
func (s *sent) infoQuestion() bool {
	if !s.question || s.has(roleAsk) {
		return false
	}
	for _, h := range s.of(roleQuestion) {
		if h.start <= 1 {
			return true
		}
	}
	return false
}

// asked returns the rights this sentence asks for ("any" when it asks
// without saying which), and records why in the doc.
func (s *sent) asked(d *doc) []string {
	if !s.has(roleRight) && !s.has(roleNamed) && !s.has(roleArticle) {
		return nil
	}
	speaks := s.has(roleI) || s.has(roleAsk) || s.subject && d.speaks && !d.bulk
	if d.bulk && !speaks {
		return nil
	}
	infoQ := s.infoQuestion()
	strong, weak, data := s.ownData(d)
	set := map[string]bool{}
	for _, h := range s.of(roleRight) {
		switch {
		case h.p.right == soldRight && s.subject:
			continue // "Sharing of my data" names a topic, not a question
		case h.p.right == soldRight && s.negated(h):
			h.p = &phrase{text: h.p.text, role: roleRight, right: OptOut} // "don't sell my data"
		case infoQ && !h.p.inQuestion || s.negated(h):
			continue
		}
		if why, ok := s.rightHolds(d, h, strong, weak, data); ok {
			set[h.p.right] = true
			d.because(h.p.right, quoted([]string{h.p.text})+why)
		}
	}
	if !infoQ && (speaks || s.has(roleMy) || d.agent) {
		for _, h := range s.of(roleNamed) {
			set[h.p.right] = true
			d.because(h.p.right, "names "+quoted([]string{h.p.text}))
		}
		if d.law() == GDPR {
			for _, r := range s.articles() {
				set[r] = true
				d.because(r, "names a GDPR article")
			}
		}
	}
	return settle(set)
}

// settle resolves the rights one sentence gave: "have you sold my data"
// asks for access unless the sentence asks something else about the sale
// (opting out, withdrawing consent to it); sending data in a portable
// format is portability, not also access.
func settle(set map[string]bool) []string {
	if set[soldRight] {
		delete(set, soldRight)
		if len(set) == 0 {
			set[Access] = true
		}
	}
	if set[Portability] {
		delete(set, Access)
	}
	var out []string
	for r := range set {
		out = append(out, r)
	}
	return out
}

// negated reports whether a right's phrase follows a negation ("please
// don't delete my data yet").
func (s *sent) negated(h hit) bool {
	for _, n := range s.of(roleNegation) {
		if n.end == h.start {
			return true
		}
	}
	return false
}

// rightHolds reports whether a right's phrase asks for something here,
// and why: it is a request by itself, or its object is the writer's own
// personal data (data says which), or a law is named beside it by someone
// who speaks for himself or a client.
func (s *sent) rightHolds(d *doc, h hit, strong, weak bool, data string) (string, bool) {
	switch {
	case h.p.whole:
		return " (a request by itself)", true
	case strong, weak && h.p.right != Correction:
		return data, true
	case s.lawNear && !d.bulk && !s.aboutThing(h) && (s.has(roleI) || s.has(roleMy) || d.agent || s.subject):
		return " with a law named", true
	}
	return "", false
}

// ownData reports whether the sentence names the writer's own personal
// data (strong: "my personal data", "datos personales sobre mí") or own
// data in general words (weak: "my data", "meine Daten"), and says which
// phrases said so.
func (s *sent) ownData(d *doc) (strong, weak bool, why string) {
	for _, dh := range append(s.of(roleData), s.of(roleWeak)...) {
		by := s.whose(d, dh)
		if by == "" {
			continue
		}
		if why == "" {
			why = " about " + quoted([]string{dh.p.text}) + " (" + by + ")"
		}
		if dh.p.role == roleData {
			strong = true
		} else {
			weak = true
		}
	}
	return strong, weak, why
}

// whose says what makes the data at dh the writer's (or a client's), or ""
// when nothing does.
func (s *sent) whose(d *doc, dh hit) string {
	for _, t := range s.of(roleThing) {
		if t.end == dh.start {
			return "" // "account data", "order information": not personal data as such
		}
	}
	for _, m := range s.of(roleMy) {
		if m.end <= dh.start && dh.start-m.end <= possessiveSpan {
			return quoted([]string{m.p.text})
		}
	}
	for _, o := range s.of(roleOwner) {
		if o.start >= dh.end && o.start-dh.end <= ownSpan || o.end <= dh.start && dh.start-o.end <= ownSpan {
			return quoted([]string{o.p.text})
		}
	}
	if d.bulk {
		return ""
	}
	for _, h := range s.of(roleHeld) {
		if h.start >= dh.end && h.start-dh.end <= ownSpan && s.has(roleI) {
			return quoted([]string{h.p.text})
		}
	}
	if d.agent && dh.p.role == roleData {
		return "for a client"
	}
	return ""
}

// aboutThing reports whether a right's phrase is about an account, an
// order or the like ("delete my account") rather than about data.
func (s *sent) aboutThing(h hit) bool {
	for _, t := range s.of(roleThing) {
		if t.start >= h.end && t.start-h.end <= thingSpan {
			return true
		}
	}
	return false
}

// articleRights are the rights of the GDPR's articles.
var articleRights = map[string]string{
	"15": Access, "16": Correction, "17": Deletion, "18": Restriction,
	"19": anyRight, "20": Portability, "21": Objection, "22": Objection,
}

// articleJoins may stand between article numbers: "Art. 15 and 17".
var articleJoins = map[string]bool{"and": true, "und": true, "et": true, "y": true, "e": true, "en": true, "or": true, "oder": true, "ou": true, "o": true, "of": true, "bis": true, "to": true, "ff": true}

// articles returns the rights of the GDPR articles the sentence names
// ("Art. 17", "article 7(3)", "Artikel 15 und 20"); the caller knows the
// law is the GDPR.
func (s *sent) articles() []string {
	var out []string
	for _, a := range s.of(roleArticle) {
		for i := a.end; i < len(s.words) && i < a.end+6; i++ {
			w := s.words[i]
			if r, ok := articleRights[w]; ok {
				out = append(out, r)
				continue
			}
			if w == "7" && i+1 < len(s.words) && s.words[i+1] == "3" {
				out = append(out, ConsentWithdrawal)
				i++
				continue
			}
			if _, err := strconv.Atoi(w); err != nil && !articleJoins[w] {
				break
			}
		}
	}
	return out
}
