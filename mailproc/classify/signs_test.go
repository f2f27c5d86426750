package classify

import (
	"slices"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/parse"
)

// person is a request as a person writes it: no sign of a machine.
var person = struct{ header, body []string }{
	header: []string{
		"Return-Path: <jane.doe@example.com>",
		"From: Jane Doe <jane.doe@example.com>",
		"To: privacy@cooper.example",
		"Subject: Request for California Privacy Information",
		"Date: Thu, 06 Mar 2025 10:00:00 -0800",
		"Message-ID: <person-1@example.com>",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
	},
	body: []string{"California Privacy Rights Request", "Name: Jane Doe", "Street: 1 Main St", "City: Fresno", "State: CA", "ZIP: 93721"},
}

// testOurs knows our replies as the daemon would: by Message-ID shape and
// by a fixed sentence.
var testOurs = NewOurs(
	func(id string) bool { return strings.Contains(id, ".california-incomplete.") },
	[]string{"We are handling it as a California Privacy Rights Request under California Civil Code § 1798.83.", "Sincerely,"},
	[]string{"privacy@cooper.example"},
)

// message is person with the given header fields put in place of those of
// the same name (or added; one written "+Name: value" is always added), and
// the body replaced when one is given.
func message(fields []string, body ...string) *parse.Message {
	header := slices.Clone(person.header)
	for _, f := range fields {
		if extra, ok := strings.CutPrefix(f, "+"); ok {
			header = append(header, extra)
			continue
		}
		name, _, _ := strings.Cut(f, ":")
		i := slices.IndexFunc(header, func(h string) bool { return strings.HasPrefix(strings.ToLower(h), strings.ToLower(name)+":") })
		if i >= 0 {
			header[i] = f
		} else {
			header = append(header, f)
		}
	}
	if len(body) == 0 {
		body = person.body
	}
	raw := strings.Join(header, "\r\n") + "\r\n\r\n" + strings.Join(body, "\r\n") + "\r\n"
	return parse.Parse([]byte(raw), parse.Limits{})
}

// rules returns the distinct rules of signs, in order.
func rules(signs []Sign) []Rule {
	var out []Rule
	for _, s := range signs {
		if !slices.Contains(out, s.Rule) {
			out = append(out, s.Rule)
		}
	}
	return out
}

type signCase struct {
	name   string
	fields []string
	body   []string
	want   Rule // "" for none
}

// TestEachSign: every sign of SPEC §2 on its own, added to a person's
// request, is found, and is the only sign found.
func TestEachSign(t *testing.T) {
	var all []signCase
	for _, group := range [][]signCase{
		headerFieldCases, senderCases, reportCases, subjectCases, textCases, ourReplyCases,
	} {
		all = append(all, group...)
	}
	for _, tt := range all {
		t.Run(tt.name, func(t *testing.T) {
			got := rules(Signs(message(tt.fields, tt.body...), testOurs))
			var want []Rule
			if tt.want != "" {
				want = []Rule{tt.want}
			}
			if !slices.Equal(got, want) {
				t.Errorf("Signs() = %v (%v), want %v", got, Signs(message(tt.fields, tt.body...), testOurs), want)
			}
			_, machine := Machine(message(tt.fields, tt.body...), testOurs)
			if machine != (tt.want != "") {
				t.Errorf("Machine() = %v, want %v", machine, tt.want != "")
			}
		})
	}
}

func TestPersonHasNoSign(t *testing.T) {
	if got := Signs(message(nil), testOurs); len(got) != 0 {
		t.Errorf("Signs(person) = %v, want none", got)
	}
}

