package letter

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pdftotext runs poppler's pdftotext on a PDF with args, or skips the test
// where it is not installed (apt-get install poppler-utils).
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// TestPDFReadsBack: pdftotext finds the requester's address, the case
// number, the date and the accented text; two letters make two pages.
func TestPDFReadsBack(t *testing.T) {
	for _, p := range []Paper{PaperLetter, PaperA4} {
		t.Run(string(p), func(t *testing.T) {
			l := sample(p)
			other := sample(p)
			other.CaseID, other.To = "C-2026-0008", []string{"Pat Parent", "9 Elm Road", "Reno, NV 89501"}
			pdf, err := PDF(l, other)
			if err != nil {
				t.Fatalf("PDF = %v", err)
			}
			text := pdftotext(t, pdf, "-layout")
			pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
			if len(pages) != 2 {
				t.Fatalf("pdftotext found %d pages, want 2 (one a letter)", len(pages))
			}
			for _, want := range []string{"Zoë Ramírez", "12 Oak Street", "Fresno, CA 93704", "Case C-2026-0007", "March 5, 2026", "§ 1798.83", "Cooper Privacy Team"} {
				if !strings.Contains(pages[0], want) {
					t.Errorf("page 1 lacks %q:\n%s", want, pages[0])
				}
			}
			if !strings.Contains(pages[1], "Reno, NV 89501") || !strings.Contains(pages[1], "C-2026-0008") {
				t.Errorf("page 2 is not the second letter:\n%s", pages[1])
			}
		})
	}
}

var wordBox = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// TestAddressInWindow: every word of the requester's address lies in the
// window box, and no other word of the page comes near the window.
func TestAddressInWindow(t *testing.T) {
	for _, p := range []Paper{PaperLetter, PaperA4} {
		t.Run(string(p), func(t *testing.T) {
			pdf, err := PDF(sample(p))
			if err != nil {
				t.Fatal(err)
			}
			g := GeometryOf(p)
			address := strings.Fields(strings.Join(sample(p).To, " "))
			for _, w := range wordBox.FindAllStringSubmatch(pdftotext(t, pdf, "-bbox"), -1) {
				x0, y0, x1, y1 := mm(w[1]), mm(w[2]), mm(w[3]), mm(w[4])
				inWindow := x0 >= g.Window.X-0.5 && x1 <= g.Window.X+g.Window.W && y0 >= g.Window.Y-0.5 && y1 <= g.Window.Y+g.Window.H
				nearWindow := y1 > g.Window.Y-2 && y0 < g.Window.Y+g.Window.H+2 && x0 < g.Window.X+g.Window.W+15
				isAddress := len(address) > 0 && w[5] == htmlText(address[0])
				switch {
				case isAddress && !inWindow:
					t.Errorf("address word %q at (%.1f,%.1f)-(%.1f,%.1f) mm, outside the window %+v", w[5], x0, y0, x1, y1, g.Window)
				case !isAddress && nearWindow:
					t.Errorf("word %q at (%.1f,%.1f) mm stands in the window's band", w[5], x0, y0)
				}
				if isAddress {
					address = address[1:]
				}
			}
			if len(address) > 0 {
				t.Errorf("address words not found in order: %q", address)
			}
		})
	}
}

// mm reads a PDF coordinate in points as millimetres.
func mm(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v * ptMM
}

func htmlText(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
