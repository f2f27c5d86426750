package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// queueView fills the queue page.
type queueView struct {
	Query    control.Query
	Views    []viewTab
	LookIn   []option // where the search looks
	Kinds    []option
	Reasons  []option
	Page     control.Page
	First    int    // the number of the page's first row, from 1
	Last     int    // and of its last
	Prev     string // the previous page's URL, "" on the first
	Next     string // the next page's URL, "" on the last
	Here     string // this page's URL: where a case and an action come back to
	Results  *resultsView
	Letters  bool // the console takes letters
	CSRF     string
	ViewName string // the view in words
}

// viewTab is one view of the queue, as a link with its count.
type viewTab struct {
	Name, Label, URL string
	Count            int
	Current          bool
}

// viewLabels name the views for people.
var viewLabels = map[string]string{
	control.ViewNeedsStaff: "Needs staff",
	control.ViewWaiting:    "Waiting on requester",
	control.ViewClosed:     "Closed",
	control.ViewAll:        "All cases",
}

// queue shows a page of the cases the URL asks for: a view ("needs
// staff" by default), a search, filters and a page, all kept in the URL,
// so that a case opened from it and every action on one come back to the
// same page.
func (c *console) queue(w http.ResponseWriter, r *http.Request) {
	q, ok := queueQuery(r.URL.Query())
	if !ok {
		c.showError(w, r, http.StatusBadRequest, "The filter names a view, kind or reason the console does not know.")
		return
	}
	page, err := c.svc.Search(q)
	if err != nil {
		c.serviceError(w, r, "list cases", err)
		return
	}
	v := queueView{Query: q, Page: page, Letters: c.desk != nil, CSRF: sessionOf(r).CSRF, Here: queueURL(q),
		Kinds: options(allKinds(), string(q.Kind), "any kind"), Reasons: reasonOptions(q.Reason),
		LookIn: viewOptions(lookIn(q)), ViewName: viewLabels[q.View]}
	for _, name := range control.Views {
		t := q
		t.View, t.Page = name, 0
		v.Views = append(v.Views, viewTab{Name: name, Label: viewLabels[name], URL: queueURL(t), Count: page.InViews[name], Current: name == q.View})
	}
	v.First = min((page.Page-1)*page.PerPage+1, page.Total)
	v.Last = (page.Page-1)*page.PerPage + len(page.Rows)
	if page.Page > 1 {
		p := q
		p.Page = page.Page - 1
		v.Prev = queueURL(p)
	}
	if page.Page < page.Pages() {
		p := q
		p.Page = page.Page + 1
		v.Next = queueURL(p)
	}
	v.Results = c.results(r)
	refresh := v.Results != nil && v.Results.Pending
	c.renderRefresh(w, r, http.StatusOK, "queue", "Queue", v, refresh)
}

// queueQuery reads the queue's query from the URL: every value must be
// one the page offers; the view is "needs staff" unless one is named.
func queueQuery(v url.Values) (control.Query, bool) {
	q := control.QueryOf(v)
	q.PerPage = 0
	if q.View == "" {
		q.View = control.ViewNeedsStaff
	}
	q.Overdue, q.ToPost = v.Get("overdue") != "", v.Get("to_post") != ""
	ok := slices.Contains(control.Views, q.View) &&
		(q.State == "" || slices.Contains(allStates(), string(q.State))) &&
		(q.Kind == "" || slices.Contains(allKinds(), string(q.Kind))) &&
		(q.Reason == "" || slices.Contains(cases.Reasons(), q.Reason)) &&
		len(q.Text) <= maxFieldLen
	return q, ok
}

// queueURL is the queue's URL for a query.
func queueURL(q control.Query) string {
	q.PerPage = 0
	v := q.Values()
	if q.View == control.ViewNeedsStaff {
		v.Del("view")
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// lookIn is where the search form looks: every case unless a search
// already chose a view.
func lookIn(q control.Query) string {
	if q.Text == "" {
		return control.ViewAll
	}
	return q.View
}

// viewOptions are where the search may look, all cases first.
func viewOptions(current string) []option {
	var opts []option
	for _, name := range []string{control.ViewAll, control.ViewNeedsStaff, control.ViewWaiting, control.ViewClosed} {
		opts = append(opts, option{Value: name, Label: viewLabels[name], Selected: name == current})
	}
	return opts
}

// backTo is where a page reached from the queue goes back to: the queue
// URL it was given (its view, search, filters and page), else the queue.
func backTo(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || raw == "" || u.Scheme != "" || u.Host != "" || u.Path != "/" || !(raw == "/" || raw[:2] == "/?") {
		return "/"
	}
	if q := u.Query().Encode(); q != "" {
		return "/?" + q
	}
	return "/"
}

// withResult is a queue URL with the token of an action's results added.
func withResult(back, token string) string {
	u, _ := url.Parse(backTo(back))
	v := u.Query()
	v.Set("result", token)
	return "/?" + v.Encode()
}

// pageWords says which rows a page shows: "1–50 of 491".
func pageWords(first, last, total int) string {
	if total == 0 {
		return "none"
	}
	return fmt.Sprintf("%s–%s of %s", strconv.Itoa(first), strconv.Itoa(last), strconv.Itoa(total))
}
