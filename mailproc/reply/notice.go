package reply

import (
	"bytes"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Notice is mail mailproc sends to the company itself: the monthly report
// to the compliance address, the daily digest to staff.
type Notice struct {
	From        string // reply_from
	To          string // one plain address
	Subject     string
	MessageID   string // without <>
	Date        time.Time
	Text        string
	HTML        string // optional alternative
	Attachments []Attachment
}

// Attachment is a file sent with a notice.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// ComposeNotice builds the RFC 5322 bytes of a notice. It carries
// Auto-Submitted: auto-generated, so nobody's auto-responder answers it.
func ComposeNotice(n Notice) ([]byte, error) {
	to, err := recipient(Address{Email: n.To})
	if err != nil {
		return nil, fmt.Errorf("compose notice %s: %w", n.MessageID, err)
	}
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := m.From(n.From); err != nil {
		return nil, fmt.Errorf("compose notice %s: from: %w", n.MessageID, err)
	}
	m.ToMailAddress(to)
	m.Subject(truncateRunes(oneLine(n.Subject), maxSubjectRunes))
	m.SetMessageIDWithValue(n.MessageID)
	m.SetDateWithValue(n.Date)
	m.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	m.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	m.SetBodyString(gomail.TypeTextPlain, n.Text)
	if n.HTML != "" {
		m.AddAlternativeString(gomail.TypeTextHTML, n.HTML)
	}
	for _, a := range n.Attachments {
		if err := m.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("compose notice %s: attach %s: %w", n.MessageID, a.Name, err)
		}
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("compose notice %s: write: %w", n.MessageID, err)
	}
	return buf.Bytes(), nil
}
