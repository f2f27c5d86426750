package letter

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/testenv/golden"
)

// sample is a letter answering a california request.
func sample(p Paper) Letter {
	la, _ := time.LoadLocation("America/Los_Angeles")
	return Letter{
		Paper:   p,
		Company: "Cooper",
		From:    []string{"Cooper Inc.", "Attn: Privacy Team", "100 Market St, Suite 300", "San Francisco, CA 94105"},
		To:      []string{"Zoë Ramírez", "12 Oak Street", "Apt 4", "Fresno, CA 93704"},
		Date:    time.Date(2026, 3, 5, 10, 0, 0, 0, la),
		CaseID:  "C-2026-0007",
		Subject: "Your California Privacy Rights Request, case C-2026-0007",
		Body: "Dear Zoë Ramírez,\n\nThank you for your California Privacy Rights Request, which we received\non March 2, 2026. Your case number is C-2026-0007.\n\n" +
			"California Civil Code § 1798.83 allows a customer who is a California\nresident to ask, once per calendar year, which categories of personal\ninformation a business disclosed.\n\n" +
			"  - name and address\n  - the kind of product the customer purchased, with a note long enough that it must be wrapped onto a second line of the page\n\nSincerely,\n\nCooper Privacy Team\n",
	}
}

func TestHTMLGolden(t *testing.T) {
	for _, p := range []Paper{PaperLetter, PaperA4} {
		t.Run(string(p), func(t *testing.T) {
			got, err := HTML(sample(p))
			if err != nil {
				t.Fatalf("HTML(%s) = %v", p, err)
			}
			checkGolden(t, string(p)+".golden.html", got)
		})
	}
}

// checkGolden compares got with testdata/name.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

// TestHTMLStyleIsTheOneAllowed: the page's one <style> is what
// StyleSource's hash allows, so a strict CSP can serve it.
func TestHTMLStyleIsTheOneAllowed(t *testing.T) {
	page, err := HTML(sample(PaperLetter))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(page, "<style>") != 1 || strings.Contains(page, "style=") || strings.Contains(page, "<script") {
		t.Fatalf("the page must have one <style> and no style attribute or script:\n%s", page)
	}
	css := page[strings.Index(page, "<style>")+len("<style>") : strings.Index(page, "</style>")]
	sum := sha256.Sum256([]byte(css))
	if got := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; got != StyleSource() {
		t.Errorf("hash of the page's style = %s, want StyleSource() %s", got, StyleSource())
	}
}

func TestHTMLEscapes(t *testing.T) {
	l := sample(PaperLetter)
	l.To[0] = `<script>alert("x")</script>`
	l.Body = "Dear </pre><img src=x>,\n"
	page, err := HTML(l)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "<script>") || strings.Contains(page, "<img") {
		t.Errorf("requester text reached the page unescaped:\n%s", page)
	}
}

func TestTooLong(t *testing.T) {
	l := sample(PaperLetter)
	l.Body = strings.Repeat("A line of the letter.\n", 120)
	if _, err := PDF(l); !errors.Is(err, ErrTooLong) {
		t.Errorf("PDF(120 lines) = %v, want ErrTooLong", err)
	}
	l.To = nil
	if _, err := HTML(l); err == nil {
		t.Error("HTML(no address) = nil error, want one")
	}
}

func TestShrinksToFit(t *testing.T) {
	l := sample(PaperLetter)
	p, err := layOut(l)
	if err != nil || p.bodySize != maxBodySize {
		t.Fatalf("layOut(short) = %vpt, %v; want %vpt", p.bodySize, err, float64(maxBodySize))
	}
	l.Body = strings.Repeat("A line of the letter.\n", 45)
	p, err = layOut(l)
	if err != nil || p.bodySize >= maxBodySize || p.bodySize < minBodySize {
		t.Errorf("layOut(45 lines) = %vpt, %v; want smaller type that fits", p.bodySize, err)
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zoë Ramírez § 1798.83 “quoted” — dash", "Zoë Ramírez § 1798.83 “quoted” — dash"},
		{"Łukasz Wąs", "?ukasz Was"},
		{"tab\tand\x1b[31m", "tab and [31m"},
		{"東京", "??"},
	}
	for _, tt := range tests {
		if got := printable(tt.in); got != tt.want {
			t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
