package web

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// previewView is a reply as staff read it before sending: its text in
// paragraphs (the lines the template wrapped joined again, as a mail
// program shows them), what staff corrected marked in it, and the exact
// bytes beside.
type previewView struct {
	control.Preview
	Paragraphs []template.HTML
	Changes    []string // "ZIP: “89501” → “93704”"; none when the case's own fields are used
}

// wrapWidth is the length from which a line of a template is taken to be
// wrapped, not broken on purpose: it runs on into the next.
const wrapWidth = 60

// readablePreview makes a preview readable; with corrected fields it says
// what changed and marks the new values in the text.
func readablePreview(p control.Preview, own cases.Fields, corrected *cases.Fields) *previewView {
	v := &previewView{Preview: p}
	var marks []string
	if corrected != nil {
		v.Changes = changed(own, *corrected)
		marks = newValues(own, *corrected)
	}
	for _, para := range strings.Split(strings.TrimSpace(strings.ReplaceAll(p.Text, "\r\n", "\n")), "\n\n") {
		if strings.TrimSpace(para) != "" {
			v.Paragraphs = append(v.Paragraphs, markHTML(unwrap(para), marks))
		}
	}
	return v
}

// unwrap joins a paragraph's lines where the template wrapped them (a
// long line running on, or a line going on in lower case), and keeps the
// breaks of short lines (a list, a form, a signature).
func unwrap(para string) string {
	lines := strings.Split(para, "\n")
	var b strings.Builder
	for i, line := range lines {
		b.WriteString(line)
		if i == len(lines)-1 {
			break
		}
		if runsOn(line, lines[i+1]) {
			b.WriteByte(' ')
		} else {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// runsOn reports whether a line goes on in the next: the next begins in
// lower case (a sentence, or a list item's second line, indented), or
// the line is long and the next starts no item of its own.
func runsOn(line, next string) bool {
	rest := strings.TrimLeft(next, " ")
	if rest == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsLower(first) {
		return true
	}
	return utf8.RuneCountInString(line) >= wrapWidth && rest == next && first != '-'
}

// markHTML escapes text, wraps each occurrence of a mark in <mark> and
// makes line breaks <br>.
func markHTML(text string, marks []string) template.HTML {
	var b strings.Builder
	for text != "" {
		at, mark := firstMark(text, marks)
		if at < 0 {
			b.WriteString(escapeLines(text))
			break
		}
		b.WriteString(escapeLines(text[:at]))
		b.WriteString("<mark>" + escapeLines(mark) + "</mark>")
		text = text[at+len(mark):]
	}
	return template.HTML(b.String()) // every piece escaped above
}

// firstMark finds the first (then longest) mark in text.
func firstMark(text string, marks []string) (int, string) {
	at, found := -1, ""
	for _, m := range marks {
		if i := strings.Index(text, m); i >= 0 && (at < 0 || i < at || i == at && len(m) > len(found)) {
			at, found = i, m
		}
	}
	return at, found
}

// escapeLines escapes text for HTML and makes its line breaks <br>.
func escapeLines(s string) string {
	return strings.ReplaceAll(template.HTMLEscapeString(s), "\n", "<br>\n")
}
