package letter

import (
	"fmt"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// ptMM is one typographic point in millimetres.
const ptMM = inch / 72

// leading is the distance between lines as a multiple of the type size.
const leading = 1.25

// Type sizes, in points.
const (
	headSize    = 12  // the company's name
	smallSize   = 9   // the letterhead's address, the date and case number
	returnSize  = 7   // the return line in the window
	maxBodySize = 11  // the text, as large as fits
	minBodySize = 7   // ... and no smaller
	addressSize = 10  // the recipient's address, as large as fits
	minAddress  = 8   // ... and no smaller
	sizeStep    = 0.5 // how the text shrinks to fit
)

// fontFamily is the PDF's core font; the HTML names fonts with its metrics.
const fontFamily = "Helvetica"

// page is one letter laid out: what goes where, in text made printable.
type page struct {
	Letter
	g           Geometry
	bodySize    float64  // pt
	addressSize float64  // pt
	to          []string // the address lines
	from        []string // the letterhead's address lines
	returnLine  string   // "" when the paper has none
	subject     []string // the subject, wrapped
	lines       []string // the text, wrapped
	date        string
}

// measurer gives the width in mm of text in the core font.
type measurer struct{ pdf *fpdf.Fpdf }

func newMeasurer() measurer {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}})
	return measurer{pdf: pdf}
}

func (m measurer) width(style string, size float64, s string) float64 {
	m.pdf.SetFont(fontFamily, style, size)
	return m.pdf.GetStringWidth(cp1252(s))
}

// layOut lays out a letter: the largest type that puts the whole text on
// the page and the whole address in the window.
func layOut(l Letter) (page, error) {
	p := page{Letter: l, g: GeometryOf(l.Paper), date: l.Date.Format(dateLayout)}
	p.Company, p.CaseID = printable(l.Company), printable(l.CaseID)
	p.from, p.to = printableLines(l.From), printableLines(l.To)
	m := newMeasurer()
	if p.g.ReturnLine.W > 0 {
		p.returnLine = p.fitReturn(m)
	}
	if err := p.fitAddress(m); err != nil {
		return p, err
	}
	if err := p.fitBody(m); err != nil {
		return p, err
	}
	return p, m.pdf.Error()
}

func printableLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(printable(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// fitReturn is the company's address on one line for the window's return
// line: every line of it, or when that is too wide its first and its last
// two (the name, the street, the city with its postcode), or its first and
// last, or its first alone.
func (p *page) fitReturn(m measurer) string {
	tries := []string{p.Company}
	if n := len(p.from); n > 0 {
		tries = []string{strings.Join(p.from, " · "), p.from[0] + " · " + p.from[n-1], p.from[0]}
		if n > 3 {
			tries = slices.Insert(tries, 1, strings.Join([]string{p.from[0], p.from[n-2], p.from[n-1]}, " · "))
		}
	}
	for _, s := range tries {
		if m.width("", returnSize, s) <= p.g.ReturnLine.W {
			return s
		}
	}
	return ""
}

// fitAddress picks the address's type size: every line on one line, all
// lines inside the window.
func (p *page) fitAddress(m measurer) error {
	if len(p.to) == 0 {
		return fmt.Errorf("letter %s: no address to post it to", p.CaseID)
	}
	for size := float64(addressSize); size >= minAddress; size -= sizeStep {
		fits := float64(len(p.to))*size*ptMM*leading <= p.g.Window.H
		for _, line := range p.to {
			fits = fits && m.width("", size, line) <= p.g.Window.W
		}
		if fits {
			p.addressSize = size
			return nil
		}
	}
	return fmt.Errorf("letter %s: the address %w in the envelope's window", p.CaseID, ErrTooLong)
}

// fitBody picks the text's type size: the subject and every line of the
// text inside the body box.
func (p *page) fitBody(m measurer) error {
	for size := float64(maxBodySize); size >= minBodySize; size -= sizeStep {
		p.subject = wrap(func(s string) float64 { return m.width("B", size, s) }, printable(p.Subject), p.g.Body.W)
		p.lines = nil
		for _, line := range strings.Split(strings.TrimRight(p.Body, "\n"), "\n") {
			p.lines = append(p.lines, wrap(func(s string) float64 { return m.width("", size, s) }, printable(line), p.g.Body.W)...)
		}
		if float64(len(p.subject)+1+len(p.lines))*size*ptMM*leading <= p.g.Body.H {
			p.bodySize = size
			return nil
		}
	}
	return fmt.Errorf("letter %s: the text %w, even at %dpt", p.CaseID, ErrTooLong, minBodySize)
}

// lead is the distance between lines of a type size, in mm.
func lead(size float64) float64 { return size * ptMM * leading }

// sizeClass names a type size for the style sheet: 10.5pt is "105".
func sizeClass(size float64) string { return fmt.Sprintf("%d", int(size*10+0.5)) }
