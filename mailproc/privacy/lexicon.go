package privacy

import (
	"bufio"
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
)

// The phrase lists, one file per language (lang/en.txt, lang/de.txt …).
//
//go:embed lang/*.txt
var langFiles embed.FS

// Languages are the languages whose phrases the detector knows, as the
// names of their files.
var Languages = []string{"de", "en", "es", "fr", "it", "nl", "pt"}

// role is what a phrase tells about the sentence it is in.
type role string

// The sections of a language file: each names a role.
const (
	roleLaw      role = "law"      // names a law: GDPR, CCPA … (with its Law)
	roleHint     role = "hint"     // names a law, but is too ambiguous to make a request (AVG, CPA)
	roleRight    role = "right"    // asks for a right: "delete", "copy of" (with its right)
	roleNamed    role = "named"    // names a right: "right of access", "Do Not Sell" (right or "any"; Law optional)
	roleData     role = "data"     // personal data itself: "personal data", "datos personales"
	roleWeak     role = "weak"     // data, but only when it is clearly the writer's: "data", "information"
	roleMy       role = "my"       // a possessive before the data: "my", "mes", "meine"
	roleOwner    role = "owner"    // whose the data is, near it: "about me", "me concernant"
	roleHeld     role = "held"     // data the company holds, said by someone who writes "I": "you hold"
	roleAgent    role = "agent"    // someone writes for another: "on behalf of my client"
	roleAsk      role = "ask"      // asks: "please", "could you", "bitte"
	roleI        role = "i"        // the writer speaks: "I", "je", "ich", "solicito"
	roleQuestion role = "question" // opens a question for information: "do you", "how do you"
	roleBulk     role = "bulk"     // marketing, vendors, newsletters: "book a demo", "data processing agreement"
	roleThing    role = "thing"    // what support mail deletes or corrects that is not personal data: "account", "order"
	roleArticle  role = "article"  // "article", "art", before a GDPR article number
	roleNegation role = "negation" // right before a right's phrase, says the opposite: "don't delete"
	roleSpelling role = "spelling" // "variant = word": a misspelling read as the word
)

var roles = []role{roleLaw, roleHint, roleRight, roleNamed, roleData, roleWeak, roleMy, roleOwner, roleHeld,
	roleAgent, roleAsk, roleI, roleQuestion, roleBulk, roleThing, roleArticle, roleNegation, roleSpelling}

// anyRight is the right of a phrase that makes a request without saying
// which right ("exercise my rights", "GDPR request").
const anyRight = "any"

// phrase is one line of a language file.
type phrase struct {
	// words are as words() gives them; "*" stands for up to maxGap words,
	// and "a|b" for either word.
	words []string
	// pattern is words as matchAt reads them: each position's words, nil
	// for "*".
	pattern [][]string
	text    string // as written in the file, for the evidence
	role    role
	right   string // roleRight and roleNamed
	law     Law    // roleLaw, roleHint, and roleNamed when the right is a law's own
	// whole: this phrase alone is a request ("opt me out", "withdraw my
	// consent"); it needs no data named beside it.
	whole bool
	// inQuestion: it asks even inside a question ("have you sold").
	inQuestion bool
	lang       string
}

// maxGap is how many words a "*" in a phrase may stand for.
const maxGap = 6

// lexicon is every language's phrases, indexed by their first word.
type lexicon struct {
	byFirst map[string][]*phrase
	// firsts has a bit set for each phrase's first word (see firstKey):
	// a word whose bit is clear starts no phrase, and is passed over
	// without looking it up.
	firsts   [firstBits / 64]uint64
	spelling map[string]string
	perLang  map[string][]*phrase
}

// loadLexicon reads the embedded language files.
func loadLexicon() (*lexicon, error) {
	lx := &lexicon{byFirst: map[string][]*phrase{}, spelling: map[string]string{}, perLang: map[string][]*phrase{}}
	for _, lang := range Languages {
		name := path.Join("lang", lang+".txt")
		b, err := langFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		ps, spell, err := parseLang(lang, string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for k, v := range spell {
			lx.spelling[k] = v
		}
		lx.perLang[lang] = ps
	}
	lx.index()
	return lx, nil
}

// index makes every phrase's pattern, in which each word also stands for
// its misspellings (a misspelling one language lists is read as its word
// in every language's phrases), and indexes the phrases by each word they
// may start with.
func (lx *lexicon) index() {
	variants := map[string][]string{}
	for v, w := range lx.spelling {
		variants[w] = append(variants[w], v)
	}
	for w := range variants {
		slices.Sort(variants[w])
	}
	for _, lang := range Languages {
		for _, p := range lx.perLang[lang] {
			p.pattern = make([][]string, len(p.words))
			for i, w := range p.words {
				if w == "*" {
					continue
				}
				alts := strings.Split(w, "|")
				for j, a := range alts {
					if canon, ok := lx.spelling[a]; ok {
						alts[j] = canon // a phrase written misspelt
					}
				}
				for _, a := range slices.Clone(alts) {
					alts = append(alts, variants[a]...)
				}
				p.pattern[i] = alts
			}
			for _, first := range p.pattern[0] {
				lx.byFirst[first] = append(lx.byFirst[first], p)
				k := firstKey(first)
				lx.firsts[k/64] |= 1 << (k % 64)
			}
		}
	}
}

// parseLang reads one language file: "[role args]" heads a section; each
// other line is a phrase, "!" before it when it is a request by itself,
// "?" when it asks even in a question; "#" starts a comment line.
func parseLang(lang, src string) ([]*phrase, map[string]string, error) {
	var out []*phrase
	spell := map[string]string{}
	var head *phrase
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			h, err := parseHead(line)
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %w", n, err)
			}
			h.lang, head = lang, h
			continue
		}
		if head == nil {
			return nil, nil, fmt.Errorf("line %d: a phrase before any [section]", n)
		}
		if head.role == roleSpelling {
			if err := addSpelling(spell, line); err != nil {
				return nil, nil, fmt.Errorf("line %d: %w", n, err)
			}
			continue
		}
		p, err := parsePhrase(*head, line)
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, p)
	}
	return out, spell, sc.Err()
}

