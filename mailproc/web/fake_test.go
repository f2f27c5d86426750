package web

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// call is one call the fake service received.
type call struct {
	Method   string
	ID       string
	Kind     cases.Kind
	Template cases.Template
	Fields   *cases.Fields
	Filter   control.Filter
	Act      control.Act
	Letter   *control.Letter // AddLetter
	Posted   time.Time       // MarkPosted
	N        int             // PrintLetter
	Scan     string          // KeepScan: what was uploaded
	Query    control.Query   // Search
	Outcome  cases.Outcome   // Approve, Close
	Bulk     control.Bulk    // Bulk
}

// fakeService keeps cases in memory and records every call. actionErr,
// when set, is what every action returns; getErr what Get returns.
type fakeService struct {
	mu         sync.Mutex
	cases      map[string]*cases.Case
	calls      []call
	now        func() time.Time
	actionErr  error
	getErr     error
	listErr    error
	previewErr error
}

func newFakeService(now func() time.Time, cs ...*cases.Case) *fakeService {
	f := &fakeService{cases: map[string]*cases.Case{}, now: now}
	for _, c := range cs {
		f.cases[c.ID] = c
	}
	return f
}

func (f *fakeService) record(c call) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
}

// recorded returns the calls of the given methods (all with none given).
func (f *fakeService) recorded(methods ...string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if len(methods) == 0 || slices.Contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

func (f *fakeService) List(flt control.Filter) ([]control.Summary, error) {
	f.record(call{Method: "List", Filter: flt})
	if f.listErr != nil {
		return nil, f.listErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []control.Summary
	for _, c := range f.cases {
		if flt.Open && !c.State.Open() || flt.Kind != "" && c.Kind != flt.Kind || flt.State != "" && c.State != flt.State {
			continue
		}
		out = append(out, summarize(c, f.now()))
	}
	return out, nil
}

func summarize(c *cases.Case, now time.Time) control.Summary {
	s := control.Summary{ID: c.ID, Kind: c.Kind, State: c.State, Reasons: c.Reasons, Email: c.Email, Name: c.RequesterName(),
		Received: c.Received, Due: c.LegalDue(), Overdue: c.State.Open() && !c.LegalDue().IsZero() && now.After(c.Due), Messages: len(c.Messages), Outcome: c.Outcome,
		Law: c.Law, Rights: c.Rights}
	if c.Kind == cases.Privacy {
		s.About = cases.PrivacyDueWords(c.Law, c.Rights, c.Due, time.UTC)
	}
	if len(c.Messages) > 0 {
		s.Subject = c.Messages[0].Subject
	}
	if c.ByPost() {
		s.Channel, s.Subject, s.ToPost = cases.ChannelLetter, "Letter: "+string(c.Kind)+" request", c.LetterToPost() != nil
	}
	return s
}

func (f *fakeService) Get(id string) (*cases.Case, error) {
	f.record(call{Method: "Get", ID: id})
	if f.getErr != nil {
		return nil, f.getErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.cases[id]
	if !ok {
		return nil, fmt.Errorf("get %s: %w", id, control.ErrNotFound)
	}
	cp := *c
	return &cp, nil
}

func (f *fakeService) Preview(id string, d control.Draft) (control.Preview, error) {
	f.record(call{Method: "Preview", ID: id, Template: d.Template, Fields: d.Fields, Act: control.Act{Message: d.Message}})
	if f.previewErr != nil {
		return control.Preview{}, f.previewErr
	}
	c, err := f.peek(id)
	if err != nil {
		return control.Preview{}, err
	}
	name := c.Fields.Name
	if d.Fields != nil {
		name = d.Fields.Name
	}
	text := "Dear " + name + ",\nthis is " + string(d.Template) + ".\n" + d.Message
	ans, _ := cases.AnswerOf(d.Template)
	outcome := ans.Outcome
	if ans.FreeText && d.Outcome != "" {
		outcome = cases.JoinOutcome(d.Outcome, d.Reason)
	}
	return control.Preview{Template: d.Template, To: c.Email, Subject: "Re: " + subjectOf(c), Outcome: outcome,
		Reported: cases.ReportedAs(c.Kind, outcome), Text: text, HTML: "<p>html-part-of-the-preview</p>",
		Raw: "Subject: Re: " + subjectOf(c) + "\r\n\r\n" + text}, nil
}

func subjectOf(c *cases.Case) string {
	if len(c.Messages) == 0 {
		return ""
	}
	return c.Messages[0].Subject
}

// peek returns the stored case without recording a call.
func (f *fakeService) peek(id string) (*cases.Case, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.cases[id]
	if !ok {
		return nil, fmt.Errorf("case %s: %w", id, control.ErrNotFound)
	}
	return c, nil
}

// act records an action and, unless actionErr is set, applies change.
func (f *fakeService) act(cl call, change func(c *cases.Case)) (*cases.Case, error) {
	f.record(cl)
	if f.actionErr != nil {
		return nil, f.actionErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.cases[cl.ID]
	if !ok {
		return nil, fmt.Errorf("%s %s: %w", cl.Method, cl.ID, control.ErrNotFound)
	}
	change(c)
	c.Log(f.now(), cl.Act.Actor, cl.Method, cl.Act.Reason+cl.Act.Note)
	cp := *c
	return &cp, nil
}

func (f *fakeService) Approve(id string, a control.Approval) (*cases.Case, error) {
	return f.act(call{Method: "Approve", ID: id, Template: a.Template, Fields: a.Fields, Act: a.Act, Outcome: a.Outcome}, func(c *cases.Case) {
		c.State = cases.Answered
		ans, _ := cases.AnswerOf(a.Template)
		c.Outcome = ans.Outcome
		if ans.FreeText && a.Outcome != "" {
			c.Outcome = cases.JoinOutcome(a.Outcome, a.Reason)
		}
		c.Replies = append(c.Replies, cases.Reply{Template: a.Template, To: c.Email, State: cases.ReplySent,
			Actor: a.Actor, PlannedAt: f.now(), SentAt: f.now()})
	})
}

func (f *fakeService) Dismiss(id string, a control.Act) (*cases.Case, error) {
	return f.act(call{Method: "Dismiss", ID: id, Act: a}, func(c *cases.Case) {
		c.State, c.Outcome = cases.Dismissed, cases.JoinOutcome(cases.OutcomeDismissed, a.Reason)
	})
}

func (f *fakeService) Reclassify(id string, k cases.Kind, a control.Act) (*cases.Case, error) {
	return f.act(call{Method: "Reclassify", ID: id, Kind: k, Act: a}, func(c *cases.Case) { c.Kind = k })
}

func (f *fakeService) Done(id string, a control.Act) (*cases.Case, error) {
	return f.act(call{Method: "Done", ID: id, Act: a}, func(c *cases.Case) { c.State = cases.Done })
}

func (f *fakeService) Reopen(id string, a control.Act) (*cases.Case, error) {
	return f.act(call{Method: "Reopen", ID: id, Act: a}, func(c *cases.Case) { c.State = cases.Review })
}

func (f *fakeService) Close(id string, cl control.Closing) (*cases.Case, error) {
	return f.act(call{Method: "Close", ID: id, Act: cl.Act, Outcome: cl.Outcome}, func(c *cases.Case) {
		c.State, c.Outcome = cases.Done, cl.Outcome
	})
}

var _ control.Service = (*fakeService)(nil)

func (f *fakeService) Search(q control.Query) (control.Page, error) {
	f.record(call{Method: "Search", Filter: q.Filter, Query: q})
	if f.listErr != nil {
		return control.Page{}, f.listErr
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	p := control.Page{InViews: map[string]int{}, Page: max(q.Page, 1), PerPage: cmp.Or(q.PerPage, control.DefaultPerPage)}
	words := cases.SearchWords(q.Text)
	var rows []control.Summary
	for _, c := range f.cases {
		s := summarize(c, f.now())
		text := c.SearchText()
		match := q.Kind == "" || c.Kind == q.Kind
		match = match && (q.Reason == "" || slices.Contains(c.Reasons, q.Reason)) && (!q.Overdue || s.Overdue) && (!q.ToPost || s.ToPost)
		for _, w := range words {
			match = match && strings.Contains(text, w)
		}
		if !match {
			continue
		}
		for _, v := range control.Views {
			if control.InView(v, c.State, s.ToPost) {
				p.InViews[v]++
			}
		}
		if control.InView(q.View, c.State, s.ToPost) {
			rows = append(rows, s)
		}
	}
	slices.SortFunc(rows, func(a, b control.Summary) int { return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.ID, b.ID)) })
	p.Total = len(rows)
	from := min((p.Page-1)*p.PerPage, len(rows))
	p.Rows = rows[from:min(from+p.PerPage, len(rows))]
	for _, s := range rows {
		if s.Overdue {
			p.Overdue++
		}
	}
	return p, nil
}

func (f *fakeService) Advise(id string) (control.Advice, error) {
	f.record(call{Method: "Advise", ID: id})
	c, err := f.peek(id)
	if err != nil {
		return control.Advice{}, err
	}
	a := control.Advice{Suggested: cases.Suggest(c), Fields: cases.CausedBy(c)}
	for _, code := range c.Reasons {
		a.Reasons = append(a.Reasons, cases.ReasonOf(code))
	}
	for _, ans := range cases.Answers() {
		if ans.Fits(c.Kind) {
			a.Answers = append(a.Answers, control.AnswerFit{Template: ans.Template, Words: ans.Words, Decline: ans.Decline,
				FreeText: ans.FreeText, Reported: cases.ReportedAs(c.Kind, ans.Outcome)})
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range f.cases {
		if o.ID != c.ID && o.Email != "" && o.Email == c.Email {
			a.Others = append(a.Others, summarize(o, f.now()))
		}
	}
	return a, nil
}

func (f *fakeService) Bulk(b control.Bulk) ([]control.BulkResult, error) {
	f.record(call{Method: "Bulk", Act: b.Act, Bulk: b})
	var out []control.BulkResult
	for _, id := range b.IDs {
		r := control.BulkResult{ID: id}
		c, err := f.peek(id)
		if err != nil {
			r.Error = control.Plain(err)
			out = append(out, r)
			continue
		}
		s := cases.Suggest(c)
		switch {
		case b.Action == control.BulkApprove && s.Action != cases.SuggestApprove:
			r.Error = "what it needs is not an approval: open it"
		case b.Action == control.BulkApprove:
			r.OK, r.Template, r.Reported = true, s.Template, "complied"
			if !b.DryRun {
				_, err = f.Approve(id, control.Approval{Act: b.Act, Template: s.Template})
			}
		default:
			r.OK, r.Reported = true, cases.ReportedAs(c.Kind, cases.Outcome("dismissed: "+b.Reason))
			if !b.DryRun {
				_, err = f.Dismiss(id, b.Act)
			}
		}
		if err != nil {
			r.OK, r.Error = false, control.Plain(err)
		}
		out = append(out, r)
	}
	return out, nil
}

func (f *fakeService) Attachment(id string, n int, part string) (control.File, error) {
	f.record(call{Method: "Attachment", ID: id, N: n, Scan: part})
	c, err := f.peek(id)
	if err != nil {
		return control.File{}, err
	}
	if n < 1 || n > len(c.Messages) {
		return control.File{}, fmt.Errorf("attachment: %w: no message %d", control.ErrNotFound, n)
	}
	for _, a := range c.Messages[n-1].Attachments {
		if a.Part == part {
			return control.File{Name: a.Name, Type: a.Type, Data: []byte("<html><script>alert(1)</script></html>")}, nil
		}
	}
	return control.File{}, fmt.Errorf("attachment: %w: no part %s", control.ErrNotFound, part)
}
