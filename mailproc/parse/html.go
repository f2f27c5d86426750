package parse

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText turns an HTML body into plain text. The contents of head,
// script, style, title, template and comments are skipped; block elements
// and <br> break lines; entities are decoded; runs of spaces in a line are
// collapsed. Text inside <blockquote>, and everything from an element of
// class "gmail_quote" or id "divRplyFwdMsg" / "appendonsend" on, comes out
// with "> " before each line, so that StripQuotes drops it. A forwarded
// message ("---------- Forwarded message ---------", "Begin forwarded
// message:") is not quoted. No markup gets through.
func HTMLToText(src string) string {
	return htmlToText(src, false)
}

// htmlToText is HTMLToText; with forwarded set (the subject marks a
// forward) nothing is quoted.
func htmlToText(src string, forwarded bool) string {
	c := htmlConverter{keepQuotes: forwarded}
	z := html.NewTokenizer(strings.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return c.finish()
		case html.TextToken:
			c.text(string(z.Text()))
		case html.StartTagToken:
			c.start(z, false)
		case html.SelfClosingTagToken:
			c.start(z, true)
		case html.EndTagToken:
			name, _ := z.TagName()
			c.end(atom.Lookup(name))
		}
	}
}

// htmlLine is one line of output and whether it is quoted.
type htmlLine struct {
	text   string
	quoted bool
}

// htmlConverter builds lines from the token stream.
type htmlConverter struct {
	lines      []htmlLine
	cur        strings.Builder
	curQuoted  bool
	space      bool   // a collapsed space is due before the next word
	skip       int    // depth inside skipped elements
	pre        int    // depth inside <pre>
	quotes     []bool // open blockquotes: whether each one quotes
	quoteDepth int    // open blockquotes that quote
	inHead     bool
	quoteAll   bool // quoted from here to the end
	quoteFresh bool // quoteAll began and no text came since
	keepQuotes bool // a forward is being read: nothing more is quoted
}

func (c *htmlConverter) quoted() bool {
	return c.quoteDepth > 0 || c.quoteAll
}

// breakLine ends the current line. A soft break (a block boundary) does
// nothing on an empty line; a hard one (<br>) makes an empty line.
func (c *htmlConverter) breakLine(hard bool) {
	c.space = false
	if c.cur.Len() == 0 {
		if hard {
			c.lines = append(c.lines, htmlLine{quoted: c.quoted()})
		}
		return
	}
	c.lines = append(c.lines, htmlLine{text: c.cur.String(), quoted: c.curQuoted})
	c.cur.Reset()
}

// word writes text with no collapsible space in it.
func (c *htmlConverter) word(s string) {
	if c.cur.Len() == 0 {
		c.curQuoted = c.quoted()
	} else if c.space {
		c.cur.WriteByte(' ')
	}
	c.space = false
	c.cur.WriteString(s)
}

func (c *htmlConverter) text(s string) {
	if c.skip > 0 {
		return
	}
	trimmed := strings.TrimSpace(s)
	if c.inHead {
		if trimmed == "" {
			return
		}
		c.inHead = false // text in <head> ends it, as in a browser
	}
	if trimmed != "" {
		c.noteText(trimmed)
	}
	if c.pre > 0 {
		c.preText(s)
		return
	}
	c.flowText(s)
}

// noteText lets a forwarded-message line end quoting: in a gmail_quote (as
// its first text) or outside any quote.
func (c *htmlConverter) noteText(trimmed string) {
	if isForwardMarker(trimmed) && c.quoteDepth == 0 && (!c.quoteAll || c.quoteFresh) {
		c.quoteAll = false
		c.keepQuotes = true
	}
	c.quoteFresh = false
}

func (c *htmlConverter) flowText(s string) {
	for len(s) > 0 {
		i := strings.IndexFunc(s, isHTMLSpace)
		switch {
		case i < 0:
			c.word(s)
			return
		case i == 0:
			c.space = true
			s = strings.TrimLeftFunc(s, isHTMLSpace)
		default:
			c.word(s[:i])
			s = s[i:]
		}
	}
}

func (c *htmlConverter) preText(s string) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			c.breakLine(true)
		}
		if line != "" {
			c.space = false
			c.word(line)
		}
	}
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}
