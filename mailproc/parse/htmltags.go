package parse

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isSkipped reports elements that hold no readable text.
func isSkipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Title, atom.Template, atom.Noscript,
		atom.Iframe, atom.Svg, atom.Object, atom.Select, atom.Textarea:
		return true
	}
	return false
}

// isRawText reports skipped elements whose content the tokenizer reads as
// raw text up to the end tag, even after a "self-closing" start tag.
func isRawText(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Title, atom.Noscript, atom.Iframe, atom.Textarea:
		return true
	}
	return false
}

// isBlock reports elements that break lines before and after.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Caption,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hr, atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Thead,
		atom.Tfoot, atom.Tr, atom.Ul:
		return true
	}
	return false
}

// isHeadElement reports elements that may stand in <head>; any other start
// tag ends it, as in a browser.
func isHeadElement(a atom.Atom) bool {
	switch a {
	case atom.Base, atom.Link, atom.Meta, atom.Script, atom.Style,
		atom.Title, atom.Noscript, atom.Template:
		return true
	}
	return false
}

func (c *htmlConverter) start(z *html.Tokenizer, selfClosing bool) {
	name, hasAttr := z.TagName()
	a := atom.Lookup(name)
	if c.inHead && !isHeadElement(a) {
		c.inHead = false
	}
	switch {
	case a == atom.Head:
		c.inHead = !selfClosing
		return
	case a == atom.Body:
		c.inHead, c.skip = false, 0
	case isSkipped(a):
		if !selfClosing || isRawText(a) {
			c.skip++
		}
		return
	}
	if c.skip > 0 {
		return
	}
	if hasAttr {
		c.checkQuoteStart(z)
	}
	c.startElement(a, selfClosing)
}

func (c *htmlConverter) startElement(a atom.Atom, selfClosing bool) {
	switch {
	case a == atom.Br:
		c.breakLine(true)
	case a == atom.Td || a == atom.Th:
		if c.cur.Len() > 0 { // cells of a row: "Name<TAB>Jane Doe", as a label and its value
			c.cur.WriteByte('\t')
		}
		c.space = false
	case isBlock(a):
		c.breakLine(false)
	}
	if selfClosing {
		return
	}
	switch a {
	case atom.Blockquote:
		quotes := !c.keepQuotes
		c.quotes = append(c.quotes, quotes)
		if quotes {
			c.quoteDepth++
		}
	case atom.Pre:
		c.pre++
	}
}

func (c *htmlConverter) end(a atom.Atom) {
	switch {
	case a == atom.Head:
		c.inHead = false
		return
	case isSkipped(a):
		if c.skip > 0 {
			c.skip--
		}
		return
	}
	if c.skip > 0 {
		return
	}
	switch a {
	case atom.Blockquote:
		c.breakLine(false)
		if n := len(c.quotes); n > 0 {
			if c.quotes[n-1] {
				c.quoteDepth--
			}
			c.quotes = c.quotes[:n-1]
		}
	case atom.Pre:
		if c.pre > 0 {
			c.pre--
		}
	}
	if isBlock(a) {
		c.breakLine(false)
	}
}

// checkQuoteStart starts quoting everything that follows an element that
// webmail uses to wrap the quoted message (Gmail, Outlook, Yahoo), and
// marks Gmail's signature with "-- " so that StripQuotes drops it.
func (c *htmlConverter) checkQuoteStart(z *html.Tokenizer) {
	for more := true; more; {
		var key, val []byte
		key, val, more = z.TagAttr()
		k, v := string(key), string(val)
		switch {
		case k == "class" && hasClass(v, "gmail_signature") && !c.quoted():
			c.breakLine(false)
			c.lines = append(c.lines, htmlLine{text: "-- "})
		case c.keepQuotes || c.quoteAll:
		case k == "class" && (hasClassPrefix(v, "gmail_quote") || hasClass(v, "yahoo_quoted")),
			k == "id" && (v == "divRplyFwdMsg" || v == "appendonsend"):
			c.breakLine(false)
			c.quoteAll, c.quoteFresh = true, true
		}
	}
}

func hasClass(classes, name string) bool {
	return slices.Contains(strings.Fields(classes), name)
}

func hasClassPrefix(classes, prefix string) bool {
	return slices.ContainsFunc(strings.Fields(classes), func(c string) bool { return strings.HasPrefix(c, prefix) })
}

// finish ends the last line and lays the lines out: each normalised, its
// spaces collapsed and trimmed, quoted ones behind "> ", runs of empty
// lines made one, empty lines at either end dropped.
func (c *htmlConverter) finish() string {
	c.breakLine(false)
	var b strings.Builder
	emptyRun := true // drops empty lines at the start
	for _, l := range c.lines {
		text := collapseCells(normalizeText(l.text))
		if text == "" {
			if emptyRun {
				continue
			}
			emptyRun = true
		} else {
			emptyRun = false
		}
		if l.quoted {
			b.WriteString(strings.TrimSpace("> " + text))
		} else {
			b.WriteString(text)
		}
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

// collapseCells collapses the spaces of each table cell of a line and keeps
// one tab between cells.
func collapseCells(line string) string {
	if isCollapsed(line) {
		return line
	}
	cells := strings.Split(line, "\t")
	out := cells[:0]
	for _, c := range cells {
		if c = strings.Join(strings.Fields(c), " "); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, "\t")
}

// isCollapsed reports an ASCII line that collapseCells leaves as it is: no
// white space but single spaces between words.
func isCollapsed(line string) bool {
	space := true // a space here would be leading or doubled
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c >= 0x80 || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		case c == ' ':
			if space {
				return false
			}
			space = true
		default:
			space = false
		}
	}
	return !space || line == ""
}
