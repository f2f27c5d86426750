package parse

import (
	"bufio"
	"bytes"
	"io"
	"slices"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// textKind ranks what a part gave: plain text beats HTML beats nothing.
type textKind int

const (
	kindNone textKind = iota
	kindHTML
	kindPlain
)

// piece is what one MIME entity yields: its body text (normalised; HTML
// already turned into text) and the texts of the messages attached to it.
type piece struct {
	kind     textKind
	text     string
	forwards []string
}

// walker walks one message's MIME tree within its limits, and collects
// what it finds besides text.
type walker struct {
	lim            Limits
	forwarded      bool // the subject marks a forward: keep forwarded text
	preview        bool // only text is wanted: pass over what gives none
	parts          int
	failure        string // first reason some text could not be read
	returned       []string
	deliveryFailed bool // a delivery-status part said "Action: failed"
	reports        []string
	attachments    int
	files          []File
}

func (w *walker) fail(reason string) {
	if w.failure == "" {
		w.failure = reason
	}
}

// rawCap bounds the encoded bytes read from one part: enough for
// MaxTextBytes of text in any encoding.
func (w *walker) rawCap() int64 {
	return 4*int64(w.lim.MaxTextBytes) + 4096
}

// walkEntity reads one entity (a message or a part) with header h and body,
// at nesting depth. inReport is set below a multipart/report, where an
// attached message is a returned one rather than a forward.
func (w *walker) walkEntity(h textproto.Header, body io.Reader, depth int, inReport bool, sec section) piece {
	mt, params := contentType(h)
	if isReportPart(mt) && !slices.Contains(w.reports, mt) {
		w.reports = append(w.reports, mt)
	}
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		return w.walkMultipart(mt, params, body, depth, inReport, sec)
	case mt == "message/rfc822" || mt == "message/global":
		if depth == 0 || inReport || w.preview || len(w.files) >= MaxFiles {
			return w.walkAttachedMessage(h, body, depth, inReport, sec)
		}
		w.listFile(h, mt, params, sec, nil)
		i := len(w.files) - 1
		counted := &countingReader{r: body}
		p := w.walkAttachedMessage(h, counted, depth, inReport, sec)
		io.Copy(io.Discard, counted)
		w.files[i].Size = counted.n
		return p
	case w.preview && (isHeadersPart(mt) || isStatusPart(mt)):
		// no text: nothing a preview wants
	case isHeadersPart(mt):
		w.collectHeaderIDs(h, body)
	case isStatusPart(mt):
		status := string(w.readDecoded(h, body))
		w.addReturned(scanIDLines(status)...)
		w.deliveryFailed = w.deliveryFailed || statusFailed(status)
	case (mt == "text/plain" || mt == "text/html") && (depth == 0 || !isAttachment(h, params)):
		return w.readText(h, mt, params, body, inReport)
	case w.preview:
		// an attachment: a preview neither counts nor lists it
	default:
		w.attachments++
		w.listFile(h, mt, params, sec, body)
	}
	return piece{}
}

// binary reports whether bytes hold control characters other than tab, CR
// and LF: not text in any charset mail uses.
func binary(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f {
			return true
		}
	}
	return false
}

// statusFailed reports whether a delivery-status part says a recipient
// failed (RFC 3464 "Action: failed"), as opposed to delayed, delivered,
// relayed or expanded.
func statusFailed(status string) bool {
	for _, line := range strings.Split(status, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "action") && strings.EqualFold(strings.TrimSpace(value), "failed") {
			return true
		}
	}
	return false
}

func isHeadersPart(mt string) bool {
	return mt == "text/rfc822-headers" || mt == "message/rfc822-headers" || mt == "message/global-headers"
}

func isStatusPart(mt string) bool {
	return mt == "message/delivery-status" || mt == "message/global-delivery-status" ||
		mt == "message/disposition-notification" || mt == "message/global-disposition-notification" ||
		mt == "message/feedback-report"
}

// isReportPart reports the media types that only a machine's report
// carries: a delivery, disposition or feedback report, or the returned
// header of a message.
func isReportPart(mt string) bool {
	return mt == "multipart/report" || isStatusPart(mt) || isHeadersPart(mt)
}

// readDecoded reads a part's body, bounded, with its transfer encoding undone
// as far as it goes.
func (w *walker) readDecoded(h textproto.Header, body io.Reader) []byte {
	raw, _ := io.ReadAll(io.LimitReader(body, w.rawCap()))
	decoded, _ := decodeTransfer(h.Get("Content-Transfer-Encoding"), raw)
	return decoded
}

// readText reads a text/plain or text/html part into a piece.
func (w *walker) readText(h textproto.Header, mt string, params map[string]string, body io.Reader, inReport bool) piece {
	raw, _ := io.ReadAll(io.LimitReader(body, w.rawCap()))
	decoded, err := decodeTransfer(h.Get("Content-Transfer-Encoding"), raw)
	if err != nil && (len(decoded) == 0 || binary(decoded)) {
		// Nothing decoded, or what decoded before the error is not text
		// (plain text labelled base64 decodes to junk): not readable.
		w.fail("body cannot be decoded: " + err.Error())
		decoded = nil
	}
	p := piece{kind: kindPlain}
	s := toUTF8(params["charset"], decoded, mt == "text/html")
	if mt == "text/html" {
		p.kind = kindHTML
		s = htmlToText(s, w.forwarded)
	} else {
		s = normalizeText(s)
		if strings.EqualFold(params["format"], "flowed") {
			s = unflow(s, strings.EqualFold(params["delsp"], "yes"))
		}
	}
	p.text = truncateUTF8(s, w.lim.MaxTextBytes)
	if inReport && !w.preview {
		w.addReturned(scanIDLines(p.text)...)
	}
	return p
}

// walkAttachedMessage reads a message/rfc822 part: its Message-ID is
// recorded, and outside a report its text is read in full as a forward.
func (w *walker) walkAttachedMessage(h textproto.Header, body io.Reader, depth int, inReport bool, sec section) piece {
	if enc := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))); enc == "base64" || enc == "quoted-printable" {
		body = bytes.NewReader(w.readDecoded(h, body))
	}
	br := bufio.NewReader(body)
	inner, err := readFields(readHeaderBlock(br))
	if err != nil {
		return piece{}
	}
	w.addReturned(messageIDOf(inner))
	if inReport || depth >= w.lim.MaxDepth {
		return piece{}
	}
	p := w.walkEntity(inner, br, depth+1, false, sec.inner())
	return piece{forwards: append([]string{p.text}, p.forwards...)}
}

// collectHeaderIDs records the Message-ID of a returned message's header.
func (w *walker) collectHeaderIDs(h textproto.Header, body io.Reader) {
	br := newlines(w.readDecoded(h, body))
	defer release(br)
	if fields, err := readFields(readHeaderBlock(br)); err == nil {
		w.addReturned(messageIDOf(fields))
	}
}

func (w *walker) addReturned(ids ...string) {
	for _, id := range ids {
		if id != "" && !slices.Contains(w.returned, id) {
			w.returned = append(w.returned, id)
		}
	}
}
