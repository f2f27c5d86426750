package web

import (
	"net/http"
	"slices"
	"sort"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// queueView fills the queue page.
type queueView struct {
	States      []option
	Kinds       []option
	Reasons     []option
	OnlyOverdue bool
	OnlyToPost  bool
	Rows        []control.Summary
	Overdue     int  // how many rows are overdue
	Letters     bool // the console takes letters
}

// queue lists the open cases, soonest due first, with the filters the
// query asks for.
func (c *console) queue(w http.ResponseWriter, r *http.Request) {
	f, ok := queueFilter(r)
	if !ok {
		c.showError(w, r, http.StatusBadRequest, "The filter names a state, kind or reason the console does not know.")
		return
	}
	rows, err := c.svc.List(f)
	if err != nil {
		c.serviceError(w, r, "list cases", err)
		return
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Due.Before(rows[j].Due) })
	v := queueView{
		States:      options(openStates(), string(f.State), "any open state"),
		Kinds:       options(allKinds(), string(f.Kind), "any kind"),
		Reasons:     options(reviewReasons(), f.Reason, "any reason"),
		OnlyOverdue: f.Overdue,
		OnlyToPost:  f.ToPost,
		Rows:        rows,
		Letters:     c.desk != nil,
	}
	for _, s := range rows {
		if s.Overdue {
			v.Overdue++
		}
	}
	c.render(w, r, http.StatusOK, "queue", "Queue", v)
}

// queueFilter reads the queue's filters; every value must be one the
// form offers.
func queueFilter(r *http.Request) (control.Filter, bool) {
	q := r.URL.Query()
	f := control.Filter{
		Open:    true,
		State:   cases.State(q.Get("state")),
		Kind:    cases.Kind(q.Get("kind")),
		Reason:  q.Get("reason"),
		Overdue: q.Get("overdue") != "",
		ToPost:  q.Get("to_post") != "",
	}
	ok := (f.State == "" || slices.Contains(openStates(), string(f.State))) &&
		(f.Kind == "" || slices.Contains(allKinds(), string(f.Kind))) &&
		(f.Reason == "" || slices.Contains(reviewReasons(), f.Reason))
	return f, ok
}
