package bench

import (
	"fmt"
	"strings"
	"time"
)

// replyText stands for a template's text: about the size of mailproc's
// california-disclosure text (the HTML part is the same text marked up).
var replyText = strings.Repeat("We received your request and answer it here, as the law asks of us.\r\n", 24)

// floorReply is the work floor's reply to a request: the headers mailproc
// sets and a text and HTML body of about the size of its templates.
func floorReply(from, to, subject, inReplyTo string, n int, now time.Time) []byte {
	var w mailWriter
	w.line("From: " + from)
	w.line("To: " + to)
	w.line("Subject: Re: " + subject)
	w.line("Date: " + now.Format(time.RFC1123Z))
	w.line(fmt.Sprintf("Message-ID: <floor.%d.%d@cooper.example>", now.UnixNano(), n))
	w.line("In-Reply-To: " + inReplyTo)
	w.line("References: " + inReplyTo)
	w.line("Auto-Submitted: auto-replied")
	w.line("MIME-Version: 1.0")
	return w.alternative(replyText)
}
