package letterdesk_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// letterNow is when staff enter letters in these tests.
var letterNow = time.Date(2026, 3, 10, 11, 0, 0, 0, la)

// adaLetter is a complete california letter, received on 9 March 2026.
func adaLetter() control.Letter {
	return control.Letter{Act: control.Act{Actor: "alice"}, Kind: cases.California,
		Received:  time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC),
		Fields:    cases.Fields{Name: "Ada Byron", Street: "12 Oak Street", City: "Fresno", State: "California", ZIP: "93704"},
		FirstLine: true}
}

// TestLetterIntakeRefused: what staff typed wrong is refused, naming the
// field, and no case is made.
func TestLetterIntakeRefused(t *testing.T) {
	w := newWorld(t)
	d := w.desk(letterNow)
	tests := []struct {
		name   string
		change func(l *control.Letter)
		want   string
	}{
		{"bad zip", func(l *control.Letter) { l.Fields.ZIP = "9370" }, `zip "9370": not a ZIP code`},
		{"bad state", func(l *control.Letter) { l.Fields.State = "Califronia" }, `state "Califronia": not a US state`},
		{"received tomorrow", func(l *control.Letter) { l.Received = time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC) }, "received 2026-03-11: in the future"},
		{"no received date", func(l *control.Letter) { l.Received = time.Time{} }, "received: the date is required"},
		{"missing scan", func(l *control.Letter) { l.Scan = "none.pdf" }, `scan "none.pdf": not found in the scan folder`},
		{"scan outside", func(l *control.Letter) { l.Scan = filepath.Join(t.TempDir(), "none.pdf") }, "not found in the scan folder"},
		{"nobody", func(l *control.Letter) { l.Actor = " " }, "who enters the letter must be named"},
		{"kind other", func(l *control.Letter) { l.Kind = cases.Other }, `kind "other"`},
		{"no address to post to", func(l *control.Letter) { l.Fields.Street = "" }, "lacks street, needed to post the answer: give the return address"},
		{"bad return zip", func(l *control.Letter) {
			l.ReturnAddress = cases.Fields{Name: "Ada", Street: "1 A St", City: "Reno", State: "NV", ZIP: "ABCDE"}
		}, `return address zip "ABCDE"`},
		{"coppa without address", func(l *control.Letter) {
			l.Kind, l.Coppa = cases.Coppa, cases.CoppaFields{ParentName: "Pat"}
		}, "return address: required for a coppa letter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := adaLetter()
			tt.change(&l)
			_, err := d.AddLetter(l)
			if !errors.Is(err, control.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("AddLetter = %v, want invalid naming %q", err, tt.want)
			}
		})
	}
	if all, _ := d.List(control.Filter{}); len(all) != 0 {
		t.Errorf("refused letters made %d cases, want none", len(all))
	}
}

// TestLetterIntakeDecides: a letter is decided as mail is: disclosure,
// incomplete, not-california, zip-mismatch, coppa, no disclosure data.
func TestLetterIntakeDecides(t *testing.T) {
	envelope := cases.Fields{Name: "Ada Byron", Street: "12 Oak Street", City: "Fresno", State: "CA", ZIP: "93704"}
	tests := []struct {
		name     string
		change   func(l *control.Letter)
		state    cases.State
		template cases.Template
		reasons  []cases.Reason
		missing  []string
	}{
		{"complete", func(*control.Letter) {}, cases.AwaitingStaff, "california-disclosure", nil, nil},
		{"no first line", func(l *control.Letter) { l.FirstLine = false }, cases.AwaitingStaff, "california-incomplete", nil, []string{"first-line"}},
		{"no zip, envelope has it", func(l *control.Letter) { l.Fields.ZIP, l.ReturnAddress = "", envelope }, cases.AwaitingStaff, "california-incomplete", nil, []string{"zip"}},
		{"nevada", func(l *control.Letter) { l.Fields.State, l.Fields.ZIP = "NV", "89501" }, cases.Review, "", []cases.Reason{"not-california"}, nil},
		{"zip mismatch", func(l *control.Letter) { l.Fields.ZIP = "10001" }, cases.Review, "", []cases.Reason{"zip-mismatch"}, nil},
		{"coppa", func(l *control.Letter) {
			l.Kind, l.Fields, l.ReturnAddress = cases.Coppa, cases.Fields{}, envelope
			l.Coppa = cases.CoppaFields{ParentName: "Pat Byron", ChildUsername: "dino_max"}
		}, cases.AwaitingStaff, "coppa-received", nil, nil},
		{"no disclosure data", func(l *control.Letter) { l.Received = time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC) }, cases.Review, "", []cases.Reason{"no-disclosure-data"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			l := adaLetter()
			tt.change(&l)
			c, err := w.desk(time.Date(2027, 1, 6, 9, 0, 0, 0, la)).AddLetter(l)
			if err != nil {
				t.Fatalf("AddLetter = %v", err)
			}
			var got cases.Template
			if r := c.LetterToPost(); r != nil {
				got = r.Template
			}
			if c.State != tt.state || got != tt.template || !slices.Equal(c.Reasons, tt.reasons) || !slices.Equal(c.Missing, tt.missing) {
				t.Errorf("case = %s, letter %q, reasons %v, missing %v; want %s, %q, %v, %v", c.State, got, c.Reasons, c.Missing, tt.state, tt.template, tt.reasons, tt.missing)
			}
			if c.Channel != cases.ChannelLetter || c.Email != "" || len(c.Messages) != 0 {
				t.Errorf("case channel %q email %q messages %d, want a letter with no email or mail", c.Channel, c.Email, len(c.Messages))
			}
		})
	}
}

