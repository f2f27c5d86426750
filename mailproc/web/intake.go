package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// intakeView fills the page where staff enter a letter.
type intakeView struct {
	Kind  string   // california or coppa
	Kinds []option // links to the form for each kind
	Form  intakeForm
	Error string
	CSRF  string
	Today string // the latest day a letter can have arrived, YYYY-MM-DD
	// MaxScanMiB is the largest scan that can be uploaded.
	MaxScanMiB int
}

// intakeForm is what staff typed, kept when the letter is refused.
type intakeForm struct {
	Received  string
	FirstLine bool
	Fields    cases.Fields
	Coppa     cases.CoppaFields
	Return    cases.Fields
	Scan      string
	Note      string
}

// letterKinds are the kinds of request a letter can be.
func letterKinds() []string {
	var out []string
	for _, k := range cases.KindsByPost() {
		out = append(out, string(k))
	}
	return out
}

// intakePage shows the form for a kind of letter: the one the query
// names, else the first (california).
func (c *console) intakePage(w http.ResponseWriter, r *http.Request) {
	kind := r.URL.Query().Get("kind")
	if !slices.Contains(letterKinds(), kind) {
		kind = letterKinds()[0]
	}
	c.showIntake(w, r, http.StatusOK, kind, intakeForm{Received: c.today()}, "")
}

func (c *console) showIntake(w http.ResponseWriter, r *http.Request, status int, kind string, f intakeForm, msg string) {
	v := intakeView{Kind: kind, Kinds: options(letterKinds(), kind, ""), Form: f, Error: msg,
		CSRF: sessionOf(r).CSRF, Today: c.today(), MaxScanMiB: control.MaxScanBytes >> 20}
	c.render(w, r, status, "intake", "Enter a letter", v)
}

// today is the console's date, YYYY-MM-DD in its zone.
func (c *console) today() string { return c.now().In(c.loc).Format(time.DateOnly) }

// intake enters the posted letter: a form the console can tell is wrong,
// or a refusal by the service, shows the form again with what was typed.
func (c *console) intake(w http.ResponseWriter, r *http.Request) {
	kind, f := readIntake(r)
	if !slices.Contains(letterKinds(), kind) {
		c.showError(w, r, http.StatusBadRequest, "The form names no kind of letter.")
		return
	}
	l, msg := letterOf(kind, f)
	if msg == "" {
		f.Scan, msg = c.keepUpload(r, f.Scan)
		l.Scan = f.Scan
	}
	if msg == "" {
		l.Act = control.Act{Actor: sessionOf(r).User, Note: f.Note}
		cs, err := c.desk.AddLetter(l)
		if err == nil {
			c.log.Info("letter entered", "case", cs.ID, "user", l.Actor)
			http.Redirect(w, r, "/cases/"+url.PathEscape(cs.ID)+"?done=letter", http.StatusSeeOther)
			return
		}
		_, msg = explain("enter the letter", err)
		c.log.Info("letter refused", "user", l.Actor, "err", err)
	}
	c.showIntake(w, r, http.StatusUnprocessableEntity, kind, f, msg)
}

// readIntake reads the intake form, trimming what staff typed.
func readIntake(r *http.Request) (string, intakeForm) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	addr := func(p string) cases.Fields {
		return cases.Fields{Name: v(p + "name"), Street: v(p + "street"), City: v(p + "city"), State: v(p + "state"), ZIP: v(p + "zip")}
	}
	return v("kind"), intakeForm{
		Received:  v("received"),
		FirstLine: v("first_line") != "",
		Fields:    addr(""),
		Coppa:     cases.CoppaFields{ParentName: v("parent_name"), ChildName: v("child_name"), ChildEmail: v("child_email"), ChildUsername: v("child_username")},
		Return:    addr("return_"),
		Scan:      v("scan"),
		Note:      v("note"),
	}
}

// letterOf makes the service's letter of a form, keeping only the fields
// of its kind, or says what the console can tell is wrong.
func letterOf(kind string, f intakeForm) (control.Letter, string) {
	received, err := time.Parse(time.DateOnly, f.Received)
	if err != nil {
		return control.Letter{}, "Give the day the letter arrived (Received on) as YYYY-MM-DD."
	}
	if msg := intakeTooLong(f); msg != "" {
		return control.Letter{}, msg
	}
	l := control.Letter{Kind: cases.Kind(kind), Received: received, ReturnAddress: f.Return, Scan: f.Scan}
	if l.Kind == cases.California {
		l.Fields, l.FirstLine = f.Fields, f.FirstLine
	} else {
		l.Coppa = f.Coppa
	}
	return l, ""
}

// intakeTooLong names a value that is too long.
func intakeTooLong(f intakeForm) string {
	if len(f.Note) > maxTextLen {
		return "A note may be at most 4000 characters."
	}
	for _, v := range []string{f.Fields.Name, f.Fields.Street, f.Fields.City, f.Fields.State, f.Fields.ZIP,
		f.Return.Name, f.Return.Street, f.Return.City, f.Return.State, f.Return.ZIP, f.Scan,
		f.Coppa.ParentName, f.Coppa.ChildName, f.Coppa.ChildEmail, f.Coppa.ChildUsername} {
		if len(v) > maxFieldLen {
			return "A field may be at most 300 characters."
		}
	}
	return ""
}
