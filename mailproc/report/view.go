package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// page is what the HTML template shows: the report, formatted.
type page struct {
	Company   string
	Month     string // "March 2025"
	MonthKey  string // "2025-03"
	Period    string
	TimeZone  string
	AsOf      string
	Glance    []glance
	Summary   summaryView
	Reasons   reasonsView
	Privacy   []lawView
	Legend    []legendItem
	Charts    []chart
	Cases     []caseView
	Notes     []noteView
	NoteOf    map[string]int
	CaseCount int
}

// glance is the headline figures of one kind of request.
type glance struct {
	Label   string
	Figures []figure
}

// figure is one headline number.
type figure struct {
	Value, Label, Note string
	Alert              bool
}

// legendItem names a kind's colour.
type legendItem struct{ Class, Label string }

// noteView is one numbered footnote.
type noteView struct {
	N          int
	ID         string
	Term, Text string
}

// page formats the report for the HTML template.
func (r Report) page() page {
	p := page{
		Company:   r.Company,
		Month:     r.From.Format("January 2006"),
		MonthKey:  r.Month,
		Period:    fmt.Sprintf("1 to %s, whole days", r.Until.AddDate(0, 0, -1).Format("2 January 2006")),
		TimeZone:  r.TimeZone,
		AsOf:      r.AsOf.Format("Monday 2 January 2006, 15:04 MST"),
		Summary:   r.summaryView(),
		Reasons:   r.reasonsView(),
		Privacy:   r.privacyView(),
		Charts:    []chart{r.perDayChart(), r.outcomesChart(), r.answerChart()},
		Cases:     caseViews(r.Cases),
		NoteOf:    noteNumbers(),
		CaseCount: len(r.Cases),
	}
	for _, g := range groupLabels() {
		p.Legend = append(p.Legend, legendItem{"k-" + g.kind, g.label})
	}
	for i, n := range notes() {
		p.Notes = append(p.Notes, noteView{i + 1, n.id, n.term, n.text})
	}
	for _, g := range r.Groups {
		if g.Kind != GroupOther {
			p.Glance = append(p.Glance, glanceOf(g))
		}
	}
	return p
}

// glanceOf is the headline figures of a group, all channels together.
func glanceOf(g Group) glance {
	c := g.all()
	share := "—"
	if v, ok := deref(c.ShareWithinDeadline); ok {
		share = pct(v)
	}
	median := "—"
	if v, ok := deref(c.DaysToAnswer.Median); ok {
		median = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return glance{Label: g.Label, Figures: []figure{
		{Value: strconv.Itoa(c.Received), Label: "received", Note: "received"},
		{Value: strconv.Itoa(c.Complied), Label: "complied with", Note: "complied"},
		{Value: strconv.Itoa(c.Denied), Label: "denied", Note: "denied"},
		{Value: share, Label: fmt.Sprintf("answered in time (%d of %d)", c.WithinDeadline, c.Answered), Note: "within"},
		{Value: median, Label: "median days to answer", Note: "days"},
		{Value: strconv.Itoa(c.Overdue), Label: "overdue", Note: "overdue", Alert: c.Overdue > 0},
	}}
}

// pct writes a share of one as a percentage to one decimal.
func pct(v float64) string {
	return strconv.FormatFloat(v*100, 'f', 1, 64) + " %"
}

// caseView is one row of the case table.
type caseView struct {
	ID, Kind, Channel, Received, Due, Answered, Days, Within, State, Outcome, Marks string
	Overdue, Late                                                                   bool
}

// caseViews formats the case lines.
func caseViews(lines []Line) []caseView {
	var out []caseView
	for _, l := range lines {
		v := caseView{ID: l.ID, Kind: l.Kind, Channel: l.Channel, Received: short(l.Received),
			Due: l.Due.Format(time.DateOnly), Answered: "—", Days: "—", Within: "—", State: l.State,
			Outcome: dash(l.Outcome), Marks: strings.Join(marks(l), ", "), Overdue: l.Overdue}
		if l.Answered != nil {
			v.Answered, v.Days = short(*l.Answered), strconv.Itoa(*l.Days)
		}
		if l.WithinDeadline != nil {
			v.Within, v.Late = "no", !*l.WithinDeadline
			if *l.WithinDeadline {
				v.Within = "yes"
			}
		}
		out = append(out, v)
	}
	return out
}

// marks names the counts a line takes part in beyond its state.
func marks(l Line) []string {
	var m []string
	for _, f := range []struct {
		on   bool
		name string
	}{{l.Complied, "complied"}, {l.Denied, "denied"}, {l.NotCovered, "not covered"}, {l.Incomplete, "incomplete"},
		{l.Repeat, "repeat"}, {l.Reviewed, "reviewed"}, {l.Overdue, "overdue"}} {
		if f.on {
			m = append(m, f.name)
		}
	}
	return m
}

// short is a time as the case table shows it; a dash for none.
func short(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02 15:04")
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
