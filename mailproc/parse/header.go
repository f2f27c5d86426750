package parse

import (
	"fmt"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// Address is one mailbox.
type Address struct {
	Name  string // display name, decoded
	Email string // local part as written, domain lower-cased
}

// Header is what mailproc reads from a message's header.
type Header struct {
	Subject        string    // RFC 2047 decoded, unfolded, control characters removed, trimmed
	From           Address   // first From mailbox; zero when absent or unparseable
	FromRaw        string    // the From header as decoded text, for display
	Sender         Address   // first Sender mailbox; zero when absent or unparseable
	ReturnPath     string    // address inside Return-Path's <> (domain lower-cased), "" when absent or null
	NullReturnPath bool      // Return-Path: <>
	MessageID      string    // without <>, "" when absent
	InReplyTo      []string  // message ids without <>
	References     []string  // message ids without <>, in order
	Date           time.Time // zero when absent or unparseable
	MediaType      string    // top-level media type, lower case ("text/plain" when absent)
	ReportType     string    // report-type parameter of multipart/report, lower case

	fields textproto.Header // every field, unfolded, values valid UTF-8
}

// Get returns the first value of the named field, decoded as text (RFC 2047
// words decoded, control characters removed, trimmed), or "" when absent.
func (h Header) Get(name string) string {
	return decodeText(h.fields.Get(name))
}

// Has reports whether the named field is present.
func (h Header) Has(name string) bool {
	return h.fields.Has(name)
}

// Values returns every value of the named field, in order, decoded as Get
// decodes them.
func (h Header) Values(name string) []string {
	raw := h.fields.Values(name)
	if len(raw) == 0 {
		return nil
	}
	out := make([]string, len(raw))
	for i, v := range raw {
		out[i] = decodeText(v)
	}
	return out
}

// ParseHeader reads the header block of raw, which may be the header alone
// (as IMAP BODY.PEEK[HEADER] returns it) or a whole message. It is lenient:
// a bad field is skipped. It fails only when no field at all can be read.
func ParseHeader(raw []byte) (Header, error) {
	br := newlines(raw)
	defer release(br)
	return parseHeaderBlock(readHeaderBlock(br))
}

func parseHeaderBlock(block []byte) (Header, error) {
	fields, err := headerFields(block, nil)
	if err != nil {
		return Header{}, err
	}
	return headerFromFields(fields), nil
}

// headerFields reads the fields of a message's header block whose names
// keep wants (nil: all of them).
func headerFields(block []byte, keep func(name []byte) bool) (textproto.Header, error) {
	fields, err := readSomeFields(block, keep)
	if err != nil {
		return textproto.Header{}, fmt.Errorf("read header: %w", err)
	}
	return fields, nil
}

func headerFromFields(f textproto.Header) Header {
	mh := mail.Header{Header: message.Header{Header: f}}
	h := Header{fields: f}
	h.Subject = decodeText(f.Get("Subject"))
	h.FromRaw = decodeText(f.Get("From"))
	h.From = firstAddress(f.Get("From"))
	h.Sender = firstAddress(f.Get("Sender"))
	h.ReturnPath, h.NullReturnPath = returnPath(f.Get("Return-Path"))
	h.MessageID = messageID(mh)
	h.InReplyTo = msgIDList(mh, "In-Reply-To")
	h.References = msgIDList(mh, "References")
	if d, err := parseDate(f.Get("Date")); err == nil {
		h.Date = d
	}
	var params map[string]string
	h.MediaType, params = contentType(f)
	if h.MediaType == "multipart/report" {
		h.ReportType = strings.ToLower(strings.TrimSpace(params["report-type"]))
	}
	return h
}

// contentType returns the lower-case media type ("text/plain" when absent
// or nonsense) and its parameters. A Content-Type that mime cannot parse is
// read leniently rather than dropped.
func contentType(f textproto.Header) (string, map[string]string) {
	mh := message.Header{Header: f}
	mt, params, err := mh.ContentType()
	if err != nil {
		raw := f.Get("Content-Type")
		mt, params = lenientMediaType(raw)
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	if strings.Count(mt, "/") != 1 || strings.ContainsAny(mt, " \t;") {
		mt = "text/plain"
	}
	if params == nil {
		params = map[string]string{}
	}
	return mt, params
}

// lenientMediaType splits "type/sub; k=v; k=v" by hand, first value of a
// parameter winning, quotes removed.
func lenientMediaType(v string) (string, map[string]string) {
	segs := strings.Split(v, ";")
	params := map[string]string{}
	for _, s := range segs[1:] {
		k, val, ok := strings.Cut(s, "=")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || k == "" {
			continue
		}
		if _, dup := params[k]; !dup {
			params[k] = strings.Trim(strings.TrimSpace(val), `"`)
		}
	}
	return segs[0], params
}

// isAttachment reports whether a part is a file rather than body text: its
// disposition says attachment, or it carries a file name.
func isAttachment(f textproto.Header, ctParams map[string]string) bool {
	mh := message.Header{Header: f}
	disp, params, err := mh.ContentDisposition()
	if err != nil {
		disp, params = lenientMediaType(f.Get("Content-Disposition"))
	}
	if strings.EqualFold(strings.TrimSpace(disp), "attachment") {
		return true
	}
	return params["filename"] != "" || ctParams["name"] != ""
}

// parseDate reads a Date field as net/mail.ParseDate does, trying first
// the form nearly every mailer writes (RFC 5322's, as time.RFC1123Z), which
// ParseDate reaches only after a handful of layouts that fail, each
// allocating its error.
func parseDate(v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC1123Z, v); err == nil {
		return t, nil
	}
	return netmail.ParseDate(v)
}
