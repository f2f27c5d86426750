package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/control"
)

// bulkView fills the page that confirms a bulk action.
type bulkView struct {
	Action  string // control.BulkApprove or BulkDismiss
	Reason  string
	Back    string
	Lines   []control.BulkResult
	OK      []string // the cases the action will be done to
	Refused int
	Capped  int // matching cases left out: more than control.MaxBulk
	Sample  *previewView
	CSRF    string
	Error   string
}

// bulkForm is what the queue's bulk form posts.
type bulkForm struct {
	action, reason, back string
	ids                  []string
	all                  bool // every case matching the queue's query, not only those ticked
	confirm              bool
}

func readBulkForm(r *http.Request) bulkForm {
	f := bulkForm{action: r.PostFormValue("action"), reason: strings.TrimSpace(r.PostFormValue("reason")),
		back: backTo(r.PostFormValue("back")), all: r.PostFormValue("scope") == "all", confirm: r.PostFormValue("confirm") != ""}
	for _, id := range r.PostForm["id"] {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(f.ids, id) {
			f.ids = append(f.ids, id)
		}
	}
	return f
}

// bulkCheck says what is wrong with a bulk form, "" when nothing.
func bulkCheck(f bulkForm) string {
	switch {
	case f.action != control.BulkApprove && f.action != control.BulkDismiss:
		return "Choose approve or dismiss."
	case f.action == control.BulkDismiss && f.reason == "":
		return "Give the reason to dismiss the cases."
	case len(f.reason) > maxTextLen:
		return "A reason may be at most 4000 characters."
	case len(f.ids) == 0 && !f.all:
		return "Tick the cases to act on, or choose every case that matches."
	}
	return ""
}

// bulkStart checks a bulk action case by case, changing nothing, and
// shows what it would do to each for staff to confirm.
func (c *console) bulkStart(w http.ResponseWriter, r *http.Request) {
	f := readBulkForm(r)
	if msg := bulkCheck(f); msg != "" {
		c.showError(w, r, http.StatusUnprocessableEntity, msg)
		return
	}
	v := bulkView{Action: f.action, Reason: f.reason, Back: f.back, CSRF: sessionOf(r).CSRF}
	ids := f.ids
	if f.all {
		var err error
		if ids, v.Capped, err = c.matching(f.back); err != nil {
			c.serviceError(w, r, "list cases", err)
			return
		}
	}
	if len(ids) > control.MaxBulk {
		ids, v.Capped = ids[:control.MaxBulk], v.Capped+len(ids)-control.MaxBulk
	}
	lines, err := c.svc.Bulk(control.Bulk{Act: control.Act{Actor: sessionOf(r).User, Reason: f.reason}, Action: f.action, IDs: ids, DryRun: true})
	if err != nil {
		c.serviceError(w, r, f.action, err)
		return
	}
	v.Lines = lines
	for _, l := range lines {
		if l.OK {
			v.OK = append(v.OK, l.ID)
		} else {
			v.Refused++
		}
	}
	if f.action == control.BulkApprove && len(v.OK) > 0 {
		v.Sample = c.samplePreview(lines)
	}
	c.render(w, r, http.StatusOK, "bulk", "Confirm: "+f.action+" "+fmt.Sprint(len(v.OK))+" cases", v)
}

// matching lists the ids of every case the queue page's query matches,
// up to control.MaxBulk, and how many more there are.
func (c *console) matching(back string) ([]string, int, error) {
	u, _ := url.Parse(back)
	q, ok := queueQuery(u.Query())
	if !ok {
		return nil, 0, fmt.Errorf("the queue's filter: %w: not one the console offers", control.ErrInvalid)
	}
	q.Page, q.PerPage = 1, control.MaxBulk
	p, err := c.svc.Search(q)
	if err != nil {
		return nil, 0, err
	}
	var ids []string
	for _, s := range p.Rows {
		ids = append(ids, s.ID)
	}
	return ids, p.Total - len(ids), nil
}

// samplePreview is the first answer a bulk approval would send, whole,
// for staff to read before they confirm.
func (c *console) samplePreview(lines []control.BulkResult) *previewView {
	for _, l := range lines {
		if !l.OK {
			continue
		}
		cs, err := c.svc.Get(l.ID)
		if err != nil {
			return nil
		}
		p, err := c.svc.Preview(l.ID, control.Draft{Template: l.Template})
		if err != nil {
			return nil
		}
		return readablePreview(p, cs.Fields, nil)
	}
	return nil
}

// bulkDo does a confirmed bulk action, each case on its own, and goes
// back to the queue, which lists what was done to each.
func (c *console) bulkDo(w http.ResponseWriter, r *http.Request) {
	f := readBulkForm(r)
	f.all = false
	msg := bulkCheck(f)
	if msg == "" && !f.confirm {
		msg = "Tick the box to confirm the action."
	}
	if msg != "" {
		c.showError(w, r, http.StatusUnprocessableEntity, msg)
		return
	}
	user := sessionOf(r).User
	lines, err := c.svc.Bulk(control.Bulk{Act: control.Act{Actor: user, Reason: f.reason}, Action: f.action, IDs: f.ids})
	if err != nil {
		c.serviceError(w, r, f.action, err)
		return
	}
	set := resultSet{user: user, at: time.Now(), title: bulkTitle(f.action, lines)}
	var done []string
	for _, l := range lines {
		line := resultLine{ID: l.ID, OK: l.OK, Error: l.Error, Reported: l.Reported, What: "dismissed without an answer"}
		if f.action == control.BulkApprove {
			line.What = "answered with " + string(l.Template)
		}
		if l.OK {
			done = append(done, l.ID)
		}
		set.lines = append(set.lines, line)
	}
	c.log.Info("staff bulk action", "action", f.action, "cases", len(lines), "done", len(done), "user", user)
	c.awaitReplies(done)
	http.Redirect(w, r, withResult(f.back, c.done.put(set)), http.StatusSeeOther)
}

// bulkTitle says what a bulk action did, in all.
func bulkTitle(action string, lines []control.BulkResult) string {
	ok := 0
	for _, l := range lines {
		if l.OK {
			ok++
		}
	}
	verb := map[string]string{control.BulkApprove: "Approved", control.BulkDismiss: "Dismissed"}[action]
	return fmt.Sprintf("%s %d of %d cases; each on its own line:", verb, ok, len(lines))
}
