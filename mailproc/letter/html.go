package letter

import (
	"bytes"
	"fmt"
	"html/template"
)

// htmlPage is one letter as the HTML template shows it.
type htmlPage struct {
	Class      string // paper and type sizes
	Folds      []int
	Company    string
	From       []string
	Date       string
	CaseID     string
	ReturnLine string
	To         []string
	Subject    []string
	Lines      []string
}

// HTML writes letters as one print-ready page each: the browser prints
// them on the paper the letters name, at 100 %, without margins. The only
// style is the style sheet StyleSource allows; every text is escaped.
func HTML(letters ...Letter) (string, error) {
	var pages []htmlPage
	envelope := ""
	for _, l := range letters {
		p, err := layOut(l)
		if err != nil {
			return "", fmt.Errorf("html: %w", err)
		}
		pages = append(pages, p.html())
		envelope = p.g.Envelope
	}
	t, err := template.New("letter").Parse(htmlTemplate())
	if err != nil {
		return "", fmt.Errorf("html: %w", err)
	}
	var b bytes.Buffer
	data := struct {
		Title    string
		Envelope string
		Pages    []htmlPage
	}{Title: title(letters), Envelope: envelope, Pages: pages}
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("html: %w", err)
	}
	return b.String(), nil
}

func title(letters []Letter) string {
	if len(letters) == 1 {
		return "Letter on case " + printable(letters[0].CaseID)
	}
	return fmt.Sprintf("%d letters", len(letters))
}

func (p page) html() htmlPage {
	h := htmlPage{
		Class:   fmt.Sprintf("%s t%s a%s", p.g.Paper, sizeClass(p.bodySize), sizeClass(p.addressSize)),
		Company: p.Company, From: p.from, Date: p.date, CaseID: p.CaseID, ReturnLine: p.returnLine,
		To: p.to, Subject: p.subject, Lines: make([]string, len(p.lines)),
	}
	for i := range p.g.Folds {
		h.Folds = append(h.Folds, i+1)
	}
	for i, l := range p.lines {
		if l == "" {
			l = " " // an empty line still takes its height
		}
		h.Lines[i] = l
	}
	return h
}

// htmlTemplate is the page; the style sheet is its one <style>.
func htmlTemplate() string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>` + styleSheet() + `</style>
</head>
<body>
<p class="howto">Print at 100 % (no “fit to page”), with no margins, headers or footers.
Post in a {{.Envelope}}.</p>
{{range .Pages}}<article class="page {{.Class}}">
{{range .Folds}}<span class="fold fold-{{.}}"></span>{{end}}
<header class="letterhead"><span class="line head">{{.Company}}</span>{{range .From}}<span class="line small">{{.}}</span>{{end}}</header>
<p class="ref small"><span class="line">{{.Date}}</span><span class="line">Case {{.CaseID}}</span></p>
{{with .ReturnLine}}<p class="return"><span class="line">{{.}}</span></p>{{end}}
<address class="window">{{range .To}}<span class="line">{{.}}</span>{{end}}</address>
<div class="body">{{range .Subject}}<span class="line subject">{{.}}</span>{{end}}<span class="line"> </span>{{range .Lines}}<span class="line">{{.}}</span>{{end}}</div>
</article>
{{end}}</body>
</html>
`
}
