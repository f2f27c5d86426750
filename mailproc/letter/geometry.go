package letter

// Box is a rectangle on the page, in millimetres from the top left corner.
type Box struct{ X, Y, W, H float64 }

// Geometry is where the parts of a letter go on one paper.
type Geometry struct {
	Paper        Paper
	Envelope     string    // the envelope it is folded into, and where the window is
	PageW, PageH float64   // mm
	Letterhead   Box       // the company's name and address
	Reference    Box       // the date and the case number, right-aligned
	ReturnLine   Box       // the company's address on one line, in the window above the recipient; W 0 = none
	Window       Box       // the recipient's address: in the window wherever the folded sheet settles
	Body         Box       // the subject and the text
	Folds        []float64 // where to fold, marked on the left edge (mm from the top)
}

// inch is a US inch in millimetres.
const inch = 25.4

// GeometryOf returns the layout of a paper; an unknown paper is US Letter.
//
// US Letter, #10 single-window envelope (9½ × 4⅛ in; window 4½ × 1⅛ in,
// ⅞ in from the left and ½ in from the bottom): folded in three (folds at
// 3⅔ and 7⅓ in) with the top third facing the window, the sheet settles at
// the bottom of the envelope, where the window spans 2.04 to 3.17 in from
// the top of the sheet. The address box is 1 in from the left and 2.04 in
// from the top, 3¼ × ⅞ in: inside the window however far the sheet slides
// sideways (1 in of play), with ⅛ in to spare at the bottom. Nothing else
// is printed in that band; the date and case number stand at the top right.
//
// A4, DL window envelope (220 × 110 mm; window 90 × 45 mm, 20 mm from the
// left and 15 mm from the bottom; DIN 680): folded at 105 and 210 mm as
// DIN 5008 form B, the window shows 45 to 90 mm from the top of the sheet.
// The return line stands at 56 mm and the address zone at 62.7 mm, 25 mm
// from the left, 80 × 27.3 mm; the date and case number follow DIN 5008's
// information block at 125 mm from the left.
func GeometryOf(p Paper) Geometry {
	if p == PaperA4 {
		return Geometry{
			Paper:    PaperA4,
			Envelope: "DL window envelope (window 90 × 45 mm, 20 mm from the left, 15 mm from the bottom); fold at the marks, DIN 5008 form B",
			PageW:    210, PageH: 297,
			Letterhead: Box{25, 12, 95, 30},
			Reference:  Box{125, 50, 60, 12},
			ReturnLine: Box{25, 56, 80, 5},
			Window:     Box{25, 62.7, 80, 27.3},
			Body:       Box{25, 98.5, 165, 183.5},
			Folds:      []float64{105, 210},
		}
	}
	return Geometry{
		Paper:    PaperLetter,
		Envelope: "#10 single-window envelope (window 4½ × 1⅛ in, ⅞ in from the left, ½ in from the bottom); fold in three at the marks, top third facing the window",
		PageW:    8.5 * inch, PageH: 11 * inch,
		Letterhead: Box{1 * inch, 0.5 * inch, 3.75 * inch, 1.25 * inch},
		Reference:  Box{5 * inch, 0.5 * inch, 2.5 * inch, 0.5 * inch},
		Window:     Box{1 * inch, 2.042 * inch, 3.25 * inch, 0.875 * inch},
		Body:       Box{1 * inch, 3.5 * inch, 6.5 * inch, 7 * inch},
		Folds:      []float64{11.0 / 3 * inch, 22.0 / 3 * inch},
	}
}