var headerFieldCases = []signCase{
	{"auto-submitted auto-replied", []string{"Auto-Submitted: auto-replied"}, nil, RuleAutoSubmitted},
	{"auto-submitted auto-generated with comment", []string{"Auto-Submitted: auto-generated (vacation)"}, nil, RuleAutoSubmitted},
	{"auto-submitted auto-notified", []string{"Auto-Submitted: Auto-Notified"}, nil, RuleAutoSubmitted},
	{"auto-submitted no", []string{"Auto-Submitted: no"}, nil, ""},
	{"precedence bulk", []string{"Precedence: bulk"}, nil, RulePrecedence},
	{"precedence junk", []string{"Precedence: junk"}, nil, RulePrecedence},
	{"precedence list", []string{"Precedence: List"}, nil, RulePrecedence},
	{"precedence auto_reply", []string{"Precedence: auto_reply"}, nil, RulePrecedence},
	{"x-precedence auto_reply", []string{"X-Precedence: auto_reply"}, nil, RulePrecedence},
	{"precedence first-class", []string{"Precedence: first-class"}, nil, ""},
	{"list-id", []string{"List-Id: Friends <friends.lists.example.org>"}, nil, RuleListField},
	{"list-unsubscribe", []string{"List-Unsubscribe: <mailto:leave@lists.example.org>"}, nil, RuleListField},
	{"list-post", []string{"List-Post: <mailto:friends@lists.example.org>"}, nil, RuleListField},
	{"ezmlm mailing-list", []string{"Mailing-List: contact friends-help@example.org; run by ezmlm"}, nil, RuleListField},
	{"mailman version", []string{"X-Mailman-Version: 2.1.39"}, nil, RuleListField},
	{"fml ml-name", []string{"X-ML-Name: friends"}, nil, RuleListField},
	{"null return path", []string{"Return-Path: <>"}, nil, RuleNullReturnPath},
	{"a second return path that is null", []string{"+Return-Path: <>"}, nil, RuleNullReturnPath},
	{"x-autoreply", []string{"X-Autoreply: yes"}, nil, RuleAutoReplyField},
	{"x-autorespond", []string{"X-Autorespond: yes"}, nil, RuleAutoReplyField},
	{"x-autogenerated", []string{"X-Autogenerated: Reply"}, nil, RuleAutoReplyField},
	{"x-autoreply-from", []string{"X-AutoReply-From: jane.doe@example.com"}, nil, RuleAutoReplyField},
	{"x-mail-autoreply", []string{"X-Mail-Autoreply: yes"}, nil, RuleAutoReplyField},
	{"firstclass machine generated", []string{"X-FC-MachineGenerated: true"}, nil, RuleAutoReplyField},
	{"apple icloud vacation", []string{"X-Apple-Action: VACATION"}, nil, RuleAutoReplyField},
	{"x-loop of a responder", []string{"X-Loop: jane.doe@example.com"}, nil, RuleAutoReplyField},
	{"x-loop of our own forward", []string{"X-Loop: privacy@cooper.example"}, nil, ""},
	{"x-auto-response-suppress is a person's outlook", []string{"X-Auto-Response-Suppress: All"}, nil, ""},
	{"feedback-id is a sender's tag", []string{"Feedback-ID: 1:campaign:esp:123"}, nil, ""},
	{"exim failed recipients", []string{"X-Failed-Recipients: r@example.net"}, nil, RuleReportField},
	{"exchange ndr", []string{"X-MS-Exchange-Message-Is-Ndr:"}, nil, RuleReportField}, // Exchange leaves it empty
	{"hotmail complaint", []string{"X-HmXmrOriginalRecipient: <r@hotmail.example>"}, nil, RuleReportField},
	{"apple unsubscribe", []string{"X-Apple-Unsubscribe: true"}, nil, RuleReportField},
}

