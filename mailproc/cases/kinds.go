package cases

import (
	"strings"
	"time"
)

// KindInfo is what every part of mailproc knows of one kind of case: a row
// of the table the daemon, the console, the command line and the reports
// read. A new kind of request is a new row (and its answers, with the
// state after each, in answers.go, its reasons in reasons.go), plus the
// rules that read its fields, not a search through every switch.
type KindInfo struct {
	Kind  Kind
	Words string // for people: "California “Shine the Light” request"
	// Subject is the subject line that makes mail a request of this kind
	// (SPEC §1), as the law words it; package classify finds it, in any
	// case and spacing. "" for a kind no subject names.
	Subject string
	// Request: a kind of legal request. Reports count it, and closing one
	// without an answer is a denial.
	Request bool
	// DueDays is how long a case of this kind has to be answered, in days
	// counted from the day after receipt (Due); the configuration may set
	// another (config's AnswerDays). DueByLaw: the due date follows the
	// law the request names instead (PrivacyDue).
	DueDays  int
	DueByLaw bool
	// NoDue: mail of this kind carries no legal due date: it is never
	// overdue and never in the digest's "due soon".
	NoDue bool
	// Reclassify: staff may give a case this kind.
	Reclassify bool
	// StaffClose: no template answers it; staff do what is asked in the
	// company's systems, then close the case with one of Closings.
	StaffClose bool
	// ByPost: a request of this kind may come by letter, which staff
	// enter at the letter desk; it is answered by post.
	ByPost bool
}

// kindTable lists the kinds in the order they are offered.
var kindTable = []KindInfo{
	{Kind: California, Words: "California “Shine the Light” request (Cal. Civ. Code § 1798.83)", Subject: "Request for California Privacy Information",
		Request: true, DueDays: CaliforniaDays, Reclassify: true, ByPost: true},
	{Kind: Coppa, Words: "COPPA request (16 CFR Part 312)", Subject: "COPPA Information Request",
		Request: true, DueDays: CoppaDays, Reclassify: true, ByPost: true},
	{Kind: Privacy, Words: "privacy-rights request (GDPR, a US state law, or none named)", Request: true, DueByLaw: true, Reclassify: true, StaffClose: true},
	{Kind: Other, Words: "not a request, or not yet known", DueDays: OtherDays, Reclassify: true},
	{Kind: Automated, Words: "machine mail (an auto-reply, a bounce, a list)", NoDue: true},
}

// Kinds lists every kind, in the order they are offered.
func Kinds() []KindInfo { return append([]KindInfo(nil), kindTable...) }

// KindOf returns a kind's row; an unknown kind gets a row of its own name
// that is not a request, due as other mail is.
func KindOf(k Kind) KindInfo {
	for _, r := range kindTable {
		if r.Kind == k {
			return r
		}
	}
	return KindInfo{Kind: k, Words: string(k), DueDays: OtherDays}
}

// KindsByPost lists the kinds a letter can be, in the order offered.
func KindsByPost() []Kind {
	var out []Kind
	for _, r := range kindTable {
		if r.ByPost {
			out = append(out, r.Kind)
		}
	}
	return out
}

// DueDate is when a case of this kind received at received must be
// answered, in the company's zone loc: days after receipt when days > 0
// (the configuration's answer period for the kind), else the row's
// DueDays; by the law the request names (DueByLaw); or never (the zero
// time) for mail with no legal due date.
func (k KindInfo) DueDate(received time.Time, law string, days int, loc *time.Location) time.Time {
	switch {
	case k.NoDue:
		return time.Time{}
	case k.DueByLaw:
		return PrivacyDue(received, law, loc)
	case days > 0:
		return Due(received, days, loc)
	}
	return Due(received, k.DueDays, loc)
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
