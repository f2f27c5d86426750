package cases

import "slices"

// Template names a reply template: its files in templates/ are
// NAME.subject.tmpl, NAME.txt.tmpl and NAME.html.tmpl (package reply
// renders them). Every template is a row of answerTable.
type Template string

// The reply templates, in the order of answerTable.
const (
	TemplateDisclosure    Template = "california-disclosure"
	TemplateIncomplete    Template = "california-incomplete"
	TemplateRepeat        Template = "california-repeat"
	TemplateCoppaAck      Template = "coppa-received"
	TemplateCoppaDone     Template = "coppa-completed"
	TemplateNotCalifornia Template = "decline-not-california"
	TemplateNotCustomer   Template = "decline-not-customer"
	TemplateOutsideLaw    Template = "decline-outside-law"
	TemplateStaffReply    Template = "staff-reply"
	// TemplatePrivacyAck confirms receipt of a privacy-rights request
	// (SPEC §10) when [privacy] acknowledge is on; only the daemon sends it.
	TemplatePrivacyAck Template = "privacy-received"
)

// Answer is one reply template: a row per template, saying which kinds of
// case it answers, what sending it records and where it leaves the case.
type Answer struct {
	Template Template
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
	// Automatic: only the daemon sends it; staff are never offered it
	// (it fits no case for them).
	Automatic bool
}

// answerTable lists the templates: the answers staff may send in the
// order they are offered, then the one only the daemon sends.
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
	{Template: TemplatePrivacyAck, Words: "acknowledge receipt", Kinds: []Kind{Privacy}, State: Review, Automatic: true},
}

// Answers lists the answers staff may send, in the order they are offered.
func Answers() []Answer {
	var out []Answer
	for _, a := range answerTable {
		if !a.Automatic {
			out = append(out, a)
		}
	}
	return out
}

// Templates lists every reply template, in the order of the table.
func Templates() []Template {
	out := make([]Template, len(answerTable))
	for i, a := range answerTable {
		out[i] = a.Template
	}
	return out
}

// AnswerOf returns a template's row, and whether there is one.
func AnswerOf(template Template) (Answer, bool) {
	for _, a := range answerTable {
		if a.Template == template {
			return a, true
		}
	}
	return Answer{}, false
}

// Fits reports whether staff may answer a case of kind k with it.
func (a Answer) Fits(k Kind) bool {
	if a.Automatic {
		return false
	}
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
func FittingTemplate(c *Case) Template {
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
