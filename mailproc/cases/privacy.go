package cases

import (
	"strings"
	"time"
)

// The laws a privacy case is read under (SPEC §10), as package privacy
// names them.
const (
	LawGDPR    = "gdpr"
	LawUSState = "us-state"
	LawUnknown = "unknown"
)

// USStateDays is the answer period of the CCPA regulations (11 CCR § 7021)
// and the other US state privacy laws.
const USStateDays = 45

// PrivacyDue returns the last moment of the day by which a privacy request
// received at received must be answered, in the company's time zone: under
// a US state law 45 days counted from the day after receipt; under the GDPR
// (Art. 12(3)), and when no law is named (the stricter), one month: the
// same day of the next month, or that month's last day when it has none
// (received 31 January, due 28 February, or 29 in a leap year).
func PrivacyDue(received time.Time, law string, loc *time.Location) time.Time {
	if law == LawUSState {
		return Due(received, USStateDays, loc)
	}
	r := received.In(loc)
	first := time.Date(r.Year(), r.Month()+1, 1, 0, 0, 0, 0, loc)
	lastDay := first.AddDate(0, 1, -1).Day()
	day := time.Date(first.Year(), first.Month(), min(r.Day(), lastDay), 0, 0, 0, 0, loc)
	return day.AddDate(0, 0, 1).Add(-time.Second)
}

// lawWords name the laws for people.
var lawWords = map[string]string{LawGDPR: "GDPR", LawUSState: "US state law", LawUnknown: "Privacy"}

// rightWords name the rights for people.
var rightWords = map[string]string{
	"access": "access", "deletion": "deletion", "correction": "correction", "portability": "portability",
	"restriction": "restriction", "objection": "objection", "opt-out": "opt-out", "consent-withdrawal": "consent withdrawal",
}

// PrivacyWords names a privacy request in plain words: "GDPR access
// request", "US state law deletion and opt-out request", "Privacy access
// request (no law named)", "GDPR request (right unclear)".
func PrivacyWords(law string, rights []string) string {
	name, ok := lawWords[law]
	if !ok {
		name = lawWords[LawUnknown]
	}
	var rs []string
	for _, r := range rights {
		if w, ok := rightWords[r]; ok {
			rs = append(rs, w)
		}
	}
	out := name + " request"
	if len(rs) > 0 {
		out = name + " " + andList(rs) + " request"
	}
	switch {
	case len(rs) == 0:
		out += " (right unclear)"
	case name == lawWords[LawUnknown]:
		out += " (no law named)"
	}
	return out
}

// PrivacyDueWords is PrivacyWords with the due date: "GDPR access
// request, due 4 April".
func PrivacyDueWords(law string, rights []string, due time.Time, loc *time.Location) string {
	return PrivacyWords(law, rights) + ", due " + due.In(loc).Format("2 January")
}

// andList joins words as English does: "a", "a and b", "a, b and c".
func andList(ws []string) string {
	if len(ws) <= 1 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}