var senderCases = []signCase{
	{"mailer-daemon", []string{"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>"}, nil, RuleMailSystem},
	{"mailer_daemon", []string{"From: mailer_daemon@mx.example.net"}, nil, RuleMailSystem},
	{"postmaster", []string{"From: postmaster@example.net"}, nil, RuleMailSystem},
	{"post_master", []string{"From: post_master@vtext.example"}, nil, RuleMailSystem},
	{"post-master", []string{"From: Post-Master@example.net"}, nil, RuleMailSystem},
	{"exchange online", []string{"From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.example>"}, nil, RuleMailSystem},
	{"mailer-daemon as sender", []string{"Sender: MAILER-DAEMON@mx.example.net"}, nil, RuleMailSystem},
	{"mailer-daemon as return path", []string{"Return-Path: <MAILER-DAEMON@mx.example.net>"}, nil, RuleMailSystem},
	{"bare mailer-daemon return path", []string{"Return-Path: <MAILER-DAEMON>"}, nil, RuleMailSystem},
	{"a second return path that is a mailer-daemon", []string{"+Return-Path: <MAILER-DAEMON@mx.example.net>"}, nil, RuleMailSystem},
	{"bare mailer-daemon as sender", []string{"Sender: MAILER-DAEMON"}, nil, RuleMailSystem},
	{"mailer-daemon with an empty address", []string{"From: MAILER-DAEMON <>"}, nil, RuleMailSystem},
	{"mail delivery system with an empty address", []string{`From: "Mail Delivery System" <>`}, nil, RuleMailSystem},
	{"an empty from address", []string{"From: <>"}, nil, RuleMailSystem},
	{"machine name on a person's address", []string{"From: Mail Delivery Subsystem <helpdesk@example.net>"}, nil, RuleMailSystem},
	{"listserv", []string{"From: LISTSERV@lists.example.edu"}, nil, RuleListRobot},
	{"majordomo", []string{"From: majordomo@example.org"}, nil, RuleListRobot},
	{"owner-list", []string{"From: owner-friends@example.org"}, nil, RuleListRobot},
	{"list-request", []string{"From: friends-request@lists.example.org"}, nil, RuleListRobot},
	{"list-bounces with verp", []string{"Return-Path: <friends-bounces+jane.doe=example.com@lists.example.org>"}, nil, RuleListRobot},
	{"mailman owner", []string{"From: friends-owner@lists.example.org"}, nil, RuleListRobot},
	{"fml admin", []string{"From: friends-admin@ml.example.jp"}, nil, RuleListRobot},
	{"sympa", []string{"From: SYMPA <sympa@lists.example.fr>"}, nil, RuleListRobot},
	{"no-reply", []string{"From: Example <no-reply@notify.example.com>"}, nil, RuleNoReply},
	{"noreply", []string{"From: noreply@example.com"}, nil, RuleNoReply},
	{"do-not-reply", []string{"From: do-not-reply@example.com"}, nil, RuleNoReply},
	{"donotreply", []string{"From: DoNotReply@example.com"}, nil, RuleNoReply},
	{"no_reply", []string{"From: no_reply@example.com"}, nil, RuleNoReply},
	{"No.Reply", []string{"From: No.Reply@example.com"}, nil, RuleNoReply},
	{"do_not_reply", []string{"From: do_not_reply@example.com"}, nil, RuleNoReply},
	{"NoReply camel case", []string{"From: AlertsNoReply@example.com"}, nil, RuleNoReply},
	{"noreply-fan", []string{"From: Fan Club <noreply-fan@example.com>"}, nil, RuleNoReply},
	{"ne-pas-repondre", []string{"From: ne-pas-repondre@example.fr"}, nil, RuleNoReply},
	{"bounce", []string{"From: bounce@example.com"}, nil, RuleNoReply},
	{"bounces with a tag as return path", []string{"Return-Path: <bounces+8812@notify.example-esp.com>"}, nil, RuleNoReply},
	{"mailchimp-style bounce return path", []string{"Return-Path: <bounce-mc.us5_1234.5678-jane=example.com@mail1.example.net>"}, nil, RuleNoReply},
	{"a person named Bounce", []string{"From: Tom Bounce <tom.bounce@example.org>", "Return-Path: <tom.bounce@example.org>"}, nil, ""},
	{"a person named Owner", []string{"From: Jane Owner <jane.owner@example.org>", "Return-Path: <jane.owner@example.org>"}, nil, ""},
	{"a reply team that is not no-reply", []string{"From: juno.replyteam@example.org", "Return-Path: <juno.replyteam@example.org>"}, nil, ""},
	{"bouncy castle", []string{"From: bouncy.castle.rentals@example.org", "Return-Path: <bouncy.castle.rentals@example.org>"}, nil, ""},
}

func mixed(parts ...string) []string {
	return append([]string{"--m"}, append(parts, "--m--")...)
}

var mixedType = []string{"Content-Type: multipart/mixed; boundary=\"m\""}

