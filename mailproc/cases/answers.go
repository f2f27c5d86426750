package cases

import "slices"

// The reply templates (their files are in templates/, their names in
// package reply).
const (
	TemplateDisclosure    = "california-disclosure"
	TemplateIncomplete    = "california-incomplete"
	TemplateRepeat        = "california-repeat"
	TemplateCoppaAck      = "coppa-received"
	TemplateCoppaDone     = "coppa-completed"
	TemplateNotCalifornia = "decline-not-california"
	TemplateNotCustomer   = "decline-not-customer"
	TemplateOutsideLaw    = "decline-outside-law"
	TemplateStaffReply    = "staff-reply"
)

// Answer is one reply staff can send: a row per template, saying which
// kinds of case it answers, what sending it records and where it leaves
// the case.
type Answer struct {
	Template string
	Words    string // for people: "the disclosure"
	// Kinds are the kinds of case it answers; none: every kind but
	// machine mail.
	Kinds []Kind
	// Outcome is what sending it records on the case (see outcomes.go):
	// "" records none (the case is not answered by it). A free-text reply
	// records the outcome staff choose.
	Outcome Outcome
	// State is where the case stands once the reply is planned.
	State State
	// Decline: a "no" to a request the law does not cover.
	Decline bool
	// FreeText: staff write its body; the standard header and footer
	// surround it.
	FreeText bool
}

// answerTable lists the answers in the order they are offered.
var answerTable = []Answer{
	{Template: TemplateDisclosure, Words: "the disclosure", Kinds: []Kind{California}, Outcome: OutcomeDisclosure, State: Answered},
	{Template: TemplateIncomplete, Words: "ask for what is missing", Kinds: []Kind{California}, State: AwaitingRequester},
	{Template: TemplateRepeat, Words: "already answered this year", Kinds: []Kind{California}, Outcome: OutcomeRepeat, State: Answered},
	{Template: TemplateCoppaAck, Words: "acknowledge and ask for verification", Kinds: []Kind{Coppa}, State: AwaitingStaff},
	{Template: TemplateCoppaDone, Words: "the completion notice", Kinds: []Kind{Coppa}, Outcome: OutcomeCompleted, State: Done},
	{Template: TemplateNotCalifornia, Words: "not covered: not a California resident", Kinds: []Kind{California},
		Outcome: JoinOutcome(OutcomeNotCovered, "not a California resident"), State: Answered, Decline: true},
	{Template: TemplateNotCustomer, Words: "not covered: not a customer", Kinds: []Kind{California},
		Outcome: JoinOutcome(OutcomeNotCovered, "not a customer"), State: Answered, Decline: true},
	{Template: TemplateOutsideLaw, Words: "not covered: a request outside the law", Kinds: []Kind{California, Coppa, Other},
		Outcome: JoinOutcome(OutcomeNotCovered, "a request outside the law"), State: Answered, Decline: true},
	{Template: TemplateStaffReply, Words: "a reply you write", State: AwaitingRequester, FreeText: true},
}

// Answers lists every answer, in the order they are offered.
func Answers() []Answer { return append([]Answer(nil), answerTable...) }

// AnswerOf returns a template's row, and whether there is one.
func AnswerOf(template string) (Answer, bool) {
	for _, a := range answerTable {
		if a.Template == template {
			return a, true
		}
	}
	return Answer{}, false
}

// Fits reports whether the answer may answer a case of kind k.
func (a Answer) Fits(k Kind) bool {
	if len(a.Kinds) == 0 {
		return !KindOf(k).NoDue
	}
	return slices.Contains(a.Kinds, k)
}

// AnswersFor lists the answers that fit a kind: declines among them or
// not, in the order they are offered.
func AnswersFor(k Kind, declines bool) []Answer {
	var out []Answer
	for _, a := range answerTable {
		if a.Fits(k) && a.Decline == declines && !a.FreeText {
			out = append(out, a)
		}
	}
	return out
}

// FittingTemplate is the answer that fits the case as it stands, before
// any history is asked: the incomplete notice while fields are missing,
// else the disclosure; for coppa the acknowledgement until it was sent,
// then the completion notice; "" for other kinds. (Whether a disclosure
// is a repeat this year is the store's to say.)
func FittingTemplate(c *Case) string {
	switch c.Kind {
	case California:
		if len(c.Missing) > 0 {
			return TemplateIncomplete
		}
		return TemplateDisclosure
	case Coppa:
		if c.Reply(TemplateCoppaAck) == nil {
			return TemplateCoppaAck
		}
		return TemplateCoppaDone
	}
	return ""
}
