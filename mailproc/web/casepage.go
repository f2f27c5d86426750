package web

import (
	"errors"
	"net/http"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// caseView fills the case page.
type caseView struct {
	Case       *cases.Case
	California bool
	Coppa      bool
	Privacy    string   // a privacy case in plain words: "GDPR access request"
	Closings   []option // how a privacy case can be closed
	Overdue    bool
	Notice     string // what the last action did
	Error      string // why the last action failed
	Form       actionForm
	Templates  []option // approve and preview choices, fitting the kind
	Kinds      []option // reclassify choices
	Preview    *control.Preview
	PreviewErr string
	CanApprove bool
	CanDone    bool
	CanClose   bool
	CanReopen  bool
	CSRF       string // the session's token, for the action forms
	Letter     *letterView
}

// letterView is what the case page shows of a case that came by post.
type letterView struct {
	Scan    *cases.Scan
	Address []string     // where its letters go
	ToPost  *cases.Reply // the letter waiting to be posted, or nil
	CanPost bool         // the console can print it and mark it posted
	Today   string       // the default and latest day of posting
}

// actionForm is what staff typed, kept when an action fails.
type actionForm struct {
	Template  string
	Fields    cases.Fields
	HasFields bool   // the form carried fields
	Note      string // for the history only
	Message   string // for the requester, in the reply
	Reason    string
	Kind      string
	Posted    string // the day a letter was posted, YYYY-MM-DD
	Outcome   string // how a privacy case is closed
}

// casePage shows one case, with a preview of the template the query
// names or the one that fits the case.
func (c *console) casePage(w http.ResponseWriter, r *http.Request) {
	cs, err := c.svc.Get(r.PathValue("id"))
	if err != nil {
		c.serviceError(w, r, "show case", err)
		return
	}
	form := actionForm{Template: r.URL.Query().Get("template"), Fields: cs.Fields}
	if !fits(cs.Kind, form.Template) {
		form.Template = defaultTemplate(cs)
	}
	v := c.caseView(r, cs, form)
	v.Notice = notices()[r.URL.Query().Get("done")]
	c.preview(&v, nil)
	c.render(w, r, http.StatusOK, "case", "Case "+cs.ID, v)
}

// caseView prepares a case for the page with the form as given.
func (c *console) caseView(r *http.Request, cs *cases.Case, form actionForm) caseView {
	open := cs.State.Open()
	if form.Kind == "" {
		form.Kind = string(otherKind(cs.Kind))
	}
	v := caseView{
		Case:       cs,
		California: cs.Kind == cases.California,
		Coppa:      cs.Kind == cases.Coppa,
		Overdue:    open && !cs.Due.IsZero() && c.now().After(cs.Due),
		Form:       form,
		Templates:  options(fittingTemplates(cs.Kind), form.Template, ""),
		Kinds:      options(reclassifyKinds(), form.Kind, ""),
		CanApprove: open && len(fittingTemplates(cs.Kind)) > 0,
		CanDone:    open && cs.Kind == cases.Coppa,
		CanClose:   open && cs.Kind == cases.Privacy,
		CanReopen:  !open,
		CSRF:       sessionOf(r).CSRF,
		Letter:     c.letterView(cs),
	}
	if cs.Kind == cases.Privacy {
		v.Privacy = cases.PrivacyWords(cs.Law, cs.Rights)
		labels := closingLabels()
		for _, o := range cases.Closings {
			v.Closings = append(v.Closings, option{Value: o, Label: labels[o], Selected: o == form.Outcome})
		}
	}
	return v
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

// otherKind suggests a kind to reclassify to: not the one the case has.
func otherKind(k cases.Kind) cases.Kind {
	if k == cases.California {
		return cases.Coppa
	}
	return cases.California
}

// preview asks the service for the reply the form's template would send,
// with corrected fields (nil: the case's own) and the form's message.
func (c *console) preview(v *caseView, fields *cases.Fields) {
	if v.Form.Template == "" || v.Case.Erased {
		return
	}
	p, err := c.svc.Preview(v.Case.ID, control.Draft{Template: v.Form.Template, Fields: fields, Message: v.Form.Message})
	if err != nil {
		v.PreviewErr = "No preview: " + err.Error()
		return
	}
	v.Preview = &p
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

// explain turns a service error into a status and a sentence for staff.
func explain(doing string, err error) (int, string) {
	switch {
	case errors.Is(err, control.ErrNotFound):
		return http.StatusNotFound, "No such case (" + err.Error() + ")."
	case errors.Is(err, control.ErrRefused):
		return http.StatusUnprocessableEntity, "Refused: " + err.Error()
	case errors.Is(err, control.ErrInvalid):
		return http.StatusUnprocessableEntity, "Not accepted: " + err.Error()
	}
	return http.StatusInternalServerError, "Could not " + doing + ": " + err.Error()
}
