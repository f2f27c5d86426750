package daemon

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/store"
)

// List returns the cases that pass the filter, soonest due first (cases
// with no due date last).
func (d *Daemon) List(f control.Filter) ([]control.Summary, error) {
	now := d.now()
	var out []control.Summary
	err := d.store.View(func(tx *store.Tx) error {
		return tx.ForEachRow(nil, func(r cases.Row) error {
			if s := summaryOf(r, now); passes(f, s) {
				out = append(out, s)
			}
			return nil
		})
	})
	slices.SortStableFunc(out, func(a, b control.Summary) int { return byDue(a, b) })
	return out, err
}

// Search returns a page of the cases a query asks for, from the store's
// rows and search texts (no case is read whole).
func (d *Daemon) Search(q control.Query) (control.Page, error) {
	if q.View != "" && !slices.Contains(control.Views, q.View) {
		return control.Page{}, fmt.Errorf("search: %w: view %q is not one of %v", control.ErrInvalid, q.View, control.Views)
	}
	now := d.now()
	p := control.Page{InViews: map[string]int{}, Page: max(q.Page, 1), PerPage: q.PerPage}
	if p.PerPage <= 0 {
		p.PerPage = control.DefaultPerPage
	}
	p.PerPage = min(p.PerPage, control.MaxPerPage)
	var rows []control.Summary
	err := d.store.View(func(tx *store.Tx) error {
		return tx.ForEachRow(cases.SearchWords(q.Text), func(r cases.Row) error {
			s := summaryOf(r, now)
			if !passes(q.Filter, s) {
				return nil
			}
			for _, v := range control.Views {
				if control.InView(v, s.State, s.ToPost) {
					p.InViews[v]++
				}
			}
			if control.InView(q.View, s.State, s.ToPost) {
				rows = append(rows, s)
			}
			return nil
		})
	})
	if err != nil {
		return control.Page{}, fmt.Errorf("search: %w", err)
	}
	slices.SortFunc(rows, queueOrder)
	p.Total = len(rows)
	for _, s := range rows {
		if s.Overdue {
			p.Overdue++
		}
	}
	from := min((p.Page-1)*p.PerPage, len(rows))
	p.Rows = rows[from:min(from+p.PerPage, len(rows))]
	return p, nil
}

// queueOrder puts open cases first, soonest due first and those with no
// due date after them (oldest first), then closed ones, newest first.
func queueOrder(a, b control.Summary) int {
	ra, rb := queueRank(a), queueRank(b)
	if ra != rb {
		return cmp.Compare(ra, rb)
	}
	switch ra {
	case 0:
		return cmp.Or(a.Due.Compare(b.Due), a.Received.Compare(b.Received), cmp.Compare(a.ID, b.ID))
	case 1:
		return cmp.Or(a.Received.Compare(b.Received), cmp.Compare(a.ID, b.ID))
	}
	return cmp.Or(b.Received.Compare(a.Received), cmp.Compare(b.ID, a.ID))
}

// queueRank: 0 open with a due date, 1 open without, 2 closed.
func queueRank(s control.Summary) int {
	switch {
	case !s.State.Open() && !s.ToPost:
		return 2
	case s.Due.IsZero():
		return 1
	}
	return 0
}

// byDue is the order of a plain list: soonest due first, no due date last.
func byDue(a, b control.Summary) int {
	switch {
	case a.Due.IsZero() != b.Due.IsZero():
		if a.Due.IsZero() {
			return 1
		}
		return -1
	}
	return a.Due.Compare(b.Due)
}

// summaryOf is a row as lists show it now.
func summaryOf(r cases.Row, now time.Time) control.Summary {
	s := control.Summary{ID: r.ID, Kind: r.Kind, State: r.State, Reasons: r.Reasons, Email: r.Email,
		Subject: r.Subject, Received: r.Received, Due: r.Due, Messages: r.Messages, Channel: r.Channel,
		ToPost: r.ToPost, Name: r.Name, Gist: r.Gist, Outcome: r.Outcome, Pending: r.Pending, Attached: r.Attached}
	if s.Channel == "" {
		s.Channel = cases.ChannelEmail
	}
	if s.Reasons == nil {
		s.Reasons = []string{}
	}
	s.Overdue = s.State.Open() && !s.Due.IsZero() && now.After(s.Due)
	return s
}

func passes(f control.Filter, s control.Summary) bool {
	switch {
	case f.State != "" && s.State != f.State,
		f.Kind != "" && s.Kind != f.Kind,
		f.Reason != "" && !slices.Contains(s.Reasons, f.Reason),
		f.Overdue && !s.Overdue,
		f.ToPost && !s.ToPost,
		f.Open && !s.State.Open():
		return false
	}
	return true
}
