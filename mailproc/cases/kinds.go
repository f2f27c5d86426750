package cases

import (
	"strings"
	"time"
)

// KindInfo is what every part of mailproc knows of one kind of case: a row
// of the table the daemon, the console, the command line and the reports
// read. A new kind of request is a new row (and its answers in answers.go
// and its reasons in reasons.go), not a search through every switch.
type KindInfo struct {
	Kind  Kind
	Words string // for people: "California “Shine the Light” request"
	// Request: a kind of legal request. Reports count it, and closing one
	// without an answer is a denial.
	Request bool
	// NoDue: mail of this kind carries no legal due date: it is never
	// overdue and never in the digest's "due soon".
	NoDue bool
	// Reclassify: staff may give a case this kind.
	Reclassify bool
	// StaffClose: no template answers it; staff do what is asked in the
	// company's systems, then close the case with one of Closings.
	StaffClose bool
}

// kindTable lists the kinds in the order they are offered.
var kindTable = []KindInfo{
	{Kind: California, Words: "California “Shine the Light” request (Cal. Civ. Code § 1798.83)", Request: true, Reclassify: true},
	{Kind: Coppa, Words: "COPPA request (16 CFR Part 312)", Request: true, Reclassify: true},
	{Kind: Privacy, Words: "privacy-rights request (GDPR, a US state law, or none named)", Request: true, Reclassify: true, StaffClose: true},
	{Kind: Other, Words: "not a request, or not yet known", Reclassify: true},
	{Kind: Automated, Words: "machine mail (an auto-reply, a bounce, a list)", NoDue: true},
}

// Kinds lists every kind, in the order they are offered.
func Kinds() []KindInfo { return append([]KindInfo(nil), kindTable...) }

// KindOf returns a kind's row; an unknown kind gets a row of its own name
// that is not a request.
func KindOf(k Kind) KindInfo {
	for _, r := range kindTable {
		if r.Kind == k {
			return r
		}
	}
	return KindInfo{Kind: k, Words: string(k)}
}

// LegalDue is the case's due date, or the zero time for mail that carries
// none (machine mail, SPEC §2: never answered, so never late).
func (c *Case) LegalDue() time.Time {
	if KindOf(c.Kind).NoDue {
		return time.Time{}
	}
	return c.Due
}

// ACase says "a case of this kind" as a sentence does: "a california
// case", "an other case", "an automated case".
func ACase(k Kind) string {
	words := string(k) + " case"
	if strings.ContainsRune("aeiou", rune(words[0])) {
		return "an " + words
	}
	return "a " + words
}
