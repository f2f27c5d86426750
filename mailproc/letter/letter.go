// Package letter lays out the answer to a request that came by post as a
// printed letter, one page each: the company's letterhead, the date and the
// case number, the requester's address where the window of the envelope
// shows it, and the reply's text body. It writes print-ready HTML and PDF
// (core fonts in cp1252) with the same lines on the same places. It does no
// I/O and keeps no state.
package letter

import (
	"errors"
	"time"
)

// Paper is what a letter is printed on, and so which envelope it fits.
type Paper string

// The papers letters are printed on.
const (
	// PaperLetter is US Letter, folded in three into a #10 single-window
	// envelope.
	PaperLetter Paper = "letter"
	// PaperA4 is A4, folded into a DL window envelope (DIN 5008 form B).
	PaperA4 Paper = "a4"
)

// Letter is one letter to print.
type Letter struct {
	Paper   Paper
	Company string    // heads and signs the letter
	From    []string  // the company's postal address, one line an entry
	To      []string  // the requester's address, one line an entry
	Date    time.Time // the letter's date, shown in its own zone
	CaseID  string
	Subject string // the subject line, above the text
	Body    string // the text body, LF line ends
}

// ErrTooLong is returned for a letter whose text does not fit on one page
// even in the smallest type, or whose address does not fit the window.
var ErrTooLong = errors.New("does not fit on one page")

// dateLayout is how a letter writes its date: "March 5, 2026".
const dateLayout = "January 2, 2006"
