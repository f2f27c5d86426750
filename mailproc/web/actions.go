package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// Longest values a form may carry.
const (
	maxTextLen  = 4000 // a note, a message or a reason
	maxFieldLen = 300  // one california field
)

// action is one staff action: what it checks in the form before asking
// the service, and the service call.
type action struct {
	check func(cs *cases.Case, f actionForm) string // "" when the form is fine
	call  func(cs *cases.Case, f actionForm, a control.Act) error
}

// actions are the POST handlers under /cases/{id}/.
func (c *console) actions() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"approve":    c.run("approve", action{checkApprove, c.callApprove}),
		"dismiss":    c.run("dismiss", action{needReason("dismiss"), c.callDismiss}),
		"reclassify": c.run("reclassify", action{checkKind, c.callReclassify}),
		"done":       c.run("done", action{noCheck, c.callDone}),
		"reopen":     c.run("reopen", action{needReason("reopen"), c.callReopen}),
		"close":      c.run("close", action{checkClose, c.callClose}),
		"posted":     c.run("posted", action{checkPosted, c.callPosted}),
		"preview":    c.previewPost,
	}
}

// notices say what an action did, by the name the redirect carries.
func notices() map[string]string {
	return map[string]string{
		"approve":    "Approved. The reply and its state are listed under Replies.",
		"dismiss":    "Dismissed. The case is closed without an answer.",
		"reclassify": "Reclassified. The case stays with staff.",
		"done":       "Marked done. The completion notice (coppa-completed) is listed under Replies.",
		"reopen":     "Reopened. The case is back with staff.",
		"close":      "Closed. The outcome and the day of the answer are recorded.",
		"letter":     "Letter entered. When the answer is a letter, it waits under Letter to post: print it, post it, then mark it posted.",
		"posted":     "Marked posted. The day of posting is the date of the answer.",
	}
}

// run makes the handler for an action on the case the path names: the
// signed-in user acts; a form the console can tell is wrong is refused
// before the service is asked; the service's refusal is shown on the
// case page; success goes back to the case with a notice.
func (c *console) run(name string, a action) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		cs, err := c.svc.Get(r.PathValue("id"))
		if err != nil {
			c.serviceError(w, r, name, err)
			return
		}
		f := readForm(r)
		act := control.Act{Actor: sessionOf(r).User, Reason: f.Reason, Note: f.Note, Message: f.Message}
		if msg := formProblem(f) + a.check(cs, f); msg != "" {
			c.actionFailed(w, r, cs, f, http.StatusUnprocessableEntity, msg)
			return
		}
		if err := a.call(cs, f, act); err != nil {
			status, msg := explain(name, err)
			c.log.Info("staff action refused", "action", name, "case", cs.ID, "user", act.Actor, "err", err)
			c.actionFailed(w, r, cs, f, status, msg)
			return
		}
		c.log.Info("staff action", "action", name, "case", cs.ID, "user", act.Actor)
		http.Redirect(w, r, "/cases/"+url.PathEscape(cs.ID)+"?done="+name, http.StatusSeeOther)
	}
}

// actionFailed shows the case again with the error and what was typed.
func (c *console) actionFailed(w http.ResponseWriter, r *http.Request, cs *cases.Case, f actionForm, status int, msg string) {
	if !fits(cs.Kind, f.Template) {
		f.Template = defaultTemplate(cs)
	}
	if !f.HasFields {
		f.Fields = cs.Fields
	}
	v := c.caseView(r, cs, f)
	v.Error = msg
	c.render(w, r, status, "case", "Case "+cs.ID, v)
}

// readForm reads an action's form, trimming what staff typed.
func readForm(r *http.Request) actionForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	_, hasFields := r.PostForm["name"]
	return actionForm{
		Template:  v("template"),
		Fields:    cases.Fields{Name: v("name"), Street: v("street"), City: v("city"), State: v("state"), ZIP: v("zip")},
		HasFields: hasFields,
		Note:      v("note"),
		Message:   v("message"),
		Reason:    v("reason"),
		Kind:      v("kind"),
		Posted:    v("posted"),
		Outcome:   v("outcome"),
	}
}

// formProblem names a value that is too long.
func formProblem(f actionForm) string {
	if len(f.Note) > maxTextLen || len(f.Reason) > maxTextLen || len(f.Message) > maxTextLen {
		return "A note, message or reason may be at most 4000 characters. "
	}
	for _, v := range []string{f.Fields.Name, f.Fields.Street, f.Fields.City, f.Fields.State, f.Fields.ZIP} {
		if len(v) > maxFieldLen {
			return "A field may be at most 300 characters. "
		}
	}
	return ""
}

