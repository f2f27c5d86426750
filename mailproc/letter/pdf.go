package letter

import (
	"bytes"
	"errors"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// PDF writes letters as one PDF, one page a letter.
func PDF(letters ...Letter) ([]byte, error) {
	if len(letters) == 0 {
		return nil, errors.New("pdf: no letter")
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.SetCreator("mailproc", true)
	pdf.SetTitle(printable(fmt.Sprintf("%s: letter on case %s", letters[0].Company, letters[0].CaseID)), true)
	pdf.SetCreationDate(letters[0].Date)
	pdf.SetModificationDate(letters[0].Date)
	for _, l := range letters {
		p, err := layOut(l)
		if err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		p.draw(pdf)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// draw puts one letter on a new page.
func (p page) draw(pdf *fpdf.Fpdf) {
	g := p.g
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: g.PageW, Ht: g.PageH})
	pdf.SetDrawColor(128, 128, 128)
	pdf.SetLineWidth(0.2)
	for _, y := range g.Folds {
		pdf.Line(4, y, 10, y)
	}
	pdf.SetTextColor(0, 0, 0)
	y := text(pdf, g.Letterhead.X, g.Letterhead.Y, "B", headSize, []string{p.Company})
	text(pdf, g.Letterhead.X, y, "", smallSize, p.from)
	right(pdf, g.Reference, smallSize, []string{p.date, "Case " + p.CaseID})
	if p.returnLine != "" {
		text(pdf, g.ReturnLine.X, g.ReturnLine.Y, "", returnSize, []string{p.returnLine})
	}
	text(pdf, g.Window.X, g.Window.Y, "", p.addressSize, p.to)
	y = text(pdf, g.Body.X, g.Body.Y, "B", p.bodySize, p.subject)
	text(pdf, g.Body.X, y+lead(p.bodySize), "", p.bodySize, p.lines)
}

// text writes lines from the top left corner (x, top) and returns where
// the next line would start.
func text(pdf *fpdf.Fpdf, x, top float64, style string, size float64, lines []string) float64 {
	pdf.SetFont(fontFamily, style, size)
	for _, l := range lines {
		pdf.Text(x, baseline(top, size), cp1252(l))
		top += lead(size)
	}
	return top
}

// right writes lines right-aligned in a box.
func right(pdf *fpdf.Fpdf, b Box, size float64, lines []string) {
	pdf.SetFont(fontFamily, "", size)
	top := b.Y
	for _, l := range lines {
		s := cp1252(l)
		pdf.Text(b.X+b.W-pdf.GetStringWidth(s), baseline(top, size), s)
		top += lead(size)
	}
}

// baseline is where a line's letters stand when the line starts at top:
// the ascent (about 0.8 of the size) below half the extra leading.
func baseline(top, size float64) float64 {
	return top + (lead(size)-size*ptMM)/2 + 0.8*size*ptMM
}
