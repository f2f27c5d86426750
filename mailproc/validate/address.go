package validate

import (
	"regexp"
	"strings"
	"unicode"
)

// place is the city, state and ZIP code at the end of a US address.
type place struct {
	City, State, ZIP string
}

// maxStateWords is the longest state name in words ("Northern Mariana Islands").
const maxStateWords = 4

// splitPlace reads "City, ST 12345", "City ST 12345-6789" or
// "City, California 12345" at the end of s. It returns what stands before
// the city's part (the street, for a one-line address) and the place. The
// city is what follows the last comma before the state, or everything
// before the state when there is no comma.
func splitPlace(s string) (before string, p place, ok bool) {
	words := dropCountry(strings.Fields(strings.TrimRight(s, " .;")))
	if len(words) < 2 {
		return "", p, false
	}
	zip, ok := ParseZIP(strings.TrimRight(words[len(words)-1], ".,"))
	if !ok {
		return "", p, false
	}
	rest := words[:len(words)-1]
	for k := min(maxStateWords, len(rest)); k >= 1; k-- {
		cand := strings.Join(rest[len(rest)-k:], " ")
		code, ok := ParseState(cand)
		if !ok || strings.HasPrefix(cand, ",") {
			continue
		}
		head := strings.TrimRight(strings.Join(rest[:len(rest)-k], " "), " ,")
		before, city := splitLastComma(head)
		if !cityLike(city) {
			continue
		}
		return before, place{City: city, State: code, ZIP: zip}, true
	}
	return "", p, false
}

func splitLastComma(s string) (before, last string) {
	i := strings.LastIndexByte(s, ',')
	if i < 0 {
		return "", strings.TrimSpace(s)
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
}

// cityLike reports whether s can be a city's name: letters, spaces and a
// little punctuation, no digits.
func cityLike(s string) bool {
	if s == "" || len([]rune(s)) > 40 {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '.' || r == '-' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters >= 2
}

var (
	streetStart = regexp.MustCompile(`(?i)^(\d+[a-z]?(\s*[-/½]\s*\d*)?\s+\S|p\.?\s*o\.?\s*box\b|post office box\b|one\s|two\s|rural route\b|rr\s*\d|hc\s*\d)`)
	unitLine    = regexp.MustCompile(`(?i)^(apt|apartment|unit|suite|ste|#|floor|fl|bldg|building|room|rm|space|lot)\b\.?\s*\S`)
)

// streetLike reports whether a line looks like a street line ("1820 Garden
// Street", "PO Box 12").
func streetLike(s string) bool {
	return len([]rune(s)) <= 80 && streetStart.MatchString(s)
}

// unitLike reports whether a line looks like a second address line.
func unitLike(s string) bool {
	return len([]rune(s)) <= 40 && (unitLine.MatchString(s) || strings.HasPrefix(s, "#"))
}

var closing = regexp.MustCompile(`(?i)^(thanks|thank you|regards|best|sincerely|cheers|cordially|respectfully|yours|kind regards|warm regards|best regards|many thanks|merci|gracias|sent from)\b`)

// nameLike reports whether a line can be a person's name standing alone
// above an address.
func nameLike(s string) bool {
	n := len([]rune(s))
	if n < 3 || n > 60 || len(strings.Fields(s)) > 6 || closing.MatchString(s) || isSalutation(s) {
		return false
	}
	if strings.HasSuffix(s, ":") || strings.HasSuffix(s, ",") {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ' || r == '.' || r == '-' || r == '\'' || r == '’' || r == ',':
		default:
			return false
		}
	}
	return letters >= 2
}

// oneLine is a whole address on one line.
type oneLine struct {
	Street string
	place
}

// splitOneLine reads "2150 Shattuck Ave, Berkeley, CA 94704": a street
// (with any second line: "3901 E Ocean Blvd, Unit 12"), a city, a state and
// a ZIP code.
func splitOneLine(s string) (oneLine, bool) {
	before, p, ok := splitPlace(s)
	if !ok || before == "" || !streetLike(before) {
		return oneLine{}, false
	}
	return oneLine{Street: before, place: p}, true
}

// dropCountry removes a trailing "USA", "US" or "United States".
func dropCountry(words []string) []string {
	for _, c := range [][]string{{"united", "states", "of", "america"}, {"united", "states"}, {"usa"}, {"us"}, {"u.s.a."}, {"u.s."}} {
		n := len(c)
		if len(words) <= n+1 {
			continue
		}
		tail := words[len(words)-n:]
		match := true
		for i := range c {
			if strings.ToLower(strings.Trim(tail[i], ",.")) != strings.Trim(c[i], ".") {
				match = false
				break
			}
		}
		if match {
			return words[:len(words)-n]
		}
	}
	return words
}
