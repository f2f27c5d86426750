package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// caseView fills the case page.
type caseView struct {
	Case       *cases.Case
	Back       string // the queue page it was opened from
	KindWords  string
	California bool
	Coppa      bool
	Privacy    string   // a privacy case in plain words: "GDPR access request"
	Closings   []option // how a privacy case can be closed
	Overdue    bool
	NoDue      bool // machine mail: no legal due date
	Advice     control.Advice
	Suggestion string            // what to do first, in words
	Causes     map[string]string // field → the reasons that point at it, in words
	Notice     string            // what the last action did
	Error      string            // why the last action failed
	Form       actionForm
	Answers    []answerChoice // what the case can be answered with
	Outcomes   []option       // for a reply staff write
	Kinds      []option       // reclassify choices
	Preview    *previewView
	PreviewErr string
	CanAnswer  bool
	CanDone    bool
	CanClose   bool
	CanReopen  bool
	Dismissal  string // how a dismissal would be reported
	Answer     cases.Answer
	CSRF       string // the session's token, for the action forms
	Letter     *letterView
	Files      bool // attachments can be fetched
}

// answerChoice is one answer the case page offers.
type answerChoice struct {
	cases.Answer
	Reported string
	Selected bool
}

// letterView is what the case page shows of a case that came by post.
type letterView struct {
	Scan    *cases.Scan
	Address []string     // where its letters go
	ToPost  *cases.Reply // the letter waiting to be posted, or nil
	CanPost bool         // the console can print it and mark it posted
	Today   string       // the default and latest day of posting
}

// actionForm is the answer staff are drafting, or what they typed in an
// action's form, kept when it fails.
type actionForm struct {
	Template  cases.Template
	Fields    cases.Fields
	HasFields bool          // the form carried fields
	Corrected bool          // and they differ from the case's
	Note      string        // for the history only
	Message   string        // for the requester, in the reply
	Outcome   cases.Outcome // a reply staff write: how it settles the request; or how a privacy case is closed
	Reason    string
	Kind      string
	Posted    string // the day a letter was posted, YYYY-MM-DD
	Confirm   bool
}

// casePage shows one case: why it is here in plain words, what to do
// first, and a preview of the answer the URL drafts (by default the one
// suggested). The draft lives in the URL, so the page can be reloaded.
func (c *console) casePage(w http.ResponseWriter, r *http.Request) {
	cs, err := c.svc.Get(r.PathValue("id"))
	if err != nil {
		c.serviceError(w, r, "show case", err)
		return
	}
	q := r.URL.Query()
	form := draftOf(q, cs)
	v := c.caseView(r, cs, form, q.Get("back"))
	if form.Template == "" && !q.Has("template") {
		v.Form.Template = defaultTemplate(cs, v.Advice.Suggested)
		v.markChosen()
	}
	v.Notice = notices()[q.Get("done")]
	c.preview(&v)
	c.render(w, r, http.StatusOK, "case", "Case "+cs.ID, v)
}

// draftOf reads an answer drafted in the URL (or a posted form): its
// template when it fits the case, corrected fields, the message and, for
// a reply staff write, its outcome and reason.
func draftOf(v url.Values, cs *cases.Case) actionForm {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := actionForm{Template: cases.Template(get("template")), Note: get("note"), Message: get("message"), Outcome: cases.Outcome(get("outcome")),
		Reason: get("reason"), Kind: get("kind"), Posted: get("posted"), Confirm: v.Get("confirm") != "", Fields: cs.Fields}
	if !fits(cs.Kind, f.Template) {
		f.Template = ""
	}
	if _, ok := v["name"]; ok && cs.Kind == cases.California {
		f.HasFields = true
		f.Fields = cases.Fields{Name: get("name"), Street: get("street"), City: get("city"), State: get("state"), ZIP: get("zip")}
		f.Corrected = f.Fields != cs.Fields
	}
	return f
}

