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
// the service, the service call, and whether the queue or the case is
// shown after it.
type action struct {
	check func(cs *cases.Case, f actionForm) string // "" when the form is fine
	call  func(cs *cases.Case, f actionForm, a control.Act) (*cases.Case, error)
	// closes: the action settles the case: staff go back to the queue,
	// which says in one line what was done.
	closes bool
}

// actions are the POST handlers under /cases/{id}/.
func (c *console) actions() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"approve":    c.run("approve", action{checkApprove, c.callApprove, true}),
		"dismiss":    c.run("dismiss", action{checkDismiss, c.callDismiss, true}),
		"reclassify": c.run("reclassify", action{checkKind, c.callReclassify, false}),
		"done":       c.run("done", action{needConfirm("send the completion notice"), c.callDone, true}),
		"reopen":     c.run("reopen", action{needReason("reopen"), c.callReopen, false}),
		"close":      c.run("close", action{checkClose, c.callClose, true}),
		"posted":     c.run("posted", action{checkPosted, c.callPosted, false}),
		"preview":    c.previewPost,
	}
}

// notices say what an action that keeps staff on the case did, by the
// name the redirect carries.
func notices() map[string]string {
	return map[string]string{
		"reclassify": "Reclassified. The case stays with staff; answer it as its new kind.",
		"reopen":     "Reopened. The case is back with staff.",
		"letter":     "Letter entered. When the answer is a letter, it waits under Letter to post: print it, post it, then mark it posted.",
		"posted":     "Marked posted. The day of posting is the date of the answer.",
	}
}

// run makes the handler for an action on the case the path names: the
// signed-in user acts; a form the console can tell is wrong is refused
// before the service is asked; the service's refusal is shown on the
// case page with what was typed; success goes back to the queue the case
// was opened from, which says in one line what was done, or for an action
// that keeps the case open, to the case.
func (c *console) run(name string, a action) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		cs, err := c.svc.Get(r.PathValue("id"))
		if err != nil {
			c.serviceError(w, r, name, err)
			return
		}
		f := draftOf(r.PostForm, cs)
		back := backTo(r.PostFormValue("back"))
		act := control.Act{Actor: sessionOf(r).User, Reason: f.Reason, Note: f.Note, Message: f.Message}
		if msg := formProblem(f) + a.check(cs, f); msg != "" {
			c.actionFailed(w, r, cs, f, back, http.StatusUnprocessableEntity, msg)
			return
		}
		after, err := a.call(cs, f, act)
		if err != nil {
			status, msg := explain(name, err)
			c.log.Info("staff action refused", "action", name, "case", cs.ID, "user", act.Actor, "err", err)
			c.actionFailed(w, r, cs, f, back, status, msg)
			return
		}
		c.log.Info("staff action", "action", name, "case", cs.ID, "user", act.Actor)
		if !a.closes {
			http.Redirect(w, r, caseURL(cs.ID, back)+"&done="+name, http.StatusSeeOther)
			return
		}
		c.awaitReplies([]string{cs.ID})
		token := c.done.put(resultSet{user: act.Actor, at: time.Now(), title: "Done:", lines: []resultLine{lineOf(name, after)}})
		http.Redirect(w, r, withResult(back, token), http.StatusSeeOther)
	}
}

// lineOf says in a line what an action did to a case.
func lineOf(name string, cs *cases.Case) resultLine {
	l := resultLine{ID: cs.ID, OK: true, Reported: cases.ReportedAs(cs.Kind, cs.Outcome)}
	switch name {
	case "dismiss":
		l.What = "dismissed without an answer"
	case "done":
		l.What = "marked done; the completion notice goes out"
	case "close":
		l.What = "closed as " + string(cs.Outcome)
	default:
		if n := len(cs.Replies); n > 0 {
			r := cs.Replies[n-1]
			l.What = "answered with " + string(r.Template) + " to " + r.To
			if cs.ByPost() {
				l.What = "letter " + string(r.Template) + " made: print it and post it"
			}
		}
	}
	return l
}

// caseURL is a case's page, with the queue page to go back to.
func caseURL(id, back string) string {
	return "/cases/" + url.PathEscape(id) + "?" + url.Values{"back": {backTo(back)}}.Encode()
}

