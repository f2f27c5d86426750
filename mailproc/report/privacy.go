package report

import (
	"slices"
	"strconv"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// LawCounts are the figures of the privacy requests (SPEC §10) read under
// one law, per right.
type LawCounts struct {
	Law   string `json:"law"` // gdpr, us-state or unknown
	Label string `json:"label"`
	// Rights has a row for each right in a fixed order, one for requests
	// whose right was unclear ("unclear"), and one for all requests of
	// the law ("all"). A request that asks for two rights counts in both
	// rows, and once in "all".
	Rights []RightCounts `json:"rights"`
}

// RightCounts are the figures of one right's requests under one law.
type RightCounts struct {
	Right          string   `json:"right"`
	Received       int      `json:"received"`
	Answered       int      `json:"answered"`
	WithinDeadline int      `json:"answered_within_deadline"`
	Overdue        int      `json:"overdue"`
	DaysToAnswer   DayStats `json:"days_to_answer"`
	days           []int
}

// The rows of a law beyond its rights.
const (
	RightUnclear = "unclear"
	RightAll     = "all"
)

// lawLabels name the laws, in report order.
func lawLabels() [][2]string {
	return [][2]string{
		{cases.LawGDPR, "GDPR (EU and UK): one month"},
		{cases.LawUSState, "US state privacy laws (CCPA and others): 45 days"},
		{cases.LawUnknown, "No law named: one month"},
	}
}

// rightOrder is the order of the rights' rows.
func rightOrder() []string {
	return []string{"access", "deletion", "correction", "portability", "restriction", "objection", "opt-out", "consent-withdrawal", RightUnclear, RightAll}
}

// privacyCounts counts the privacy lines per law and right.
func privacyCounts(lines []Line) []LawCounts {
	var out []LawCounts
	for _, ll := range lawLabels() {
		lc := LawCounts{Law: ll[0], Label: ll[1]}
		for _, right := range rightOrder() {
			rc := RightCounts{Right: right}
			for _, l := range lines {
				if l.Kind == string(cases.Privacy) && l.Law == ll[0] && countsFor(l, right) {
					rc.add(l)
				}
			}
			rc.DaysToAnswer = statsOf(rc.days)
			lc.Rights = append(lc.Rights, rc)
		}
		out = append(out, lc)
	}
	return out
}

// countsFor reports whether a privacy line belongs in a right's row.
func countsFor(l Line, right string) bool {
	switch right {
	case RightAll:
		return true
	case RightUnclear:
		return len(l.Rights) == 0
	}
	return slices.Contains(l.Rights, right)
}

// add counts one line.
func (rc *RightCounts) add(l Line) {
	rc.Received++
	rc.Overdue += one(l.Overdue)
	if l.Answered != nil {
		rc.Answered++
		rc.days = append(rc.days, *l.Days)
	}
	if l.WithinDeadline != nil && *l.WithinDeadline {
		rc.WithinDeadline++
	}
}

// rightMetrics are the figures of a right's row, in order: the summary's
// metrics of the same names.
func rightMetrics() []metric {
	var out []metric
	for _, m := range metrics() {
		switch m.key {
		case "received", "answered", "answered_within_deadline", "overdue", "days_mean", "days_median", "days_p90":
			out = append(out, m)
		}
	}
	return out
}

// asCounts is a right's row as the summary's Counts, so that its figures
// are read and written as the summary's are.
func (rc RightCounts) asCounts() Counts {
	return Counts{Received: rc.Received, Answered: rc.Answered, WithinDeadline: rc.WithinDeadline,
		Overdue: rc.Overdue, DaysToAnswer: rc.DaysToAnswer}
}

// lawView is one law's table on the HTML page.
type lawView struct {
	Label string
	Rows  []rightRow // the rights asked for this month, then all
	Empty bool       // no request under this law this month
}

// rightRow is one right's figures as the page shows them.
type rightRow struct {
	Label                                             string
	Received, Answered, InTime, Overdue, Median, Mean string
	All, Alert                                        bool
}

// rightLabels name the rows for people.
var rightLabels = map[string]string{
	"access": "Access (a copy; the right to know)", "deletion": "Deletion (erasure)",
	"correction": "Correction (rectification)", "portability": "Portability", "restriction": "Restriction (limiting use)",
	"objection": "Objection", "opt-out": "Opt-out of sale or sharing", "consent-withdrawal": "Withdrawal of consent",
	RightUnclear: "Right unclear", RightAll: "All requests",
}

// privacyView lays out the per-law tables: a row for each right asked for
// in the month, then all requests of the law.
func (r Report) privacyView() []lawView {
	var out []lawView
	for _, lc := range r.Privacy {
		v := lawView{Label: lc.Label}
		for _, rc := range lc.Rights {
			if rc.Right == RightAll {
				v.Empty = rc.Received == 0
			}
			if rc.Received == 0 && rc.Right != RightAll {
				continue
			}
			v.Rows = append(v.Rows, rightRow{Label: rightLabels[rc.Right], Received: strconv.Itoa(rc.Received),
				Answered: strconv.Itoa(rc.Answered), InTime: strconv.Itoa(rc.WithinDeadline), Overdue: strconv.Itoa(rc.Overdue),
				Median: dayValue(rc.DaysToAnswer.Median), Mean: dayValue(rc.DaysToAnswer.Mean),
				All: rc.Right == RightAll, Alert: rc.Overdue > 0})
		}
		out = append(out, v)
	}
	return out
}

// dayValue writes a statistic of days; a dash for none.
func dayValue(p *float64) string {
	if v, ok := deref(p); ok {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return "—"
}
