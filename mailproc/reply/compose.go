package reply

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Headers of one reply.
type Headers struct {
	From        string            // our address from config, e.g. "Cooper Privacy <support@example.com>"
	To          Address           // the requester
	Subject     string            // the rendered subject; "" means "Re: " + OrigSubject
	OrigSubject string            // the request's subject
	MessageID   string            // ours, without <>; see MessageID
	InReplyTo   string            // the answered message's ID, without <>
	References  []string          // the case's earlier Message-IDs, without <>
	Date        time.Time         // the reply's Date
	Extra       map[string]string // optional extra headers, e.g. "X-Mailproc-Case"
}

// Address is a display name and an addr-spec.
type Address struct {
	Name  string // may be ""
	Email string // one plain addr-spec, e.g. "jane@example.com"
}

// Compose builds the RFC 5322 bytes of a reply: From, To, Subject, Date,
// Message-ID, In-Reply-To, References, Auto-Submitted: auto-replied and
// X-Auto-Response-Suppress: All, with the text body and (when r.HTML is set)
// the HTML body as alternatives. Requester values are made one line and
// shortened; a To address that is not one plain addr-spec is refused; an
// In-Reply-To or References entry that is not a safe Message-ID is left out.
// The same input always gives the same bytes.
func Compose(h Headers, r Rendered) ([]byte, error) {
	m, err := newMsg(h, r)
	if err != nil {
		return nil, fmt.Errorf("compose reply %s: %w", h.MessageID, err)
	}
	var buf bytes.Buffer
	// Room for the headers and the bodies quoted-printable, so that the
	// buffer is not grown (and copied) half a dozen times on the way.
	buf.Grow(2<<10 + (len(r.Text)+len(r.HTML))*9/8)
	if _, err := m.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("compose reply %s: write: %w", h.MessageID, err)
	}
	return buf.Bytes(), nil
}

// newMsg checks h and r and builds the go-mail message.
func newMsg(h Headers, r Rendered) (*gomail.Msg, error) {
	from, to, err := addresses(h)
	if err != nil {
		return nil, err
	}
	if err := checkOwn(h, r); err != nil {
		return nil, err
	}
	boundary, err := fixedBoundary(h.MessageID, r)
	if err != nil {
		return nil, err
	}
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent(), gomail.WithBoundary(boundary))
	m.FromMailAddress(from)
	m.ToMailAddress(to)
	m.Subject(replySubject(h))
	m.SetMessageIDWithValue(h.MessageID)
	m.SetDateWithValue(h.Date)
	setThreading(m, h)
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-replied")
	m.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	if err := setExtra(m, h.Extra); err != nil {
		return nil, err
	}
	m.SetBodyString(gomail.TypeTextPlain, r.Text)
	if r.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, r.HTML)
	}
	return m, nil
}

// addresses parses our From and checks the requester's To, refusing a
// reply to ourselves.
func addresses(h Headers) (from, to *mail.Address, err error) {
	from, err = mail.ParseAddress(h.From)
	if err != nil {
		return nil, nil, fmt.Errorf("from %q: %w", h.From, err)
	}
	to, err = recipient(h.To)
	if err != nil {
		return nil, nil, err
	}
	if strings.EqualFold(to.Address, from.Address) {
		return nil, nil, fmt.Errorf("to %s: refusing to reply to our own address", to.Address)
	}
	return from, to, nil
}

// recipient checks that a.Email is one plain addr-spec and makes the
// display name one short line.
func recipient(a Address) (*mail.Address, error) {
	email := a.Email
	if strings.ContainsAny(email, "<>,;:\"()[]\\") || !isPrintableASCII(email) {
		return nil, fmt.Errorf("to %q: not one plain address", email)
	}
	parsed, err := mail.ParseAddress(email)
	if err != nil {
		return nil, fmt.Errorf("to %q: %w", email, err)
	}
	if parsed.Name != "" || parsed.Address != email {
		return nil, fmt.Errorf("to %q: not one plain address", email)
	}
	return &mail.Address{Name: truncateRunes(oneLine(a.Name), maxNameRunes), Address: email}, nil
}

// isPrintableASCII reports whether s is non-empty printable ASCII without
// spaces.
func isPrintableASCII(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// checkOwn checks what we supply ourselves: our Message-ID, the date and a
// text body.
func checkOwn(h Headers, r Rendered) error {
	if !isSafeMsgID(h.MessageID) || !strings.Contains(h.MessageID, "@") {
		return fmt.Errorf("message-id %q: want id@domain without <>", h.MessageID)
	}
	if h.Date.IsZero() {
		return fmt.Errorf("date: not set")
	}
	if strings.TrimSpace(r.Text) == "" {
		return fmt.Errorf("text body: empty")
	}
	return nil
}

// replySubject is the Subject header: the rendered subject, else
// "Re: " + the original, one line and at most maxSubjectRunes long.
func replySubject(h Headers) string {
	s := oneLine(h.Subject)
	if s == "" {
		s = reSubject(h.OrigSubject)
	}
	return truncateRunes(s, maxSubjectRunes)
}

// setThreading sets In-Reply-To and References from safe Message-IDs only.
func setThreading(m *gomail.Msg, h Headers) {
	inReplyTo := trimMsgID(h.InReplyTo)
	if !isSafeMsgID(inReplyTo) {
		inReplyTo = ""
	}
	if inReplyTo != "" {
		m.SetGenHeader(gomail.HeaderInReplyTo, "<"+inReplyTo+">")
	}
	refs := references(h.References, inReplyTo)
	if len(refs) > 0 {
		m.SetGenHeader(gomail.HeaderReferences, "<"+strings.Join(refs, "> <")+">")
	}
}

// fixedBoundary derives the MIME boundary from the message itself, so that
// the same reply always has the same bytes. A boundary that occurs in a body
// would break the message, so that is checked, however unlikely.
func fixedBoundary(messageID string, r Rendered) (string, error) {
	h := sha256.New()
	for i, part := range []string{messageID, r.Text, r.HTML} {
		if i > 0 {
			h.Write([]byte{0})
		}
		io.WriteString(h, part) // the hash of the three joined by NULs, without joining them
	}
	boundary := "mailproc-" + hex.EncodeToString(h.Sum(nil)[:16])
	if strings.Contains(r.Text, boundary) || strings.Contains(r.HTML, boundary) {
		return "", fmt.Errorf("mime boundary %s occurs in the body", boundary)
	}
	return boundary, nil
}
