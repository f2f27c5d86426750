package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/letter"
)

// letterPolicy lets the print view apply its own style sheet, by hash, and
// nothing else: no script, no image, no form, no frame.
func letterPolicy() string {
	return "default-src 'none'; style-src " + letter.StyleSource() + "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
}

// printHTML shows a letter of a case as a page to print (?n= its reply
// number; none: the letter to post).
func (c *console) printHTML(w http.ResponseWriter, r *http.Request) {
	p, ok := c.printable(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Security-Policy", letterPolicy())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(p.HTML))
}

// printPDF gives a letter of a case as a PDF file to download and print.
func (c *console) printPDF(w http.ResponseWriter, r *http.Request) {
	p, ok := c.printable(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-letter-%d.pdf"`, safeName(p.CaseID), p.Reply))
	w.Header().Set("Content-Length", strconv.Itoa(len(p.PDF)))
	w.Write(p.PDF)
}

// printable asks the service for the letter the request names, or shows
// why there is none.
func (c *console) printable(w http.ResponseWriter, r *http.Request) (control.Printable, bool) {
	n := 0
	if s := r.URL.Query().Get("n"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			c.showError(w, r, http.StatusBadRequest, "The letter's number is not a number from 1.")
			return control.Printable{}, false
		}
	}
	p, err := c.desk.PrintLetter(r.PathValue("id"), n)
	if err != nil {
		c.serviceError(w, r, "print the letter", err)
		return control.Printable{}, false
	}
	c.log.Info("letter printed", "case", p.CaseID, "reply", p.Reply, "user", sessionOf(r).User)
	return p, true
}

var unsafeInName = regexp.MustCompile(`[^A-Za-z0-9_-]`)

// safeName keeps a case ID fit for a file name in a header.
func safeName(id string) string { return unsafeInName.ReplaceAllString(id, "_") }