var reportCases = []signCase{
	{"multipart/report", []string{`Content-Type: multipart/report; report-type=delivery-status; boundary="m"`},
		mixed("Content-Type: text/plain", "", "Your message could not be delivered."), RuleReportPart},
	{"delivery-status in multipart/mixed", mixedType,
		mixed("Content-Type: text/plain", "", "See below.", "--m", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.net", "", "Action: failed"), RuleReportPart},
	{"global delivery-status", mixedType,
		mixed("Content-Type: text/plain", "", "See below.", "--m", "Content-Type: message/global-delivery-status", "", "Action: failed"), RuleReportPart},
	{"disposition-notification", mixedType,
		mixed("Content-Type: text/plain", "", "Read.", "--m", "Content-Type: message/disposition-notification", "", "Disposition: manual-action/MDN-sent-manually; displayed"), RuleReportPart},
	{"feedback report in multipart/mixed", mixedType,
		mixed("Content-Type: text/plain", "", "A complaint.", "--m", "Content-Type: message/feedback-report", "", "Version: 1"), RuleReportPart},
	{"returned header", mixedType,
		mixed("Content-Type: text/plain", "", "Returned.", "--m", "Content-Type: text/rfc822-headers", "", "Subject: hello"), RuleReportPart},
	{"a person's pdf", mixedType,
		mixed("Content-Type: text/plain", "", "California Privacy Rights Request", "--m", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=id.pdf", "", "JVBERi0="), ""},
}

var subjectCases = []signCase{
	{"automatic reply", []string{"Subject: Automatic reply: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"out of office", []string{"Subject: Out of Office: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"out of office autoreply", []string{"Subject: Out of Office AutoReply: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"auto", []string{"Subject: Auto: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"auto-reply tag", []string{"Subject: [Auto-Reply] Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"autoreply", []string{"Subject: AutoReply: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"abwesenheitsnotiz", []string{"Subject: Abwesenheitsnotiz: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"automatische antwort", []string{"Subject: Automatische Antwort: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"réponse automatique", []string{"Subject: =?utf-8?q?R=C3=A9ponse_automatique_=3A?= Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"absence", []string{"Subject: Absence : Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"respuesta automática", []string{"Subject: =?utf-8?q?Respuesta_autom=C3=A1tica=3A?= Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"fuera de la oficina", []string{"Subject: Fuera de la oficina: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"risposta automatica", []string{"Subject: Risposta automatica: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"automatisch antwoord", []string{"Subject: Automatisch antwoord: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"resposta automática", []string{"Subject: =?utf-8?q?Resposta_autom=C3=A1tica=3A?= Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"japanese auto reply", []string{"Subject: =?utf-8?b?6Ieq5YuV5b+c562U?=: Request for California Privacy Information"}, nil, RuleAutoReplySubject},
	{"undeliverable", []string{"Subject: Undeliverable: Re: Request for California Privacy Information"}, nil, RuleBounceSubject},
	{"delivery status notification", []string{"Subject: Delivery Status Notification (Failure)"}, nil, RuleBounceSubject},
	{"returned mail", []string{"Subject: Returned mail: see transcript for details"}, nil, RuleBounceSubject},
	{"mail delivery failed", []string{"Subject: Mail delivery failed: returning message to sender"}, nil, RuleBounceSubject},
	{"undelivered mail returned to sender", []string{"Subject: Undelivered Mail Returned to Sender"}, nil, RuleBounceSubject},
	{"delivery has failed", []string{"Subject: Delivery has failed to these recipients or groups"}, nil, RuleBounceSubject},
	{"non remis", []string{"Subject: Non remis : Re: Request for California Privacy Information"}, nil, RuleBounceSubject},
	{"unzustellbar", []string{"Subject: Unzustellbar: Re: Request for California Privacy Information"}, nil, RuleBounceSubject},
	{"japanese undeliverable", []string{"Subject: =?utf-8?b?6YWN5L+h5LiN6IO9?=: Re: Request for California Privacy Information"}, nil, RuleBounceSubject},
	{"failure notice", []string{"Subject: failure notice"}, nil, RuleBounceSubject},
	{"read receipt", []string{"Subject: Read: Re: Request for California Privacy Information"}, nil, RuleBounceSubject},
	{"bounce tag", []string{"Subject: [BOUNCE]"}, nil, RuleBounceSubject},
	{"forwarded bounce", []string{"Subject: Fwd: Undeliverable: Re: Request for California Privacy Information"}, nil, RuleBounceSubject},
	{"a person's words after a reply prefix", []string{"Subject: Re: my automatic reply: settings"}, nil, ""},
	{"a person mentions out of office", []string{"Subject: Request for California Privacy Information (I am out of office next week)"}, nil, ""},
	{"a person's undeliverable package", []string{"Subject: Undeliverable package and Request for California Privacy Information"}, nil, ""},
	{"a person's read", []string{"Subject: Reading list and Request for California Privacy Information"}, nil, ""},
}

var textCases = []signCase{
	{"postfix", nil, []string{"This is the mail system at host mx.example.net.", "", "I'm sorry to have to inform you that your message could not", "be delivered to one or more recipients."}, RuleMachineText},
	{"gmail", nil, []string{"Delivery to the following recipient failed permanently:", "", "     r@example.com"}, RuleMachineText},
	{"sendmail", nil, []string{"The original message was received at Thu, 6 Mar 2025 10:00:00 -0800", "from localhost [127.0.0.1]"}, RuleMachineText},
	{"qmail", nil, []string{"Hi. This is the qmail-send program at mx.example.net.", "I'm afraid I wasn't able to deliver your message to the following addresses."}, RuleMachineText},
	{"exchange", nil, []string{"Delivery has failed to these recipients or groups:", "", "r@example.com"}, RuleMachineText},
	{"ses json", nil, []string{`{"notificationType":"Bounce","bounce":{"bounceType":"Permanent"}}`}, RuleMachineText},
	{"sns escaped json", nil, []string{`{`, `  "Type" : "Notification",`, `  "Message" : "{\"notificationType\" : \"Complaint\"}"`, `}`}, RuleMachineText},
	{"dsn fields in the text", nil, []string{"Your message was returned.", "", "Final-Recipient: rfc822; r@example.com", "Action: failed"}, RuleMachineText},
	{"smtp transcript", nil, []string{"Error: 550 no such user", "Message details:", "  MAIL FROM: a@example.com", "  RCPT TO: r@example.net"}, RuleMachineText},
	{"jmrp preface", nil, []string{"This is an email abuse report for an email message received from IP 192.0.2.25 on Thu, 06 Mar 2025."}, RuleMachineText},
	{"out of office opening", nil, []string{"Hello,", "", "I am currently out of the office with no access to email until March 10."}, RuleMachineText},
	{"german bounce", nil, []string{"Ihre Nachricht konnte nicht zugestellt werden."}, RuleMachineText},
	{"office 365 delay", nil, []string{"Delivery is delayed to these recipients or groups:", "", "r@example.com"}, RuleMachineText},
	{"helpdesk acknowledgement", nil, []string{"Hello Jane,", "", "We have received your request and will answer within two days."}, RuleMachineText},
	{"russian bounce", nil, []string{"Это письмо создано автоматически сервером Mail.Ru,", "отвечать на него не нужно."}, RuleMachineText},
	{"a person on vacation later in the text", nil, append(slices.Clone(person.body), "", strings.Repeat("Please answer by email. ", 20), "I am on vacation next month."), ""},
	{"japanese bounce", nil, []string{"このメールは自動送信されています。", "宛先のメールアドレスに配信できませんでした。"}, RuleMachineText},
	{"a person quotes out of office", nil, []string{"California Privacy Rights Request", "Your system sent me an \"Out of office\" reply last week, so I am writing again.", "Name: Jane Doe"}, ""},
	{"a person quotes an auto reply deep in the text", nil, append(slices.Clone(person.body), strings.Repeat("I still need an answer. ", 20), "You answered: I am currently out of the office."), ""},
}

var ourReplyCases = []signCase{
	{"our reply's id in an attached message", mixedType,
		mixed("Content-Type: text/plain", "", "Complaint.", "--m", "Content-Type: message/rfc822", "", "Message-ID: <C-2026-0001.california-incomplete.k3@cooper.example>", "Subject: Re: x", "", "text"), RuleOurReply},
	{"our reply's id in the text of an inline bounce", nil,
		[]string{"Your message was returned:", "", "Message-Id: <C-2026-0001.california-incomplete.k3@cooper.example>"}, RuleOurReply},
	{"our reply's sentence in the text", nil,
		[]string{"Returned:", "Thank you for your message. We", "are handling it as a California Privacy Rights Request under California", "Civil Code § 1798.83. Your case number is C-2026-0001."}, RuleOurReply},
	{"our reply's sentence quoted-printable", nil,
		[]string{"Returned:", "Thank you for your message. We are handling it as a California Privacy Rights =", "Request under California Civil Code =C2=A7 1798.83. Your case number is C-1."}, RuleOurReply},
	{"a person answers our reply and copies its text", []string{"In-Reply-To: <C-2026-0001.california-incomplete.k3@cooper.example>"},
		[]string{"California Privacy Rights Request", "We are handling it as a California Privacy Rights Request under California Civil Code § 1798.83.", "Name: Jane Doe"}, ""},
	{"a person quotes our reply", []string{"In-Reply-To: <C-2026-0001.california-incomplete.k3@cooper.example>"},
		[]string{"ZIP: 93721", "", "On Thu, Mar 6, 2025 at 10:00 AM Cooper Privacy <privacy@cooper.example> wrote:", "> We are handling it as a California Privacy Rights Request under California Civil Code § 1798.83."}, ""},
	{"another message-id in the text", nil, []string{"See <20250306.1234@mx.example.net> and <jane.doe@example.com>."}, ""},
}
