package classify

import (
	"strings"
	"unicode/utf8"
)

// Rule names one kind of sign that a machine made a message (SPEC §2). The
// names are stable: they open the detail staff see in review and the
// README lists them.
type Rule string

// The machine rules.
const (
	RuleAutoSubmitted    Rule = "auto-submitted"     // Auto-Submitted other than "no" (RFC 3834)
	RulePrecedence       Rule = "precedence"         // Precedence: bulk, junk, list or auto_reply
	RuleListField        Rule = "list-field"         // List-Id, List-Unsubscribe and the other fields of list managers
	RuleNullReturnPath   Rule = "null-return-path"   // Return-Path: <>
	RuleAutoReplyField   Rule = "auto-reply-field"   // X-Autoreply and the other fields of auto-responders
	RuleReportField      Rule = "report-field"       // X-Failed-Recipients and the other fields of bounces and complaints
	RuleMailSystem       Rule = "mail-system-sender" // MAILER-DAEMON, postmaster, an empty From address
	RuleListRobot        Rule = "list-robot-sender"  // LISTSERV, majordomo, owner-*, *-request, *-bounces
	RuleNoReply          Rule = "no-reply-sender"    // no-reply, donotreply, bounce…
	RuleReportPart       Rule = "report-part"        // a delivery, disposition or feedback report anywhere
	RuleAutoReplySubject Rule = "auto-reply-subject" // Automatic reply:, Out of Office:, Abwesenheitsnotiz:…
	RuleBounceSubject    Rule = "bounce-subject"     // Undeliverable:, Returned mail, Delivery Status Notification…
	RuleMachineText      Rule = "machine-text"       // the text reads as a bounce, report or notification
	RuleOurReply         Rule = "returns-our-reply"  // it returns one of our replies (its Message-ID or its text)
)

// Rules lists every rule once, in the order Machine looks for them (a
// report part below the top level is found after the subject).
var Rules = []Rule{
	RuleAutoSubmitted, RulePrecedence, RuleListField, RuleNullReturnPath, RuleAutoReplyField,
	RuleReportField, RuleMailSystem, RuleListRobot, RuleNoReply, RuleReportPart,
	RuleAutoReplySubject, RuleBounceSubject, RuleOurReply, RuleMachineText,
}

// Sign is one sign that a machine made a message: the rule and what was
// seen (a field and its value, an address, a phrase).
type Sign struct {
	Rule   Rule
	Detail string
}

// String is the sign as staff read it: "rule: detail".
func (s Sign) String() string {
	if s.Detail == "" {
		return string(s.Rule)
	}
	return string(s.Rule) + ": " + s.Detail
}

// maxDetail bounds how much of what a sender wrote a sign repeats.
const maxDetail = 80

// shown makes a value a sender wrote fit for a sign's detail: one line,
// no control characters, at most maxDetail bytes (whole runes).
func shown(v string) string {
	v = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, v)), " ")
	if len(v) <= maxDetail {
		return v
	}
	cut := maxDetail
	for cut > 0 && !utf8.RuneStart(v[cut]) {
		cut--
	}
	return v[:cut] + "…"
}
