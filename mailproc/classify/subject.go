package classify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// The subject phrases of SPEC §1, normalised, as the kinds' rows in
// package cases give them.
var (
	californiaPhrase = Normalize(cases.KindOf(cases.California).Subject)
	coppaPhrase      = Normalize(cases.KindOf(cases.Coppa).Subject)

	// The two phrases ready for the approximate match (near).
	californiaBits = mustBitPattern(californiaPhrase)
	coppaBits      = mustBitPattern(coppaPhrase)
)

// RequestLine is the body phrase of SPEC §3, normalised.
const RequestLine = "california privacy rights request"

// NearMissDistance is how many edits a subject may be from a phrase and
// still count as a near miss.
const NearMissDistance = 3

// Subject is what a subject line says.
type Subject struct {
	California     bool // holds the california phrase
	Coppa          bool // holds the coppa phrase
	NearCalifornia bool // comes close to the california phrase without holding it
	NearCoppa      bool // comes close to the coppa phrase without holding it
}

// Both reports whether the subject holds both phrases.
func (s Subject) Both() bool { return s.California && s.Coppa }

// Request reports whether the subject holds at least one phrase exactly.
func (s Subject) Request() bool { return s.California || s.Coppa }

// NearMiss reports whether the subject comes close to a phrase it does not
// hold.
func (s Subject) NearMiss() bool { return s.NearCalifornia || s.NearCoppa }

// ClassifySubject reads a decoded subject line.
func ClassifySubject(subject string) Subject {
	n := Normalize(subject)
	s := Subject{
		California: strings.Contains(n, californiaPhrase),
		Coppa:      strings.Contains(n, coppaPhrase),
	}
	s.NearCalifornia = !s.California && nearCalifornia(n)
	s.NearCoppa = !s.Coppa && nearCoppa(n)
	return s
}

func nearCalifornia(n string) bool {
	if strings.Contains(n, "shine the light") {
		return true
	}
	if strings.Contains(n, "california") && strings.Contains(n, "privacy") {
		return true
	}
	return near(n, californiaBits)
}

func nearCoppa(n string) bool {
	return hasWord(n, "coppa") || near(n, coppaBits)
}

// maxNearRunes bounds how much of a subject the approximate match reads:
// no real subject is longer, and a huge one must not cost seconds.
const maxNearRunes = 4096

// near reports whether the phrase made ready as bits comes within
// NearMissDistance of a part of n.
func near(n string, bits *bitPattern) bool {
	return bits.distance(n, maxNearRunes, NearMissDistance) <= NearMissDistance
}

// hasWord reports whether w stands in n with no letter or digit touching it.
func hasWord(n, w string) bool {
	for i := 0; i <= len(n); {
		j := strings.Index(n[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(n[:start])
		after, _ := utf8.DecodeRuneInString(n[end:])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		i = start + 1
	}
	return false
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// HasRequestLine reports whether a first line of text says
// "California Privacy Rights Request".
func HasRequestLine(firstLine string) bool {
	return strings.Contains(Normalize(firstLine), RequestLine)
}
