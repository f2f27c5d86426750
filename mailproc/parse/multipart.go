package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/emersion/go-message/textproto"
)

// walkMultipart reads the parts of a multipart body and combines them.
func (w *walker) walkMultipart(mt string, params map[string]string, body io.Reader, depth int, inReport bool, sec section) piece {
	if depth >= w.lim.MaxDepth {
		w.fail(fmt.Sprintf("multiparts nested deeper than %d levels were not read", w.lim.MaxDepth))
		return piece{}
	}
	tracked := &contentTracker{r: body}
	body = tracked
	boundary := params["boundary"]
	if boundary == "" {
		boundary, body = guessBoundary(body)
	}
	if boundary == "" {
		if tracked.sawContent {
			w.fail("multipart boundary never occurs")
		}
		return piece{}
	}
	inReport = inReport || mt == "multipart/report"
	acc := combiner{alternative: mt == "multipart/alternative", max: w.lim.MaxTextBytes}
	mr := textproto.NewMultipartReader(body, boundary)
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err != nil {
			if n == 0 && !errors.Is(err, io.EOF) && tracked.sawContent {
				w.fail(noPartsReason(err))
			}
			break
		}
		if w.parts >= w.lim.MaxParts {
			w.fail(fmt.Sprintf("parts beyond the first %d were not read", w.lim.MaxParts))
			break
		}
		w.parts++
		if w.preview && acc.hasPlainText() && isHTMLPart(part.Header) {
			continue // its text would not be used
		}
		acc.add(w.walkEntity(part.Header, part, depth+1, inReport, sec.child(n+1)))
	}
	return acc.result()
}

// noPartsReason says why a multipart with content gave no part.
func noPartsReason(err error) string {
	if strings.Contains(err.Error(), "malformed") {
		return "multipart part header cannot be read"
	}
	return "multipart boundary never occurs"
}

// guessBoundary finds the boundary of a multipart whose Content-Type has
// none: the first line that looks like a delimiter ("--" and a token with
// something other than dashes). It returns the body to read from instead.
func guessBoundary(body io.Reader) (string, io.Reader) {
	data, _ := io.ReadAll(body)
	for rest := data; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimRight(line, " \t\r")
		if b := bytes.TrimPrefix(line, []byte("--")); len(b) < len(line) && isBoundaryToken(b) {
			return string(bytes.TrimSuffix(b, []byte("--"))), bytes.NewReader(data)
		}
	}
	return "", bytes.NewReader(data)
}

func isBoundaryToken(b []byte) bool {
	if len(b) == 0 || len(b) > 200 || bytes.ContainsAny(b, " \t") {
		return false
	}
	return len(bytes.Trim(b, "-")) > 0
}

// contentTracker notes whether anything but white space was read through it.
type contentTracker struct {
	r          io.Reader
	sawContent bool
}

func (t *contentTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if !t.sawContent && len(bytes.TrimSpace(p[:n])) > 0 {
		t.sawContent = true
	}
	return n, err
}

// combiner folds the parts of one multipart into a piece as they are read.
// The body text is plain text, else HTML; a part with text wins over an
// empty one, and an empty plain part gives way to HTML with text. In
// multipart/alternative one part is chosen and only it counts. Elsewhere
// (mixed, related, report…) the inline plain parts are joined in order,
// as a body split around an inline picture is, and the forwards of every
// part are kept; both up to max bytes.
type combiner struct {
	alternative bool
	max         int
	plain, html *piece
	forwards    []string
	size        int
}

// hasPlainText reports whether a plain part with text was added: the
// result's text is then plain, and HTML parts give it nothing.
func (c *combiner) hasPlainText() bool {
	return c.plain != nil && !isBlank(c.plain.text)
}

// isHTMLPart reports a text/html part (of a multipart, so whether it is an
// attachment does not matter: either way it gives no plain text and no
// forwarded message).
func isHTMLPart(h textproto.Header) bool {
	mt, _ := contentType(h)
	return mt == "text/html"
}

func (c *combiner) add(p piece) {
	switch {
	case p.kind == kindPlain && !c.alternative:
		c.plain = c.joinPlain(c.plain, p)
	case p.kind == kindPlain:
		c.plain = better(c.plain, p)
	case p.kind == kindHTML:
		c.html = better(c.html, p)
	}
	if c.alternative {
		return
	}
	for _, f := range p.forwards {
		if c.size >= c.max {
			return
		}
		c.forwards = append(c.forwards, f)
		c.size += len(f)
	}
}

// joinPlain appends the text of p to cur, when both have text.
func (c *combiner) joinPlain(cur *piece, p piece) *piece {
	if cur == nil || isBlank(cur.text) || isBlank(p.text) || len(cur.text) >= c.max {
		return better(cur, p)
	}
	joined := *cur
	joined.text = truncateUTF8(strings.TrimRight(cur.text, "\n")+"\n\n"+strings.TrimLeft(p.text, "\n"), c.max)
	return &joined
}

func better(cur *piece, p piece) *piece {
	if cur == nil || (isBlank(cur.text) && !isBlank(p.text)) {
		return &p
	}
	return cur
}

func (c *combiner) result() piece {
	main := c.plain
	if main == nil || (isBlank(main.text) && c.html != nil && !isBlank(c.html.text)) {
		main = c.html
	}
	if c.alternative {
		if main == nil {
			return piece{}
		}
		return *main
	}
	out := piece{forwards: c.forwards}
	if main != nil {
		out.kind, out.text = main.kind, main.text
	}
	return out
}
