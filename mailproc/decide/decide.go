// Package decide turns a parsed message into what mailproc does with it:
// reply with a template, hand it to staff with reasons, or leave it alone
// (SPEC §2–§4). Decide is the stateless decision that `mailproc check`
// prints; WithHistory adds what needs the case store (repeats, disclosure
// data, rate limits). It does no I/O.
package decide

import (
	"slices"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/privacy"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// Action is what is done with a message.
type Action string

// The actions of SPEC §6.
const (
	Reply  Action = "reply"
	Review Action = "review"
	Ignore Action = "ignore"
)

// The templates a decision names (SPEC §4, §10), by their names in
// package cases.
const (
	CaliforniaDisclosure = cases.TemplateDisclosure
	CaliforniaIncomplete = cases.TemplateIncomplete
	CaliforniaRepeat     = cases.TemplateRepeat
	CoppaReceived        = cases.TemplateCoppaAck
	CoppaCompleted       = cases.TemplateCoppaDone
	PrivacyReceived      = cases.TemplatePrivacyAck
)

// Policy is what the company configured that a decision depends on.
type Policy struct {
	MaxMessageBytes    int64         // larger messages go to review (too-large); 0 = no limit
	TrustedAuthServIDs []string      // Authentication-Results from these are believed
	OwnAddresses       []string      // our own addresses: never answered
	Ours               classify.Ours // our replies, recognised when machine mail returns them
}

// Input is one message to decide.
type Input struct {
	Msg    *parse.Message
	Size   int64 // size of the raw message in bytes
	Policy Policy
}

// Decision is what to do with one message.
type Decision struct {
	Kind      cases.Kind
	Action    Action
	Template  cases.Template
	Missing   []string
	Reasons   []cases.Reason
	Fields    cases.Fields
	FirstLine bool
	Coppa     cases.CoppaFields
	// Law and Rights are what a privacy request names (SPEC §10): "" and
	// empty for every other kind.
	Law    string
	Rights []string
	// Request reports whether the message is a request: its subject
	// names one exactly (even when the decision is review or the mail is
	// automated), it is a privacy-rights request (SPEC §10), or it came by
	// letter.
	Request bool
	// Detail explains the decision for the case history (which automated
	// sign, why unreadable).
	Detail string
}

// Decide makes the stateless decision for one message: as the daemon would,
// but with no history.
func Decide(in Input) Decision {
	h := in.Msg.Header
	subj := classify.ClassifySubject(h.Subject)
	if sign, machine := classify.Machine(in.Msg, in.Policy.Ours); machine {
		return automated(subj, sign.String())
	}
	if subj.Both() {
		return review(cases.Other, cases.ReasonAmbiguous, "")
	}
	if !subj.Request() || subj.NearMiss() {
		return notRequest(subj, in)
	}
	if !subj.California && classify.HasRequestLine(validate.FirstLine(in.Msg.Text)) {
		return review(cases.Other, cases.ReasonNearMiss, "first line of the body under a coppa subject")
	}
	kind := cases.Coppa
	if subj.California {
		kind = cases.California
	}
	if d, stop := headerReview(kind, in); stop {
		return d
	}
	if kind == cases.California {
		return california(in.Msg)
	}
	return coppa(in.Msg)
}

func automated(subj classify.Subject, sign string) Decision {
	d := Decision{Kind: cases.Automated, Action: Ignore, Detail: sign, Request: subj.Request()}
	if subj.Request() {
		d.Action = Review
		d.Reasons = []cases.Reason{cases.ReasonAutomated}
	}
	return d.normal()
}

// notRequest decides mail whose subject names no request exactly, or names
// one while coming close to the other: a near miss, another privacy-rights
// request, or nothing for us.
func notRequest(subj classify.Subject, in Input) Decision {
	if subj.NearMiss() {
		return review(cases.Other, cases.ReasonNearMiss, "subject")
	}
	if classify.HasRequestLine(validate.FirstLine(in.Msg.Text)) {
		return review(cases.Other, cases.ReasonNearMiss, "first line of the body")
	}
	if f := privacy.Detect(in.Msg.Header.Subject, in.Msg.Text); f.Request {
		return privacyRequest(f, in)
	}
	return Decision{Kind: cases.Other, Action: Ignore}.normal()
}

// privacyRequest hands a privacy-rights request to staff (SPEC §10), with
// what its headers add (too large, no address to answer, failed DMARC).
func privacyRequest(f privacy.Finding, in Input) Decision {
	d := Decision{Kind: cases.Privacy, Action: Review, Reasons: []cases.Reason{cases.ReasonPrivacyRequest},
		Law: string(f.Law), Rights: f.Rights, Request: true, Detail: f.Evidence}
	if h, stop := headerReview(cases.Privacy, in); stop {
		d.Reasons = append(d.Reasons, h.Reasons...)
		if h.Detail != "" {
			d.Detail = h.Detail + "; " + d.Detail
		}
	}
	return d.normal()
}

// headerReview returns the review a request gets before its body is read:
// too large, unreadable, no address to answer, failed DMARC.
func headerReview(kind cases.Kind, in Input) (Decision, bool) {
	var reasons []cases.Reason
	var details []string
	if in.Policy.MaxMessageBytes > 0 && in.Size > in.Policy.MaxMessageBytes {
		reasons = append(reasons, cases.ReasonTooLarge)
	} else if in.Msg.Unreadable != "" {
		reasons = append(reasons, cases.ReasonUnparseable)
		details = append(details, in.Msg.Unreadable)
	}
	if why := noReplyAddress(in.Msg.Header, in.Policy.OwnAddresses); why != "" {
		reasons = append(reasons, cases.ReasonNoReplyAddress)
		details = append(details, why)
	}
	if dmarcFailed(in.Msg.Header, in.Policy.TrustedAuthServIDs) {
		reasons = append(reasons, cases.ReasonDMARCFail)
	}
	if len(reasons) == 0 {
		return Decision{}, false
	}
	d := Decision{Kind: kind, Action: Review, Reasons: reasons, Request: true, Detail: strings.Join(details, "; ")}
	return d.normal(), true
}

func california(m *parse.Message) Decision {
	f := validate.California(m.Text)
	first := classify.HasRequestLine(validate.FirstLine(m.Text))
	d := Decision{Kind: cases.California, Fields: f, FirstLine: first, Request: true}
	return Check(d).normal()
}

// Check decides a california request from its fields (SPEC §3's order:
// not-california, then missing fields, then zip-mismatch, then the answer).
// It is used for a first message and again after a follow-up is merged.
func Check(d Decision) Decision {
	d.Missing = validate.Missing(d.Fields, d.FirstLine)
	d.Action, d.Template, d.Reasons = Reply, "", nil
	switch {
	case d.Fields.State != "" && !validate.IsCalifornia(d.Fields.State):
		d.Action, d.Reasons = Review, []cases.Reason{cases.ReasonNotCalifornia}
	case len(d.Missing) > 0:
		d.Template = CaliforniaIncomplete
	case !validate.CaliforniaZIP(d.Fields.ZIP):
		d.Action, d.Reasons = Review, []cases.Reason{cases.ReasonZIPMismatch}
	default:
		d.Template = CaliforniaDisclosure
	}
	return d.normal()
}

func coppa(m *parse.Message) Decision {
	d := Decision{Kind: cases.Coppa, Action: Reply, Template: CoppaReceived, Request: true}
	d.Coppa = validate.Coppa(m.Text, m.Header.From.Email)
	return d.normal()
}

func review(kind cases.Kind, reason cases.Reason, detail string) Decision {
	return Decision{Kind: kind, Action: Review, Reasons: []cases.Reason{reason}, Detail: detail}.normal()
}

// normal makes the lists sorted and never nil, as `check --json` prints them.
func (d Decision) normal() Decision {
	d.Missing = sortedCopy(d.Missing)
	d.Reasons = sortedCopy(d.Reasons)
	if d.Action != Reply {
		d.Template = ""
	}
	if d.Kind != cases.California {
		d.Missing = []string{}
	}
	d.Rights = sortedCopy(d.Rights)
	if d.Kind != cases.Privacy {
		d.Law, d.Rights = "", []string{}
	}
	return d
}

// sortedCopy is s sorted, never nil.
func sortedCopy[S ~string](s []S) []S {
	out := append([]S{}, s...)
	slices.Sort(out)
	return out
}
