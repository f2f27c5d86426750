// Package report builds mailproc's monthly compliance report (SPEC §8):
// counts per kind of request and per channel in the manner of 11 CCR § 7102,
// the reasons for denials, the days taken to answer, and a line for every
// case of the month. It writes the report as JSON, CSV and a self-contained
// printable HTML page with charts. It does no I/O beyond the writers it is
// given, and takes the time as an argument.
//
// Every count is defined on the case record alone (see the functions in
// define.go and the footnotes of the HTML page), so an auditor can recompute
// it from the per-case lines, which carry one column for each definition.
package report

import (
	"cmp"
	"slices"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Report is one month's compliance report.
type Report struct {
	Company  string    `json:"company"`
	Month    string    `json:"month"`     // YYYY-MM, in the company's time zone
	TimeZone string    `json:"time_zone"` // the IANA name of the company's zone
	From     time.Time `json:"from"`      // the first moment of the month
	Until    time.Time `json:"until"`     // the first moment of the next month (not included)
	AsOf     time.Time `json:"as_of"`     // the moment open and overdue are judged at
	Groups   []Group   `json:"groups"`    // california, coppa, privacy, other: always all four
	PerDay   []Day     `json:"per_day"`   // every day of the month, in order
	Cases    []Line    `json:"cases"`     // every case of the month, by time of receipt
	// Privacy counts the other privacy-rights requests (SPEC §10) per law
	// and per right: gdpr, us-state, unknown, always all three.
	Privacy []LawCounts `json:"privacy"`
}

// Group holds the counts of one kind of case, per channel.
type Group struct {
	Kind     string   `json:"kind"` // california, coppa, privacy, or other (kinds other and automated)
	Label    string   `json:"label"`
	Channels []Counts `json:"channels"` // email, letter, any other channel seen, then all
}

// Day is the number of cases received on one day of the month, by group.
type Day struct {
	Date       string `json:"date"` // YYYY-MM-DD
	California int    `json:"california"`
	Coppa      int    `json:"coppa"`
	Privacy    int    `json:"privacy"`
	Other      int    `json:"other"`
}

// The group keys of Group.Kind, in report order.
const (
	GroupCalifornia = "california"
	GroupCoppa      = "coppa"
	GroupPrivacy    = "privacy"
	GroupOther      = "other"
)

// The channels every report shows, and the name of the column for both.
const (
	ChannelEmail  = "email"
	ChannelLetter = "letter"
	ChannelAll    = "all"
)

// Build computes the report of one month (the company's month, loc) from
// all cases; now decides what is overdue and still open. Cases received
// outside the month are left out. A nil loc means UTC.
func Build(all []cases.Case, year int, month time.Month, loc *time.Location, now time.Time, company string) Report {
	b := NewBuilder(year, month, loc, now, company)
	for _, c := range all {
		b.Add(c)
	}
	return b.Report()
}

// Builder computes a month's report as Build does from cases given one at
// a time, keeping only the month's lines, so that a reader of the store
// need not hold every case of the month at once.
type Builder struct {
	r   Report
	loc *time.Location
	now time.Time
}

// NewBuilder starts the report of a month; see Build.
func NewBuilder(year int, month time.Month, loc *time.Location, now time.Time, company string) *Builder {
	if loc == nil {
		loc = time.UTC
	}
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	return &Builder{loc: loc, now: now, r: Report{
		Company:  company,
		Month:    from.Format("2006-01"),
		TimeZone: loc.String(),
		From:     from,
		Until:    from.AddDate(0, 1, 0),
		AsOf:     now.In(loc),
		Cases:    []Line{},
	}}
}

// Add counts a case in the report when it was received in the month.
func (b *Builder) Add(c cases.Case) {
	if inMonth(c.Received, b.r.From, b.r.Until) {
		b.r.Cases = append(b.r.Cases, lineOf(c, b.loc, b.now))
	}
}

// Report is the report of the cases added.
func (b *Builder) Report() Report {
	r := b.r
	slices.SortStableFunc(r.Cases, func(a, b Line) int {
		return cmp.Or(a.Received.Compare(b.Received), cmp.Compare(a.ID, b.ID))
	})
	r.Groups = groupsOf(r.Cases)
	r.PerDay = perDay(r.Cases, r.From, r.Until)
	r.Privacy = privacyCounts(r.Cases)
	return r
}

// inMonth reports whether t falls in [from, until).
func inMonth(t, from, until time.Time) bool {
	return !t.Before(from) && t.Before(until)
}

// groupOf is the report group of a case's kind: a kind of request
// (cases.KindOf says which are) with a group in groupLabels is its own;
// the rest are other.
func groupOf(kind string) string {
	for _, g := range groupLabels() {
		if g.kind == kind && cases.KindOf(cases.Kind(kind)).Request {
			return kind
		}
	}
	return GroupOther
}

// perDay counts the cases received on each day of the month.
func perDay(lines []Line, from, until time.Time) []Day {
	var days []Day
	for d := from; d.Before(until); d = d.AddDate(0, 0, 1) {
		days = append(days, Day{Date: d.Format(time.DateOnly)})
	}
	for _, l := range lines {
		d := &days[l.Received.Day()-1]
		switch groupOf(l.Kind) {
		case GroupCalifornia:
			d.California++
		case GroupCoppa:
			d.Coppa++
		case GroupPrivacy:
			d.Privacy++
		default:
			d.Other++
		}
	}
	return days
}