// caseView prepares a case for the page with the form as given.
func (c *console) caseView(r *http.Request, cs *cases.Case, form actionForm, back string) caseView {
	open := cs.State.Open()
	if form.Kind == "" {
		form.Kind = string(otherKind(cs.Kind))
	}
	advice, err := c.svc.Advise(cs.ID)
	if err != nil {
		c.log.Error("advise", "case", cs.ID, "err", err)
	}
	v := caseView{
		Case:       cs,
		Back:       backTo(back),
		KindWords:  cases.KindOf(cs.Kind).Words,
		California: cs.Kind == cases.California,
		Coppa:      cs.Kind == cases.Coppa,
		NoDue:      cs.LegalDue().IsZero(),
		Advice:     advice,
		Suggestion: suggestionWords(advice.Suggested),
		Causes:     causes(cs),
		Form:       form,
		Outcomes:   outcomeOptions(form.Outcome),
		Kinds:      options(reclassifyKinds(), form.Kind, ""),
		CanAnswer:  open && cs.LetterToPost() == nil && len(advice.Answers) > 0,
		CanDone:    open && cs.Kind == cases.Coppa && cs.Reply(cases.TemplateCoppaDone) == nil,
		CanClose:   open && cases.KindOf(cs.Kind).StaffClose,
		CanReopen:  !open,
		Dismissal:  cases.ReportedAs(cs.Kind, cases.JoinOutcome(cases.OutcomeDismissed, "the reason you give")),
		CSRF:       sessionOf(r).CSRF,
		Letter:     c.letterView(cs),
		Files:      c.files != nil,
	}
	v.Overdue = open && !v.NoDue && c.now().After(cs.Due)
	v.markChosen()
	if cases.KindOf(cs.Kind).StaffClose {
		v.closeChoices()
	}
	return v
}

// closeChoices fills in a privacy case's words and how it can be closed;
// a reply staff write on it records no outcome: closing it does.
func (v *caseView) closeChoices() {
	cs := v.Case
	v.Privacy, v.Outcomes = cases.PrivacyWords(cs.Law, cs.Rights), nil
	labels := closingLabels()
	for _, o := range cases.Closings {
		v.Closings = append(v.Closings, option{Value: string(o), Label: labels[o], Selected: o == v.Form.Outcome})
	}
}

// markChosen lists the answers with the drafted one selected.
func (v *caseView) markChosen() {
	v.Answers = nil
	for _, a := range v.Advice.Answers {
		row, _ := cases.AnswerOf(a.Template)
		v.Answers = append(v.Answers, answerChoice{Answer: row, Reported: a.Reported, Selected: a.Template == v.Form.Template})
		if a.Template == v.Form.Template {
			v.Answer = row
		}
	}
}

// causes maps each field a case's reasons point at to the reasons, in
// words: "state" → "state not California".
func causes(cs *cases.Case) map[string]string {
	out := map[string]string{}
	for _, code := range cs.Reasons {
		r := cases.ReasonOf(code)
		for _, f := range r.Fields {
			names := []string{f}
			if f == cases.FieldMissing {
				names = cs.Missing
			}
			for _, n := range names {
				if out[n] != "" {
					out[n] += "; "
				}
				out[n] += r.Label
			}
		}
	}
	return out
}

// outcomeOptions are the outcomes of a reply staff write, "none" first.
func outcomeOptions(chosen cases.Outcome) []option {
	opts := []option{{Value: "", Label: "no outcome yet: the case waits for the requester", Selected: chosen == ""}}
	for _, o := range cases.OutcomeChoices() {
		label := o.Words
		if o.NeedsReason {
			label += " (give the reason)"
		}
		opts = append(opts, option{Value: string(o.Code), Label: label, Selected: o.Code == chosen})
	}
	return opts
}

// suggestionWords says what the console proposes, for staff.
func suggestionWords(s cases.Suggestion) string {
	words := map[string]string{
		cases.SuggestApprove:    "Send the answer “%s”.",
		cases.SuggestDecline:    "Decline: send the answer “%s”.",
		cases.SuggestReclassify: "Say what kind of request it is (reclassify), or dismiss it if it is none.",
		cases.SuggestDismiss:    "Dismiss it: %s.",
		cases.SuggestReply:      "Read the new message and write a reply.",
		cases.SuggestDone:       "Verify the parent, delete the child's data, then mark it done (the completion notice goes out).",
		cases.SuggestLook:       "Read it first; nothing is proposed.",
		cases.SuggestClose:      "Verify who is asking and do what is asked in the company's systems, then close it with its outcome.",
	}
	w, ok := words[s.Action]
	if !ok {
		return ""
	}
	arg := s.Reason
	if a, ok := cases.AnswerOf(s.Template); ok {
		arg = a.Words
	}
	if strings.Contains(w, "%s") {
		return strings.Replace(w, "%s", arg, 1)
	}
	return w
}

