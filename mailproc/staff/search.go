package staff

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
func (d *Desk) List(f control.Filter) ([]control.Summary, error) {
	now, loc := d.now(), d.cfg.Location()
	var out []control.Summary
	err := d.store.View(func(tx *store.Tx) error {
		return tx.ForEachRow(nil, func(r cases.Row) error {
			if s := summaryOf(r, now, loc); passes(f, s) {
				out = append(out, s)
			}
			return nil
		})
	})
	slices.SortStableFunc(out, func(a, b control.Summary) int { return byDue(a, b) })
	return out, err
}

// Search returns a page of the cases a query asks for, from the store's
// rows and search texts: cases are filtered and sorted by their rows'
// keys, and only the rows of the page are read.
func (d *Desk) Search(q control.Query) (control.Page, error) {
	if q.View != "" && !slices.Contains(control.Views, q.View) {
		return control.Page{}, fmt.Errorf("search: %w: view %q is not one of %v", control.ErrInvalid, q.View, control.Views)
	}
	now, loc := d.now(), d.cfg.Location()
	p := control.Page{InViews: map[string]int{}, Page: max(q.Page, 1), PerPage: q.PerPage}
	if p.PerPage <= 0 {
		p.PerPage = control.DefaultPerPage
	}
	p.PerPage = min(p.PerPage, control.MaxPerPage)
	err := d.store.View(func(tx *store.Tx) error {
		var hits []*hit
		err := tx.ScanRows(cases.SearchWords(q.Text), func(k store.RowKey, row func() (cases.Row, error)) error {
			s := keySummary(k, now)
			if !passes(q.Filter, s) {
				return nil
			}
			for _, v := range control.Views {
				if control.InView(v, s.State, s.ToPost) {
					p.InViews[v]++
				}
			}
			if control.InView(q.View, s.State, s.ToPost) {
				hits = append(hits, &hit{order: orderOf(s), overdue: s.Overdue, row: row})
			}
			return nil
		})
		if err != nil {
			return err
		}
		slices.SortFunc(hits, func(a, b *hit) int { return a.order.compare(b.order) })
		p.Total = len(hits)
		for _, h := range hits {
			if h.overdue {
				p.Overdue++
			}
		}
		p.Page = min(p.Page, p.Pages()) // past the last page: the last
		from := (p.Page - 1) * p.PerPage
		for _, h := range hits[from:min(from+p.PerPage, len(hits))] {
			r, err := h.row()
			if err != nil {
				return err
			}
			p.Rows = append(p.Rows, summaryOf(r, now, loc))
		}
		return nil
	})
	if err != nil {
		return control.Page{}, fmt.Errorf("search: %w", err)
	}
	return p, nil
}

// hit is a case a search found: where it goes in the queue, and how to
// read its row.
type hit struct {
	order   queueKey
	overdue bool
	row     func() (cases.Row, error)
}

// keySummary is what a row's key says of a case, as a summary to filter
// and sort by.
func keySummary(k store.RowKey, now time.Time) control.Summary {
	s := control.Summary{ID: k.ID, Kind: k.Kind, State: k.State, Reasons: k.Reasons, Due: k.Due, Received: k.Received, ToPost: k.ToPost}
	s.Overdue = s.State.Open() && !s.Due.IsZero() && now.After(s.Due)
	return s
}

// queueKey is what the queue's order reads of a case.
type queueKey struct {
	rank          int // 0 open with a due date, 1 open without, 2 closed
	due, received int64
	id            string
}

func orderOf(s control.Summary) queueKey {
	k := queueKey{due: s.Due.Unix(), received: s.Received.Unix(), id: s.ID}
	switch {
	case !s.State.Open() && !s.ToPost:
		k.rank = 2
	case s.Due.IsZero():
		k.rank = 1
	}
	return k
}

// compare puts open cases first, soonest due first and those with no due
// date after them (oldest first), then closed ones, newest first.
func (a queueKey) compare(b queueKey) int {
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	switch a.rank {
	case 0:
		return cmp.Or(cmp.Compare(a.due, b.due), cmp.Compare(a.received, b.received), cmp.Compare(a.id, b.id))
	case 1:
		return cmp.Or(cmp.Compare(a.received, b.received), cmp.Compare(a.id, b.id))
	}
	return cmp.Or(cmp.Compare(b.received, a.received), cmp.Compare(b.id, a.id))
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

// summaryOf is a row as lists show it now; a privacy request's is named
// in plain words with its due date in the company's zone (loc).
func summaryOf(r cases.Row, now time.Time, loc *time.Location) control.Summary {
	s := control.Summary{ID: r.ID, Kind: r.Kind, State: r.State, Reasons: r.Reasons, Email: r.Email,
		Subject: r.Subject, Received: r.Received, Due: r.Due, Messages: r.Messages, Channel: r.Channel,
		ToPost: r.ToPost, Name: r.Name, Gist: r.Gist, Outcome: r.Outcome, Pending: r.Pending, Attached: r.Attached,
		Law: r.Law, Rights: r.Rights, About: about(r, loc)}
	if s.Channel == "" {
		s.Channel = cases.ChannelEmail
	}
	if s.Reasons == nil {
		s.Reasons = []cases.Reason{}
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