// parseHead reads "[right deletion]", "[named access us-state]", "[data]".
func parseHead(line string) (*phrase, error) {
	f := strings.Fields(strings.Trim(line, "[]"))
	if !strings.HasSuffix(line, "]") || len(f) == 0 || !slices.Contains(roles, role(f[0])) {
		return nil, fmt.Errorf("%q: not a known [section]", line)
	}
	h := &phrase{role: role(f[0])}
	args := f[1:]
	switch h.role {
	case roleRight, roleNamed:
		if len(args) == 0 || !validRight(args[0], h.role) {
			return nil, fmt.Errorf("%q: names no right", line)
		}
		h.right, args = args[0], args[1:]
	}
	switch h.role {
	case roleLaw, roleHint, roleNamed:
		if len(args) > 0 {
			h.law, args = Law(args[0]), args[1:]
		}
		if (h.role != roleNamed || h.law != "") && h.law != GDPR && h.law != USState {
			return nil, fmt.Errorf("%q: the law must be gdpr or us-state", line)
		}
	}
	if len(args) > 0 {
		return nil, fmt.Errorf("%q: %q is too much", line, strings.Join(args, " "))
	}
	return h, nil
}

// soldRight is the right of "have you sold my data": access, unless the
// same sentence opts out of the sale.
const soldRight = "sold"

func validRight(r string, ro role) bool {
	return slices.Contains(Rights, r) || r == soldRight || (ro == roleNamed || ro == roleRight) && r == anyRight
}

func parsePhrase(head phrase, line string) (*phrase, error) {
	p := head
	p.text = line
	if head.role == roleRight {
		p.whole = strings.HasPrefix(line, "!")
		p.inQuestion = strings.HasPrefix(line, "?")
		line = strings.TrimLeft(line, "!?")
	}
	for _, w := range strings.Fields(line) {
		switch {
		case w == "*":
			p.words = append(p.words, w)
		case strings.Contains(w, "|"):
			alt, err := alternatives(w)
			if err != nil {
				return nil, fmt.Errorf("%q: %w", p.text, err)
			}
			p.words = append(p.words, alt)
		default:
			p.words = append(p.words, words(w)...)
		}
	}
	switch {
	case len(p.words) == 0:
		return nil, fmt.Errorf("%q: no words", p.text)
	case p.words[0] == "*" || p.words[len(p.words)-1] == "*":
		return nil, fmt.Errorf("%q: a phrase cannot start or end with *", p.text)
	}
	p.text = strings.TrimLeft(p.text, "!?")
	return &p, nil
}

// alternatives reads "delete|erase|remove": each one word.
func alternatives(w string) (string, error) {
	var out []string
	for _, a := range strings.Split(w, "|") {
		ws := words(a)
		if len(ws) != 1 {
			return "", fmt.Errorf("%q in %q: each of a|b must be one word", a, w)
		}
		out = append(out, ws[0])
	}
	return strings.Join(out, "|"), nil
}

// addSpelling reads "variant = word".
func addSpelling(spell map[string]string, line string) error {
	from, to, ok := strings.Cut(line, "=")
	f, t := words(from), words(to)
	if !ok || len(f) != 1 || len(t) != 1 {
		return fmt.Errorf("%q: a spelling is one word = one word", line)
	}
	spell[f[0]] = t[0]
	return nil
}

// firstBits is the size of lexicon.firsts.
const firstBits = 1 << 16

// firstKey is where a word's bit is in lexicon.firsts: its length and its
// first two bytes.
func firstKey(w string) uint32 {
	k := uint32(len(w)) * 0x9e3779b1
	if len(w) > 0 {
		k ^= uint32(w[0]) << 8
	}
	if len(w) > 1 {
		k ^= uint32(w[1])
	}
	return k % firstBits
}

// mayStart reports whether a word may be the first of a phrase.
func (lx *lexicon) mayStart(w string) bool {
	k := firstKey(w)
	return lx.firsts[k/64]&(1<<(k%64)) != 0
}
