package cases

import (
	"slices"
	"strings"
)

// Reason is why a case is with staff (Case.Reasons): a review reason the
// daemon gives (cases.go), or one a staff action gives. Every reason has
// its row in reasonTable, which the console, the command line and the
// README list.
// The vocabulary test (archtest) finds every reason written in the code
// and checks that it is in the table.
type Reason string

// Reasons staff actions give a case.
const (
	ReasonReopened     Reason = "reopened"
	ReasonReclassified Reason = "reclassified"
)

// What staff are advised to do about a case.
const (
	SuggestApprove    = "approve"    // send Suggestion.Template ("" would be the one that fits)
	SuggestDecline    = "decline"    // send the not-covered answer Suggestion.Template
	SuggestReclassify = "reclassify" // say what kind of request it is
	SuggestDismiss    = "dismiss"    // close it without an answer, for Suggestion.Reason
	SuggestReply      = "reply"      // write a reply
	SuggestDone       = "done"       // coppa: verify, delete, mark done
	SuggestClose      = "close"      // privacy: do what is asked, then close it with one of Closings
	SuggestLook       = "look"       // read it first: nothing is proposed
)

// Fields a reason can point at, besides the california fields "name",
// "street", "city", "state" and "zip".
const (
	FieldSubject = "subject"
	FieldFrom    = "from"
	FieldMissing = "missing" // whichever california fields are missing
)

// ReasonInfo says a review reason in plain words: what happened, what to
// do, what the console proposes, and the field that caused it.
type ReasonInfo struct {
	Code    Reason
	Label   string // a few words, for a list: "state not California"
	Words   string // what happened
	Advice  string // what staff do about it
	Suggest string // one of the Suggest… actions
	// Template is the answer proposed with SuggestApprove or
	// SuggestDecline; "" with SuggestApprove: the one that fits the case.
	Template Template
	Reason   string   // the reason proposed with SuggestDismiss
	Fields   []string // the fields that caused it
}

// reasonTable lists the reasons, the one to act on first first: when a
// case has several, the first of them in this table decides what is
// proposed.
var reasonTable = []ReasonInfo{
	{Code: ReasonAutomated, Label: "machine mail", Words: "Sent by a machine (an auto-reply, a bounce or a list) under a request's subject. It is never answered and has no legal due date.",
		Advice: "Dismiss it as machine mail, unless a person's request is quoted in it.", Suggest: SuggestDismiss, Reason: "machine mail, not a request", Fields: []string{FieldFrom, FieldSubject}},
	{Code: ReasonDMARCFail, Label: "sender may be forged (DMARC)", Words: "The sender's domain failed DMARC: the From address may be forged, and a reply would go to someone who may not have written.",
		Advice: "Do not send personal information. Dismiss it, or ask the requester to write again from their own address.", Suggest: SuggestLook, Fields: []string{FieldFrom}},
	{Code: ReasonNoReplyAddress, Label: "no address to answer", Words: "The mail gives no address a reply can go to.",
		Advice: "Dismiss it, or answer by another way and record it.", Suggest: SuggestDismiss, Reason: "no address to answer", Fields: []string{FieldFrom}},
	{Code: ReasonAmbiguous, Label: "names both requests", Words: "The subject names both a California and a COPPA request.",
		Advice: "Read it and reclassify it as the request it is.", Suggest: SuggestReclassify, Fields: []string{FieldSubject}},
	{Code: ReasonNearMiss, Label: "subject close to a request", Words: "The subject comes close to a request's wording without matching it: it may be a request worded otherwise.",
		Advice: "If it is a request, reclassify it as one; if not, dismiss it as not a request.", Suggest: SuggestReclassify, Fields: []string{FieldSubject}},
	{Code: ReasonNotCalifornia, Label: "state not California", Words: "The requester gives a state other than California. § 1798.83 answers California residents only.",
		Advice: "Send the “not a California resident” answer; if the state was misread, correct it and approve.", Suggest: SuggestDecline, Template: TemplateNotCalifornia, Fields: []string{"state"}},
	{Code: ReasonZIPMismatch, Label: "ZIP outside California", Words: "The state is California but the ZIP code is outside California's (90000–96199).",
		Advice: "If the ZIP code was mistyped, correct it and approve; otherwise send the “not a California resident” answer.", Suggest: SuggestDecline, Template: TemplateNotCalifornia, Fields: []string{"zip"}},
	{Code: ReasonPrivacyRequest, Label: "privacy-rights request", Words: "A request to exercise a privacy right (GDPR, a US state law, or none named) over the writer's own data. It has a legal due date; nothing is disclosed or deleted automatically.",
		Advice: "Verify who is asking and do what is asked in the company's systems, then close it as complied, partly complied, denied (with the reason) or not a request.", Suggest: SuggestClose, Fields: []string{FieldSubject}},
	{Code: ReasonTooLarge, Label: "too large to read", Words: "The mail is larger than the configured limit and was not read.",
		Advice: "Read it in the mailbox (Privacy/Review), then reclassify or dismiss it.", Suggest: SuggestLook},
	{Code: ReasonUnparseable, Label: "unreadable", Words: "No text could be read from the mail.",
		Advice: "Read it in the mailbox (Privacy/Review), then reclassify or dismiss it.", Suggest: SuggestLook},
	{Code: ReasonDeliveryUnknown, Label: "reply may not have arrived", Words: "Sending the reply began but was never confirmed: it may or may not have arrived.",
		Advice: "Look for it in the sent folder and at the SMTP server; send it again only if it did not arrive.", Suggest: SuggestLook},
	{Code: ReasonDeliveryFailed, Label: "reply refused by the server", Words: "The mail server refused the reply for good.",
		Advice: "Check the address; answer another way, or dismiss it.", Suggest: SuggestLook},
	{Code: ReasonTemplateFailed, Label: "reply could not be made", Words: "The reply could not be made from its template.",
		Advice: "Have the template fixed, then approve.", Suggest: SuggestApprove},
	{Code: ReasonNoDisclosureData, Label: "no disclosure data for the year", Words: "No disclosure data is configured for the year the answer covers.",
		Advice: "Add that year's [[disclosure]] to the configuration and reload the daemon, then approve.", Suggest: SuggestApprove},
	{Code: ReasonStillIncomplete, Label: "still incomplete", Words: "A follow-up still lacks fields, and the one automatic incomplete notice has gone out.",
		Advice: "Ask again for what is missing, or write to the requester.", Suggest: SuggestApprove, Template: TemplateIncomplete, Fields: []string{FieldMissing}},
	{Code: ReasonFollowUp, Label: "the requester wrote again", Words: "The requester wrote again on a case that needs no automatic answer.",
		Advice: "Read the new message and write a reply, or take no action and close it.", Suggest: SuggestReply},
	{Code: ReasonAlreadyReplied, Label: "would repeat a reply", Words: "The daemon's answer would repeat a reply this case was already sent.",
		Advice: "Read the new message and write a reply if it needs one.", Suggest: SuggestReply},
	{Code: ReasonRateLimited, Label: "held back by the rate limit", Words: "The daemon held its reply back: too many automatic replies to this sender today, or in all this hour. The request itself may be fine.",
		Advice: "Approve the answer the daemon would have sent.", Suggest: SuggestApprove},
	{Code: ReasonReopened, Label: "reopened", Words: "Staff reopened the case.", Advice: "See the history for why.", Suggest: SuggestApprove},
	{Code: ReasonReclassified, Label: "reclassified", Words: "Staff said what kind of request it is.", Advice: "Answer it as that kind.", Suggest: SuggestApprove},
}

