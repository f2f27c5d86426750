package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// letterDesk is the service's letter desk, if it has one.
func letterDesk(svc control.Service) (control.LetterDesk, error) {
	return part[control.LetterDesk](svc, "takes no letters")
}

// printLetter is `mailproc review print ID [--reply N] [--out FILE]`: the
// letter as a PDF (FILE.pdf) or a print-ready page (FILE.html, or without
// --out on standard output).
func printLetter(svc control.Service, id string, n int, path string, out io.Writer) error {
	desk, err := letterDesk(svc)
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(path))
	if path != "" && ext != ".pdf" && ext != ".html" && ext != ".htm" {
		return fmt.Errorf("--out %s: name a .pdf or .html file", path)
	}
	p, err := desk.PrintLetter(id, n)
	if err != nil {
		return err
	}
	if path == "" {
		_, err := io.WriteString(out, p.HTML)
		return err
	}
	data := []byte(p.HTML)
	if ext == ".pdf" {
		data = p.PDF
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: letter %d of %s (%s, %s) to %s\nPrint it on %s paper at 100 %%; post it in a %s.\n",
		path, p.Reply, p.CaseID, p.Template, p.State, strings.Join(p.To, ", "), p.Paper, p.Envelope)
	return nil
}

// markPosted is `mailproc review posted ID [--date DATE]`: the letter to
// post was posted on DATE (default today).
func markPosted(svc control.Service, id string, act control.Act, date string) (*cases.Case, error) {
	desk, err := letterDesk(svc)
	if err != nil {
		return nil, err
	}
	day := time.Now()
	if date != "" {
		if day, err = time.Parse(time.DateOnly, date); err != nil {
			return nil, fmt.Errorf("--date %q: give the day the letter was posted as YYYY-MM-DD", date)
		}
	}
	return desk.MarkPosted(id, act, day)
}
