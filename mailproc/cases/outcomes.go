package cases

import "strings"

// Outcome is how a case was settled (Case.Outcome): a code of the outcome
// table, and for some ": " and a reason, as "not-covered: not a
// California resident" (JoinOutcome, SplitOutcome).
type Outcome string

// The outcome codes, each a row of outcomeTable.
const (
	OutcomeDisclosure Outcome = "disclosure" // california-disclosure sent
	OutcomeRepeat     Outcome = "repeat"     // california-repeat sent: denied as a repeat
	OutcomeCompleted  Outcome = "completed"  // coppa-completed sent
	OutcomeComplied   Outcome = "complied"   // staff answered and say the request was met
	OutcomeDenied     Outcome = "denied"     // staff answered no, for a reason the law allows
	OutcomeNotCovered Outcome = "not-covered"
	OutcomeDismissed  Outcome = "dismissed" // closed without an answer
	// OutcomePartlyComplied: staff closed a privacy case with some of the
	// request done (SPEC §10).
	OutcomePartlyComplied Outcome = "partly-complied"
	// OutcomeNotRequest closes a privacy case that was not a request after
	// all: it becomes kind other, dismissed ("dismissed: not a request").
	OutcomeNotRequest Outcome = "not-a-request"
)

// Class is how the reports count an outcome.
type Class string

// The classes of outcome.
const (
	ClassNone       Class = ""            // nothing decided yet
	ClassComplied   Class = "complied"    // the request was met
	ClassDenied     Class = "denied"      // refused, with the reason
	ClassNotCovered Class = "not-covered" // answered: the law does not cover it
	ClassDismissed  Class = "dismissed"   // closed without an answer
)

// OutcomeInfo is a row of the outcome table.
type OutcomeInfo struct {
	Code  Outcome
	Class Class
	Words string // for people
	// Choice: staff may pick it for a reply they write; NeedsReason: it
	// is recorded with one.
	Choice, NeedsReason bool
	// Closing: staff may close a privacy case with it (SPEC §10).
	Closing bool
}

// outcomeTable lists the outcomes; the choices in the order offered.
var outcomeTable = []OutcomeInfo{
	{Code: OutcomeComplied, Class: ClassComplied, Words: "complied", Choice: true, Closing: true},
	{Code: OutcomePartlyComplied, Class: ClassComplied, Words: "partly complied", Closing: true},
	{Code: OutcomeDenied, Class: ClassDenied, Words: "denied", Choice: true, NeedsReason: true, Closing: true},
	{Code: OutcomeNotRequest, Class: ClassDismissed, Words: "not a request", Closing: true},
	{Code: OutcomeNotCovered, Class: ClassNotCovered, Words: "not covered", Choice: true, NeedsReason: true},
	{Code: OutcomeDisclosure, Class: ClassComplied, Words: "complied (the disclosure)"},
	{Code: OutcomeCompleted, Class: ClassComplied, Words: "complied (the completion notice)"},
	{Code: OutcomeRepeat, Class: ClassDenied, Words: "denied"},
	{Code: OutcomeDismissed, Class: ClassDismissed, Words: "dismissed"},
}

// OutcomeChoices are the outcomes staff may give a reply they write.
func OutcomeChoices() []OutcomeInfo {
	var out []OutcomeInfo
	for _, o := range outcomeTable {
		if o.Choice {
			out = append(out, o)
		}
	}
	return out
}

// Closings lists how a privacy case can be closed, in the order staff are
// offered them: complied, partly-complied, denied, not-a-request.
var Closings = closings()

func closings() []Outcome {
	var out []Outcome
	for _, o := range outcomeTable {
		if o.Closing {
			out = append(out, o.Code)
		}
	}
	return out
}

// OutcomeInfoOf returns an outcome code's row, and whether it has one.
func OutcomeInfoOf(code Outcome) (OutcomeInfo, bool) {
	for _, o := range outcomeTable {
		if o.Code == code {
			return o, true
		}
	}
	return OutcomeInfo{}, false
}

// JoinOutcome records an outcome with its reason ("" for none).
func JoinOutcome(code Outcome, reason string) Outcome {
	if reason = strings.TrimSpace(reason); reason == "" {
		return code
	}
	return code + Outcome(": "+reason)
}

// SplitOutcome reads a recorded outcome back into its code and reason.
func SplitOutcome(outcome Outcome) (code Outcome, reason string) {
	c, reason, _ := strings.Cut(string(outcome), ":")
	return Outcome(strings.TrimSpace(c)), strings.TrimSpace(reason)
}

// ReasonRepeatDenied is the reason a repeat notice is a denial.
const ReasonRepeatDenied = "repeat request: answered earlier this calendar year"

// Classify says how the reports count a case of kind k with an outcome,
// and the reason they give. A request closed without an answer counts as
// denied, for the reason staff gave; a case that is not a request is never
// denied.
func Classify(k Kind, outcome Outcome) (Class, string) {
	code, reason := SplitOutcome(outcome)
	info, ok := OutcomeInfoOf(code)
	if !ok {
		return ClassNone, ""
	}
	switch {
	case info.Class == ClassDismissed && KindOf(k).Request:
		return ClassDenied, reason
	case code == OutcomeRepeat:
		return ClassDenied, ReasonRepeatDenied
	}
	return info.Class, reason
}

// ReportedAs says in plain words how the monthly report will count a case
// of kind k closed with an outcome, for staff to read before they act.
func ReportedAs(k Kind, outcome Outcome) string {
	class, reason := Classify(k, outcome)
	code, _ := SplitOutcome(outcome)
	switch {
	case outcome == "":
		return "no outcome yet: the case stays open"
	case class == ClassDenied && code == OutcomeDismissed:
		return "denied, reason “" + reason + "” (a request closed without an answer counts as denied)"
	case class == ClassDenied:
		return "denied, reason “" + reason + "”"
	case class == ClassNotCovered:
		return "not covered: " + reason + " (not counted as complied or denied)"
	case class == ClassDismissed:
		return "not a request: counted as received and dismissed, never as denied"
	case class == ClassComplied:
		return "complied"
	}
	return string(outcome)
}