// TestLetterIntakeRecords: the day of receipt in the company's zone, the
// due date from it, the state as its code, the scan by path and SHA-256,
// who entered it.
func TestLetterIntakeRecords(t *testing.T) {
	w := newWorld(t)
	w.cfg.Letters.ScanDir = t.TempDir()
	scan := filepath.Join(w.cfg.Letters.ScanDir, "ada.pdf")
	if err := os.WriteFile(scan, []byte("%PDF scanned letter"), 0o600); err != nil {
		t.Fatal(err)
	}
	l := adaLetter()
	l.Scan, l.Note = scan, "from the front desk"
	c, err := w.desk(letterNow).AddLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("%PDF scanned letter"))
	if s := c.Letter.Scan; s == nil || s.Path != scan || s.SHA256 != hex.EncodeToString(sum[:]) || s.Bytes != 19 {
		t.Errorf("scan = %+v, want %s with its SHA-256", c.Letter.Scan, scan)
	}
	if want := time.Date(2026, 3, 9, 0, 0, 0, 0, la); !c.Received.Equal(want) || c.ID != "C-2026-0001" {
		t.Errorf("received %v as %s, want %v as C-2026-0001", c.Received, c.ID, want)
	}
	if want := time.Date(2026, 4, 8, 23, 59, 59, 0, la); !c.Due.Equal(want) {
		t.Errorf("due %v, want %v (30 days from the day after receipt)", c.Due, want)
	}
	if c.Fields.State != "CA" || c.History[0].Actor != "alice" || c.History[0].Action != cases.ActionLetterEntered ||
		!strings.Contains(c.History[0].Detail, "from the front desk") {
		t.Errorf("fields %+v, first event %+v", c.Fields, c.History[0])
	}
	if r := c.LetterToPost(); r == nil || r.To != "Ada Byron, 12 Oak Street, Fresno, CA 93704" || r.Actor != cases.ActorDaemon {
		t.Errorf("letter to post = %+v", r)
	}
}

// TestLetterScanDir: with [letters] scan_dir a scan is named relative to
// it, and one outside it is refused (TestScanRefusals has more).
func TestLetterScanDir(t *testing.T) {
	w := newWorld(t)
	root := t.TempDir()
	w.cfg.Letters.ScanDir = filepath.Join(root, "scans")
	for _, f := range []string{"scans/ada.pdf", "secret.txt"} {
		os.MkdirAll(filepath.Dir(filepath.Join(root, f)), 0o700)
		if err := os.WriteFile(filepath.Join(root, f), []byte(f), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	d := w.desk(letterNow)
	l := adaLetter()
	l.Scan = "ada.pdf"
	if c, err := d.AddLetter(l); err != nil || c.Letter.Scan.Path != filepath.Join(root, "scans/ada.pdf") {
		t.Errorf("AddLetter(scan in scan_dir) = %v, %v", c, err)
	}
	for _, outside := range []string{"../secret.txt", filepath.Join(root, "secret.txt")} {
		l.Scan = outside
		if _, err := d.AddLetter(l); !errors.Is(err, control.ErrInvalid) || !strings.Contains(err.Error(), "not found in the scan folder") {
			t.Errorf("AddLetter(scan %s) = %v, want refused as outside scan_dir", outside, err)
		}
	}
}
