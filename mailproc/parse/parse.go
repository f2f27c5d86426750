// Package parse turns the raw bytes of one mail (RFC 5322 with MIME) into
// what the rest of mailproc reads: the decoded header fields, the text to
// read a request from, the Message-IDs a bounce returns and a count of
// attachments. It does no I/O, and every bit of work is bounded by Limits.
package parse

import (
	"strings"
)

// Default limits, used for the zero fields of Limits.
const (
	DefaultMaxParts     = 500
	DefaultMaxDepth     = 20
	DefaultMaxTextBytes = 1 << 20
)

// Limits bound the work Parse does on one message. Zero (or negative) fields
// take the defaults.
type Limits struct {
	MaxParts     int // MIME parts walked, default 500
	MaxDepth     int // multipart and message/rfc822 nesting, default 20
	MaxTextBytes int // decoded text kept, default 1 MiB
}

func (l Limits) withDefaults() Limits {
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultMaxParts
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = DefaultMaxTextBytes
	}
	return l
}

// Message is a parsed mail.
type Message struct {
	Header Header

	// Text is the text to read a request from: the body text with quoted
	// replies and signatures dropped, followed by any attached (forwarded)
	// messages, read in full.
	Text string

	// FullText is all readable text of the message, from the same parts as
	// Text but with nothing stripped, for staff.
	FullText string

	// Unreadable is "" when text could be read, or when the message simply
	// has none; else it says why no text could be read, e.g. "multipart
	// boundary never occurs" or "body cannot be decoded: invalid base64".
	Unreadable string

	// ReturnedMessageIDs are the Message-IDs (without <>) of the messages
	// that a bounce, a report or an attached message/rfc822 carries, in the
	// order found, without duplicates.
	ReturnedMessageIDs []string
	// DeliveryFailed reports a delivery-status part that says a recipient
	// failed: a bounce, not a delay warning or a delivery report.
	DeliveryFailed bool

	// Reports are the media types of the report parts found anywhere in
	// the message, also inside a multipart/mixed or an attached message
	// (multipart/report, message/delivery-status,
	// message/disposition-notification, message/feedback-report,
	// text/rfc822-headers and their message/global-* forms), lower case,
	// in the order found, without duplicates.
	Reports []string

	// Attachments counts the parts that are attachments and are not read.
	Attachments int
	// Files lists them (the first MaxFiles), with where each is in the
	// message.
	Files []File
}

// Parse reads a whole message. It never panics and never returns nil: a
// message whose header cannot be read at all gives a Message with Unreadable
// set. Work is bounded by lim (zero fields take defaults).
func Parse(raw []byte, lim Limits) *Message {
	return read(raw, lim, false)
}

// Preview returns the Text that Parse(raw, lim) gives, with less work: the
// header is read only as far as the text needs it, and attachments,
// reports and returned headers are passed over unread. It is for reading
// the start of a message to see whether it needs reading whole.
func Preview(raw []byte, lim Limits) string {
	return read(raw, lim, true).Text
}

// read parses raw; for a preview it fills only Text.
func read(raw []byte, lim Limits, preview bool) (m *Message) {
	m = &Message{}
	// A safety net against bugs in the MIME libraries on hostile input; it
	// is not used for control flow.
	defer func() {
		if r := recover(); r != nil {
			m.Text, m.FullText = "", ""
			m.Unreadable = "message cannot be parsed: internal parser error"
		}
	}()
	lim = lim.withDefaults()

	br := newlines(raw)
	defer release(br)
	var keep func([]byte) bool
	if preview {
		keep = previewField
	}
	fields, err := headerFields(readHeaderBlock(br), keep)
	if err != nil {
		m.Unreadable = "header cannot be read: " + err.Error()
		return m
	}
	var subject string
	if preview {
		subject = decodeText(fields.Get("Subject"))
	} else {
		m.Header = headerFromFields(fields)
		subject = m.Header.Subject
	}

	w := &walker{lim: lim, forwarded: isForwardSubject(subject), preview: preview}
	body := w.walkEntity(fields, br, 0, false, topSection)
	m.setText(body, w.forwarded, lim.MaxTextBytes)
	m.ReturnedMessageIDs = w.returned
	m.DeliveryFailed = w.deliveryFailed
	m.Reports = w.reports
	m.Attachments = w.attachments
	m.Files = w.files
	if m.FullText == "" && w.failure != "" {
		m.Unreadable = w.failure
	}
	return m
}

// setText fills Text and FullText from the body piece: its main text first,
// then each forwarded message. Quotes and signatures are stripped from each
// piece on its own, so a forwarded message is read in full.
func (m *Message) setText(p piece, forwarded bool, max int) {
	var full, read []string
	for _, t := range append([]string{p.text}, p.forwards...) {
		t = strings.Trim(t, "\n")
		if isBlank(t) {
			continue
		}
		full = append(full, t)
		if s := stripQuotes(t, forwarded); s != "" {
			read = append(read, s)
		}
	}
	m.FullText = truncateUTF8(strings.Join(full, "\n\n"), max)
	m.Text = truncateUTF8(strings.Join(read, "\n\n"), max)
}
