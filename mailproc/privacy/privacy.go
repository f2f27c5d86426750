// Package privacy recognises mail that asks to exercise a data-protection
// right over the writer's own personal data (or a client's): access,
// deletion, correction, portability, restriction, objection, opting out of
// sale or sharing, withdrawing consent — under the GDPR and its national
// names (UK GDPR, DSGVO, RGPD, AVG), the CCPA and the other US state laws,
// or none named (SPEC §10). It reads English, Spanish, French, German,
// Italian, Dutch and Portuguese from phrase lists embedded in the binary
// (lang/*.txt); it does no I/O and needs no network or model.
//
// A request needs both something asked or exercised ("please send",
// "I object", "löschen Sie") and the writer's own personal data or a named
// law or right as its object. Mail about an account or an order alone, an
// unsubscribe, a sales pitch or a vendor's agreement that names a law, and
// a question how data is handled are not requests.
package privacy

import (
	"slices"
	"sort"
	"strings"
)

// Law is the law a request is read under (SPEC §10).
type Law string

// The laws a request can name.
const (
	GDPR    Law = "gdpr"     // the GDPR, UK GDPR and their national names
	USState Law = "us-state" // the CCPA/CPRA and the other US state privacy laws
	Unknown Law = "unknown"  // none named
)

// The rights a request can ask for (SPEC §10).
const (
	Access            = "access"
	ConsentWithdrawal = "consent-withdrawal"
	Correction        = "correction"
	Deletion          = "deletion"
	Objection         = "objection"
	OptOut            = "opt-out"
	Portability       = "portability"
	Restriction       = "restriction"
)

// Rights lists every right, sorted.
var Rights = []string{Access, ConsentWithdrawal, Correction, Deletion, Objection, OptOut, Portability, Restriction}

// MaxTextChars is how much of a message's text is read: its start holds a
// request, and the rest of a long mail (a quoted thread, a newsletter)
// would only add look-alikes. MaxSubjectChars bounds the subject the same
// way (a subject is a line; one of a megabyte is an attack).
const (
	MaxTextChars    = 2000
	MaxSubjectChars = 500
)

// Finding is what Detect read from one message.
type Finding struct {
	// Request: the message asks to exercise a right.
	Request bool
	// Law is "" when the message is not a request.
	Law Law
	// Rights are those asked for, sorted; empty when not a request or
	// when it is unclear which.
	Rights []string
	// Evidence names the phrases that decided it (the lexicon's words,
	// never the sender's), for the case history.
	Evidence string
}

var lex = mustLoad()

func mustLoad() *lexicon {
	lx, err := loadLexicon()
	if err != nil {
		panic("privacy: the embedded phrase lists are broken: " + err.Error())
	}
	return lx
}

// Detect reads a message's subject (its first MaxSubjectChars characters)
// and the first MaxTextChars characters of its text (quoted replies and signatures already dropped) and says
// whether it is a privacy-rights request, under which law and for which
// rights.
func Detect(subject, text string) Finding {
	d := read(lex, firstChars(subject, MaxSubjectChars), firstChars(text, MaxTextChars))
	rights, ok := d.asked()
	if !ok {
		return Finding{Rights: []string{}}
	}
	return Finding{Request: true, Law: d.law(), Rights: rights, Evidence: d.evidence()}
}

// firstChars cuts s after n characters.
func firstChars(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// sortedRights returns the rights of a set, sorted, never nil.
func sortedRights(set map[string]bool) []string {
	out := []string{}
	for r := range set {
		if slices.Contains(Rights, r) {
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}

// quoted joins phrases for the evidence: "copy of", "about me".
func quoted(ps []string) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + p + `"`)
	}
	return b.String()
}
