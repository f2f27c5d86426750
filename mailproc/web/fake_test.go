package web

import (
	"fmt"
	"slices"
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
	Template string
	Fields   *cases.Fields
	Filter   control.Filter
	Act      control.Act
	Letter   *control.Letter // AddLetter
	Posted   time.Time       // MarkPosted
	N        int             // PrintLetter
	Scan     string          // KeepScan: what was uploaded
	Outcome  string          // Close
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
	s := control.Summary{ID: c.ID, Kind: c.Kind, State: c.State, Reasons: c.Reasons, Email: c.Email,
		Received: c.Received, Due: c.Due, Overdue: c.State.Open() && now.After(c.Due), Messages: len(c.Messages),
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
	text := "Dear " + name + ",\nthis is " + d.Template + ".\n" + d.Message
	return control.Preview{Template: d.Template, To: c.Email, Subject: "Re: " + subjectOf(c),
		Text: text, HTML: "<p>html-part-of-the-preview</p>", Raw: "Subject: Re: " + subjectOf(c) + "\r\n\r\n" + text}, nil
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
	return f.act(call{Method: "Approve", ID: id, Template: a.Template, Fields: a.Fields, Act: a.Act}, func(c *cases.Case) {
		c.State = cases.Answered
		c.Replies = append(c.Replies, cases.Reply{Template: a.Template, To: c.Email, State: cases.ReplySent,
			Actor: a.Actor, PlannedAt: f.now(), SentAt: f.now()})
	})
}

func (f *fakeService) Dismiss(id string, a control.Act) (*cases.Case, error) {
	return f.act(call{Method: "Dismiss", ID: id, Act: a}, func(c *cases.Case) { c.State = cases.Dismissed })
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
