package control

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// fakeDesk is a fake Service that is also a LetterDesk.
type fakeDesk struct{ fake }

func (f *fakeDesk) AddLetter(l Letter) (*cases.Case, error) {
	f.calls = append(f.calls, fmt.Sprintf("add %s %s %s %s %v %s %s %s", l.Actor, l.Kind, l.Received.Format(time.DateOnly),
		l.Fields.ZIP, l.FirstLine, l.Coppa.ParentName, l.ReturnAddress.City, l.Scan))
	if l.Fields.ZIP == "bad" {
		return nil, fmt.Errorf("add letter: %w: zip %q: not a ZIP code", ErrInvalid, l.Fields.ZIP)
	}
	return &cases.Case{ID: "C-2026-0001", Channel: cases.ChannelLetter}, nil
}

func (f *fakeDesk) List(fl Filter) ([]Summary, error) {
	f.calls = append(f.calls, fmt.Sprintf("list to_post=%v", fl.ToPost))
	return nil, nil
}

func (f *fakeDesk) PrintLetter(id string, n int) (Printable, error) {
	f.calls = append(f.calls, fmt.Sprintf("print %s %d", id, n))
	return Printable{CaseID: id, Reply: max(n, 1), HTML: "<p>letter</p>", PDF: []byte("%PDF-1.3\x00\xff")}, f.check(id)
}

func (f *fakeDesk) MarkPosted(id string, a Act, posted time.Time) (*cases.Case, error) {
	f.calls = append(f.calls, fmt.Sprintf("posted %s %s %s", id, a.Actor, posted.Format(time.DateOnly)))
	return &cases.Case{ID: id}, f.check(id)
}

// TestLetterDeskRoundTrip: the letter desk's calls cross the socket with
// their arguments, binary PDFs intact, errors matching the sentinels.
func TestLetterDeskRoundTrip(t *testing.T) {
	f := &fakeDesk{}
	c, _ := serve(t, f)
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	l := Letter{Act: Act{Actor: "alice"}, Kind: cases.California, Received: day, FirstLine: true,
		Fields: cases.Fields{ZIP: "93704"}, Coppa: cases.CoppaFields{ParentName: "Pat"},
		ReturnAddress: cases.Fields{City: "Reno"}, Scan: "/scans/a.pdf"}
	c.List(Filter{ToPost: true})
	if cs, err := c.AddLetter(l); err != nil || cs.Channel != cases.ChannelLetter {
		t.Errorf("AddLetter = %+v, %v", cs, err)
	}
	p, err := c.PrintLetter("C-1", 2)
	if err != nil || p.HTML != "<p>letter</p>" || string(p.PDF) != "%PDF-1.3\x00\xff" {
		t.Errorf("PrintLetter = %+v, %v; want the HTML and the PDF's bytes unchanged", p, err)
	}
	if _, err := c.MarkPosted("C-1", Act{Actor: "bob"}, day.AddDate(0, 0, 3)); err != nil {
		t.Errorf("MarkPosted = %v", err)
	}
	user := OSUser(os.Getuid())
	want := []string{"list to_post=true", "add " + LocalActor("alice", user) + " california 2026-03-02 93704 true Pat Reno /scans/a.pdf", "print C-1 2",
		"posted C-1 " + LocalActor("bob", user) + " 2026-03-05"}
	if !slices.Equal(f.calls, want) {
		t.Errorf("calls =\n%q\nwant\n%q", f.calls, want)
	}
	l.Fields.ZIP = "bad"
	if _, err := c.AddLetter(l); !errors.Is(err, ErrInvalid) {
		t.Errorf("AddLetter(bad zip) = %v, want ErrInvalid", err)
	}
	if _, err := c.PrintLetter("missing", 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("PrintLetter(missing) = %v, want ErrNotFound", err)
	}
}

// TestNoLetterDesk: a Service that takes no letters has no letter routes.
func TestNoLetterDesk(t *testing.T) {
	c, _ := serve(t, &fake{})
	if _, err := c.AddLetter(Letter{}); err == nil {
		t.Error("AddLetter on a service without a letter desk = nil error")
	}
}
