package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The request subjects (SPEC §1).
const (
	californiaSubject = "Request for California Privacy Information"
	coppaSubject      = "COPPA Information Request"
)

// unrelatedMail is ordinary business mail, with an attachment when one is
// given.
func unrelatedMail(r *rand.Rand, p person, m Message, attachment []byte) []byte {
	subject := pick(r, unrelatedSubjects)
	if strings.Contains(subject, "%d") {
		subject = fmt.Sprintf(subject, 1000+r.IntN(90000))
	}
	text := "Hello,\r\n\r\n" + filler(r, 40+r.IntN(300)) + "\r\n" + filler(r, 20+r.IntN(100)) + "\r\nBest regards,\r\n" + p.Name() + "\r\n"
	var w mailWriter
	w.header(p.From(), subject, m)
	switch {
	case attachment != nil:
		return w.withAttachment(text, attachment, fmt.Sprintf("document-%d.pdf", m.Index))
	case r.IntN(3) == 0:
		return w.alternative(text)
	default:
		return w.plain(text)
	}
}

// californiaMail is a Shine the Light request, with a ZIP code when
// complete.
func californiaMail(r *rand.Rand, p person, m Message, complete bool) []byte {
	subject := pick(r, []string{californiaSubject, "Re: " + californiaSubject, "[EXT] " + californiaSubject})
	text := "Hello,\r\n\r\nCalifornia Privacy Rights Request\r\n\r\n" +
		"Name: " + p.Name() + "\r\nStreet address: " + p.Street + "\r\nCity: " + p.City + "\r\nState: CA\r\n"
	if complete {
		text += "ZIP code: " + p.ZIP + "\r\n"
	}
	text += "\r\n" + filler(r, 10+r.IntN(40)) + "\r\nThank you,\r\n" + p.First + "\r\n"
	var w mailWriter
	w.header(p.From(), subject, m)
	if r.IntN(3) == 0 {
		return w.alternative(text)
	}
	return w.plain(text)
}

// coppaMail is a parent's request about a child's data.
func coppaMail(r *rand.Rand, p person, m Message) []byte {
	username := strings.ToLower(p.Child) + fmt.Sprintf("_%d", 10+r.IntN(90))
	text := "Hello,\r\n\r\nI am the parent of " + p.Child + " " + p.Last + ", who signed up without my permission.\r\n" +
		"Her username is " + username + ". Please tell me what you hold about her and delete it.\r\n\r\n" +
		filler(r, 10+r.IntN(30)) + "\r\n" + p.Name() + "\r\n"
	var w mailWriter
	w.header(p.From(), coppaSubject, m)
	return w.plain(text)
}

// autoReplyMail is an out-of-office answer quoting a request subject.
func autoReplyMail(r *rand.Rand, p person, m Message) []byte {
	subject := "Automatic reply: " + pick(r, []string{californiaSubject, coppaSubject})
	var w mailWriter
	w.header(p.From(), subject, m, "Auto-Submitted", "auto-replied")
	return w.plain("I am out of the office until Monday.\r\n\r\n" + filler(r, 20) + "\r\n")
}

// newsletterMail is bulk mail from a list.
func newsletterMail(r *rand.Rand, m Message) []byte {
	subject := pick(r, newsletterSubjects)
	if strings.Contains(subject, "%d") {
		subject = fmt.Sprintf(subject, 1+r.IntN(300))
	}
	var w mailWriter
	w.header("ShipRight News <news@news.shipright.example>", subject, m,
		"List-Id", "ShipRight Customer News <customers.news.shipright.example>",
		"List-Unsubscribe", "<mailto:unsubscribe@news.shipright.example>",
		"Precedence", "bulk")
	if r.IntN(2) == 0 {
		return w.alternative(filler(r, 100+r.IntN(400)))
	}
	return w.plain(filler(r, 100+r.IntN(400)))
}
