package web

import (
	"fmt"
	"io"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/letter"
)

// The fake service is a letter desk too.
var _ control.LetterDesk = (*fakeService)(nil)

func (f *fakeService) AddLetter(l control.Letter) (*cases.Case, error) {
	f.record(call{Method: "AddLetter", Act: l.Act, Letter: &l})
	if f.actionErr != nil {
		return nil, f.actionErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c := letterCase(fmt.Sprintf("L-%d", len(f.cases)+1))
	c.Kind, c.Fields, c.Coppa = l.Kind, l.Fields, l.Coppa
	f.cases[c.ID] = c
	return c, nil
}

// KeepScan records the upload and names it upload-N.pdf.
func (f *fakeService) KeepScan(r io.Reader) (string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return "", err
	}
	f.record(call{Method: "KeepScan", Scan: string(b)})
	return fmt.Sprintf("upload-%d.pdf", len(f.recorded("KeepScan"))), nil
}

func (f *fakeService) PrintLetter(id string, n int) (control.Printable, error) {
	f.record(call{Method: "PrintLetter", ID: id, N: n})
	c, err := f.peek(id)
	if err != nil {
		return control.Printable{}, err
	}
	l := letter.Letter{Paper: letter.PaperLetter, Company: "Cooper", To: c.PostalAddress().Lines(), Date: f.now(),
		CaseID: c.ID, Subject: "Your request", Body: "Dear " + c.Fields.Name + ",\n"}
	html, err := letter.HTML(l)
	if err != nil {
		return control.Printable{}, err
	}
	pdf, err := letter.PDF(l)
	return control.Printable{CaseID: c.ID, Reply: max(n, 1), HTML: html, PDF: pdf}, err
}

func (f *fakeService) MarkPosted(id string, a control.Act, posted time.Time) (*cases.Case, error) {
	return f.act(call{Method: "MarkPosted", ID: id, Act: a, Posted: posted}, func(c *cases.Case) {
		if r := c.LetterToPost(); r != nil {
			r.State, r.SentAt = cases.ReplyPosted, posted
		}
		c.State, c.Answered = cases.Answered, posted
	})
}

// letterCase is a california case entered from a letter, its disclosure
// waiting to be posted.
func letterCase(id string) *cases.Case {
	rec := time.Date(2025, 5, 8, 0, 0, 0, 0, time.UTC)
	return &cases.Case{
		ID: id, Kind: cases.California, State: cases.AwaitingStaff, Channel: cases.ChannelLetter,
		Fields:    cases.Fields{Name: "Ada Byron", Street: "12 Oak St", City: "Fresno", State: "CA", ZIP: "93704"},
		FirstLine: true, Received: rec, Due: rec.AddDate(0, 0, 31),
		Letter: &cases.Letter{Scan: &cases.Scan{Path: "/scans/ada.pdf", SHA256: "abc123", Bytes: 42}},
		Replies: []cases.Reply{{Template: "california-disclosure", MessageID: "k", To: "Ada Byron, 12 Oak St, Fresno, CA 93704",
			State: cases.ReplyToPost, Actor: cases.ActorDaemon, PlannedAt: rec}},
		History: []cases.Event{{At: rec, Actor: "alice", Action: cases.ActionLetterEntered}},
	}
}

// noDesk is a service that takes no letters.
type noDesk struct{ control.Service }