// letterView is the letter part of a case that came by post, or nil.
func (c *console) letterView(cs *cases.Case) *letterView {
	if !cs.ByPost() {
		return nil
	}
	v := &letterView{Address: cs.PostalAddress().Lines(), ToPost: cs.LetterToPost(), Today: c.today()}
	if cs.Letter != nil {
		v.Scan = cs.Letter.Scan
	}
	v.CanPost = v.ToPost != nil && c.desk != nil
	return v
}

// otherKind suggests a kind to reclassify to: the first staff may give
// that is not the one the case has.
func otherKind(k cases.Kind) cases.Kind {
	for _, r := range cases.Kinds() {
		if r.Reclassify && r.Kind != k {
			return r.Kind
		}
	}
	return k
}

// preview asks the service for the reply the draft would send, with its
// corrected fields, message and outcome. A reply staff write is previewed
// once it has text.
func (c *console) preview(v *caseView) {
	f := v.Form
	if f.Template == "" || v.Case.Erased || !v.Case.State.Open() || v.Answer.FreeText && f.Message == "" {
		return
	}
	var fields *cases.Fields
	if f.Corrected {
		fields = &f.Fields
	}
	p, err := c.svc.Preview(v.Case.ID, control.Draft{Template: f.Template, Fields: fields, Message: f.Message, Outcome: f.Outcome, Reason: f.Reason})
	if err != nil {
		v.PreviewErr = "No preview: " + control.Plain(err)
		return
	}
	v.Preview = readablePreview(p, v.Case.Fields, fields)
}

// serviceError shows a failed service call on the error page: unknown
// cases as 404, refusals and invalid requests as 422, anything else as
// 500, each with the service's words.
func (c *console) serviceError(w http.ResponseWriter, r *http.Request, doing string, err error) {
	status, msg := explain(doing, err)
	if status == http.StatusInternalServerError {
		c.log.Error("service", "doing", doing, "err", err)
	}
	c.showError(w, r, status, msg)
}

// explain turns a service error into a status and a sentence for staff,
// in the service's words without its codes.
func explain(doing string, err error) (int, string) {
	switch {
	case errors.Is(err, control.ErrNotFound):
		return http.StatusNotFound, "Not found: " + control.Plain(err) + "."
	case errors.Is(err, control.ErrRefused):
		return http.StatusUnprocessableEntity, "Not done: " + control.Plain(err) + "."
	case errors.Is(err, control.ErrInvalid):
		return http.StatusUnprocessableEntity, "Not accepted: " + control.Plain(err) + "."
	}
	return http.StatusInternalServerError, "Could not " + doing + ": " + err.Error()
}

// changed lists the fields staff corrected, before → after.
func changed(before, after cases.Fields) []string {
	var out []string
	for _, f := range []struct{ name, was, is string }{
		{"name", before.Name, after.Name}, {"street", before.Street, after.Street}, {"city", before.City, after.City},
		{"state", before.State, after.State}, {"ZIP", before.ZIP, after.ZIP},
	} {
		if f.was != f.is {
			out = append(out, f.name+": “"+f.was+"” → “"+f.is+"”")
		}
	}
	return out
}

// newValues are the non-empty values staff corrected, to mark in the
// preview.
func newValues(before, after cases.Fields) []string {
	var out []string
	for _, p := range [][2]string{{before.Name, after.Name}, {before.Street, after.Street}, {before.City, after.City},
		{before.State, after.State}, {before.ZIP, after.ZIP}} {
		if p[0] != p[1] && strings.TrimSpace(p[1]) != "" && !slices.Contains(out, p[1]) {
			out = append(out, p[1])
		}
	}
	return out
}