// ReasonOf returns a reason's row; an unknown reason gets one that says so.
func ReasonOf(code Reason) ReasonInfo {
	for _, r := range reasonTable {
		if r.Code == code {
			return r
		}
	}
	return ReasonInfo{Code: code, Label: string(code), Words: "“" + string(code) + "”", Suggest: SuggestLook}
}

// Reasons lists every reason, in table order: the daemon's and those
// staff actions give. The console and the command line filter on them.
func Reasons() []Reason {
	out := make([]Reason, len(reasonTable))
	for i, r := range reasonTable {
		out[i] = r.Code
	}
	return out
}

// Suggestion is what the console proposes first for a case.
type Suggestion struct {
	Action   string   // one of the Suggest… actions
	Template Template // with approve or decline
	Reason   string   // with dismiss
	Because  Reason   // the reason it follows, "" when none
}

// Suggest proposes what to do with an open case from its reasons (the
// first in the table's order decides) and its kind; the template "" of
// an approval is the one that fits the case (FittingTemplate).
func Suggest(c *Case) Suggestion {
	if !c.State.Open() {
		return Suggestion{Action: SuggestLook}
	}
	for _, r := range reasonTable {
		if slices.Contains(c.Reasons, r.Code) {
			return suggestFor(c, r)
		}
	}
	if len(c.Reasons) > 0 {
		return Suggestion{Action: SuggestLook, Because: c.Reasons[0]}
	}
	return suggestFor(c, ReasonInfo{Suggest: SuggestApprove})
}

// suggestFor is a reason's proposal for a case of its kind: an approval
// of a kind with no answer becomes a reclassification (a closing for a
// kind staff close, a dismissal for machine mail), and a coppa case
// acknowledged already is marked done.
func suggestFor(c *Case, r ReasonInfo) Suggestion {
	s := Suggestion{Action: r.Suggest, Template: r.Template, Reason: r.Reason, Because: r.Code}
	if s.Action == SuggestApprove && s.Template == "" {
		s.Template = FittingTemplate(c)
	}
	if a, ok := AnswerOf(s.Template); ok && !a.Fits(c.Kind) {
		s.Template = FittingTemplate(c)
	}
	switch {
	case (s.Action == SuggestApprove || s.Action == SuggestDecline) && s.Template == "":
		s.Action = SuggestReclassify
		switch k := KindOf(c.Kind); {
		case k.NoDue:
			s.Action, s.Reason = SuggestDismiss, "machine mail, not a request"
		case k.StaffClose:
			s.Action = SuggestClose
		}
	case s.Action == SuggestApprove && s.Template == TemplateCoppaDone:
		s.Action, s.Template = SuggestDone, ""
	}
	return s
}

// CausedBy lists the fields a case's reasons point at, the california
// fields missing in place of FieldMissing.
func CausedBy(c *Case) []string {
	var out []string
	for _, code := range c.Reasons {
		for _, f := range ReasonOf(code).Fields {
			if f == FieldMissing {
				out = append(out, c.Missing...)
			} else {
				out = append(out, f)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Join joins words of the vocabulary (reasons, templates, outcomes) with
// sep, as strings.Join does strings.
func Join[S ~string](words []S, sep string) string {
	s := make([]string, len(words))
	for i, w := range words {
		s[i] = string(w)
	}
	return strings.Join(s, sep)
}