// noCheck accepts any form.
func noCheck(*cases.Case, actionForm) string { return "" }

// needReason refuses an action without a reason.
func needReason(verb string) func(*cases.Case, actionForm) string {
	return func(_ *cases.Case, f actionForm) string {
		if f.Reason == "" {
			return "Give a reason to " + verb + " the case."
		}
		return ""
	}
}

// checkApprove wants a template that fits the case's kind.
func checkApprove(cs *cases.Case, f actionForm) string {
	names := fittingTemplates(cs.Kind)
	if len(names) == 0 {
		return "A case of kind " + string(cs.Kind) + " has no reply template; reclassify it first."
	}
	if !fits(cs.Kind, f.Template) {
		return "Choose one of the templates for a " + string(cs.Kind) + " case: " + strings.Join(names, ", ") + "."
	}
	return ""
}

// checkKind wants a kind staff may choose.
func checkKind(_ *cases.Case, f actionForm) string {
	if !slices.Contains(reclassifyKinds(), f.Kind) {
		return "Choose the kind: " + strings.Join(reclassifyKinds(), ", ") + "."
	}
	return ""
}

// corrected returns the form's fields when staff changed a california
// case's fields, else nil (the case's own).
func corrected(cs *cases.Case, f actionForm) *cases.Fields {
	if cs.Kind != cases.California || !f.HasFields || f.Fields == cs.Fields {
		return nil
	}
	fields := f.Fields
	return &fields
}

func (c *console) callApprove(cs *cases.Case, f actionForm, a control.Act) error {
	_, err := c.svc.Approve(cs.ID, control.Approval{Act: a, Template: f.Template, Fields: corrected(cs, f)})
	return err
}

func (c *console) callDismiss(cs *cases.Case, _ actionForm, a control.Act) error {
	_, err := c.svc.Dismiss(cs.ID, a)
	return err
}

func (c *console) callReclassify(cs *cases.Case, f actionForm, a control.Act) error {
	_, err := c.svc.Reclassify(cs.ID, cases.Kind(f.Kind), a)
	return err
}

func (c *console) callDone(cs *cases.Case, _ actionForm, a control.Act) error {
	_, err := c.svc.Done(cs.ID, a)
	return err
}

// checkPosted wants the day the letter was posted.
func checkPosted(_ *cases.Case, f actionForm) string {
	if _, err := time.Parse(time.DateOnly, f.Posted); err != nil {
		return "Give the day the letter was posted as YYYY-MM-DD."
	}
	return ""
}

func (c *console) callPosted(cs *cases.Case, f actionForm, a control.Act) error {
	if c.desk == nil {
		return fmt.Errorf("mark posted: %w: this console takes no letters", control.ErrRefused)
	}
	day, _ := time.Parse(time.DateOnly, f.Posted)
	_, err := c.desk.MarkPosted(cs.ID, a, day)
	return err
}

// checkClose wants a privacy case, an outcome it can be closed with, and a
// reason for a denial.
func checkClose(cs *cases.Case, f actionForm) string {
	switch {
	case cs.Kind != cases.Privacy:
		return "Only a privacy request is closed this way."
	case !slices.Contains(cases.Closings, f.Outcome):
		return "Choose how the request was answered: " + strings.Join(cases.Closings, ", ") + "."
	case f.Outcome == cases.OutcomeDenied && f.Reason == "":
		return "Give the reason for the denial."
	}
	return ""
}

func (c *console) callClose(cs *cases.Case, f actionForm, a control.Act) error {
	_, err := c.svc.Close(cs.ID, control.Closing{Act: a, Outcome: f.Outcome})
	return err
}

func (c *console) callReopen(cs *cases.Case, _ actionForm, a control.Act) error {
	_, err := c.svc.Reopen(cs.ID, a)
	return err
}

// previewPost shows the case with a preview of the chosen template and
// the fields as corrected in the approve form; it changes nothing.
func (c *console) previewPost(w http.ResponseWriter, r *http.Request) {
	cs, err := c.svc.Get(r.PathValue("id"))
	if err != nil {
		c.serviceError(w, r, "preview", err)
		return
	}
	f := readForm(r)
	if msg := formProblem(f) + checkApprove(cs, f); msg != "" {
		c.actionFailed(w, r, cs, f, http.StatusUnprocessableEntity, msg)
		return
	}
	if !f.HasFields {
		f.Fields = cs.Fields
	}
	v := c.caseView(r, cs, f)
	c.preview(&v, corrected(cs, f))
	c.render(w, r, http.StatusOK, "case", "Case "+cs.ID, v)
}