// actionFailed shows the case again with the error and what was typed.
func (c *console) actionFailed(w http.ResponseWriter, r *http.Request, cs *cases.Case, f actionForm, back string, status int, msg string) {
	v := c.caseView(r, cs, f, back)
	v.Error = msg
	c.preview(&v)
	c.render(w, r, status, "case", "Case "+cs.ID, v)
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

// needReason refuses an action without a reason.
func needReason(verb string) func(*cases.Case, actionForm) string {
	return func(_ *cases.Case, f actionForm) string {
		if f.Reason == "" {
			return "Give a reason to " + verb + " the case."
		}
		return ""
	}
}

// needConfirm refuses an action whose confirmation box was not ticked.
func needConfirm(what string) func(*cases.Case, actionForm) string {
	return func(_ *cases.Case, f actionForm) string {
		if !f.Confirm {
			return "Tick the box to confirm: " + what + "."
		}
		return ""
	}
}

// checkDismiss wants a reason and the confirmation.
func checkDismiss(cs *cases.Case, f actionForm) string {
	if msg := needReason("dismiss")(cs, f); msg != "" {
		return msg
	}
	return needConfirm("close the case without an answer")(cs, f)
}

// checkApprove wants an answer that fits the case, its text when staff
// write it, and the confirmation that it may go.
func checkApprove(cs *cases.Case, f actionForm) string {
	a, ok := cases.AnswerOf(f.Template)
	switch {
	case !ok || !a.Fits(cs.Kind):
		return "Choose one of the answers offered for " + cases.ACase(cs.Kind) + "."
	case a.FreeText && f.Message == "":
		return "Write the text of the reply."
	case !f.Confirm:
		return "Tick the box to confirm that the reply previewed may be sent; a sent reply cannot be unsent."
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
func corrected(f actionForm) *cases.Fields {
	if !f.Corrected {
		return nil
	}
	fields := f.Fields
	return &fields
}

func (c *console) callApprove(cs *cases.Case, f actionForm, a control.Act) (*cases.Case, error) {
	if a2, _ := cases.AnswerOf(f.Template); !a2.FreeText {
		a.Reason = ""
	}
	return c.svc.Approve(cs.ID, control.Approval{Act: a, Template: f.Template, Fields: corrected(f), Outcome: f.Outcome})
}

func (c *console) callDismiss(cs *cases.Case, _ actionForm, a control.Act) (*cases.Case, error) {
	return c.svc.Dismiss(cs.ID, a)
}

func (c *console) callReclassify(cs *cases.Case, f actionForm, a control.Act) (*cases.Case, error) {
	return c.svc.Reclassify(cs.ID, cases.Kind(f.Kind), a)
}

func (c *console) callDone(cs *cases.Case, _ actionForm, a control.Act) (*cases.Case, error) {
	return c.svc.Done(cs.ID, a)
}

// checkPosted wants the day the letter was posted.
func checkPosted(_ *cases.Case, f actionForm) string {
	if _, err := time.Parse(time.DateOnly, f.Posted); err != nil {
		return "Give the day the letter was posted as YYYY-MM-DD."
	}
	return ""
}

func (c *console) callPosted(cs *cases.Case, f actionForm, a control.Act) (*cases.Case, error) {
	if c.desk == nil {
		return nil, fmt.Errorf("mark posted: %w: this console takes no letters", control.ErrRefused)
	}
	day, _ := time.Parse(time.DateOnly, f.Posted)
	return c.desk.MarkPosted(cs.ID, a, day)
}

// checkClose wants a privacy case, an outcome it can be closed with, and a
// reason for a denial.
func checkClose(cs *cases.Case, f actionForm) string {
	switch {
	case !cases.KindOf(cs.Kind).StaffClose:
		return "Only a privacy request is closed this way."
	case !slices.Contains(cases.Closings, f.Outcome):
		return "Choose how the request was answered: " + cases.Join(cases.Closings, ", ") + "."
	case f.Outcome == cases.OutcomeDenied && f.Reason == "":
		return "Give the reason for the denial."
	}
	return ""
}

func (c *console) callClose(cs *cases.Case, f actionForm, a control.Act) (*cases.Case, error) {
	return c.svc.Close(cs.ID, control.Closing{Act: a, Outcome: f.Outcome})
}

func (c *console) callReopen(cs *cases.Case, _ actionForm, a control.Act) (*cases.Case, error) {
	return c.svc.Reopen(cs.ID, a)
}

// previewPost sends a posted draft to the case page, where the draft
// lives in the URL (a reload shows the same preview).
func (c *console) previewPost(w http.ResponseWriter, r *http.Request) {
	cs, err := c.svc.Get(r.PathValue("id"))
	if err != nil {
		c.serviceError(w, r, "preview", err)
		return
	}
	http.Redirect(w, r, draftURL(cs, draftOf(r.PostForm, cs), r.PostFormValue("back")), http.StatusSeeOther)
}

// draftURL is the case page previewing a draft.
func draftURL(cs *cases.Case, f actionForm, back string) string {
	v := url.Values{"back": {backTo(back)}, "template": {string(f.Template)}}
	for k, s := range map[string]string{"message": f.Message, "outcome": string(f.Outcome), "reason": f.Reason} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.Corrected {
		v.Set("name", f.Fields.Name)
		v.Set("street", f.Fields.Street)
		v.Set("city", f.Fields.City)
		v.Set("state", f.Fields.State)
		v.Set("zip", f.Fields.ZIP)
	}
	return "/cases/" + url.PathEscape(cs.ID) + "?" + v.Encode()
}
