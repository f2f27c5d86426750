package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// caseColumns head the first section of the CSV file.
func caseColumns() []string {
	return []string{
		"id", "kind", "channel", "received", "due", "answered", "days_to_answer",
		"within_deadline", "state", "outcome", "reviewed", "complied", "denied",
		"denial_reason", "incomplete", "repeat", "dismissed", "done", "open", "overdue",
		"not_covered", "not_covered_reason", "law", "rights",
	}
}

// summaryColumns head the second section of the CSV file.
func summaryColumns() []string {
	return []string{"section", "kind", "channel", "metric", "value"}
}

// WriteCSV writes the report as two CSV sections separated by one empty
// line (RFC 4180, CRLF line ends, UTF-8).
//
// The first section has one row per case of the month, under the header
// id,kind,channel,received,due,answered,days_to_answer,within_deadline,
// state,outcome,reviewed,complied,denied,denial_reason,incomplete,repeat,
// dismissed,done,open,overdue,not_covered,not_covered_reason,law,rights.
// Law and rights (separated by spaces) are a privacy case's, empty for
// other kinds. Times are RFC 3339 in the company's zone;
// answered, days_to_answer and within_deadline are empty for a case not
// answered; every mark (within_deadline to overdue) is 1 or 0, so a summary
// count is the sum of its column over the rows of its kind and channel.
//
// The second section, under the header section,kind,channel,metric,value,
// holds rows of four sections: "report" (company, month, time_zone, from,
// until, as_of; kind and channel empty); "summary" (every metric for every
// group and channel, in the order of the HTML table; value empty where a
// statistic has no data, shares as a fraction of one); "denial_reason"
// (metric is the reason, value its count); "not_covered_reason" (the
// same, for requests answered as not covered by the law); and "privacy"
// (kind is the law, channel the right, "unclear" or "all"; metrics
// received, answered, answered_within_deadline, overdue, days_mean,
// days_median, days_p90).
//
// Text that came from people (outcomes, reasons) and starts with = + - @
// or a tab is prefixed with ' so that spreadsheets do not run it.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rows := [][]string{caseColumns()}
	for _, l := range r.Cases {
		rows = append(rows, caseRow(l))
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write csv cases: %w", err)
	}
	if _, err := io.WriteString(w, "\r\n"); err != nil {
		return fmt.Errorf("write csv separator: %w", err)
	}
	if err := cw.WriteAll(r.summaryRows()); err != nil {
		return fmt.Errorf("write csv summary: %w", err)
	}
	return nil
}

// caseRow is one case of the first section.
func caseRow(l Line) []string {
	return []string{
		safeCell(l.ID), l.Kind, l.Channel, stamp(l.Received), stamp(l.Due),
		stampPtr(l.Answered), intPtr(l.Days), markPtr(l.WithinDeadline),
		l.State, safeCell(l.Outcome), mark(l.Reviewed), mark(l.Complied), mark(l.Denied),
		safeCell(l.DenialReason), mark(l.Incomplete), mark(l.Repeat), mark(l.Dismissed),
		mark(l.Done), mark(l.Open), mark(l.Overdue), mark(l.NotCovered), safeCell(l.NotCoveredReason),
		l.Law, strings.Join(l.Rights, " "),
	}
}

// summaryRows are the rows of the second section, with its header.
func (r Report) summaryRows() [][]string {
	rows := [][]string{summaryColumns()}
	meta := [][2]string{
		{"company", safeCell(r.Company)}, {"month", r.Month}, {"time_zone", r.TimeZone},
		{"from", stamp(r.From)}, {"until", stamp(r.Until)}, {"as_of", stamp(r.AsOf)},
	}
	for _, m := range meta {
		rows = append(rows, []string{"report", "", "", m[0], m[1]})
	}
	for _, g := range r.Groups {
		for _, c := range g.Channels {
			for _, m := range metrics() {
				rows = append(rows, []string{"summary", g.Kind, c.Channel, m.key, csvValue(m, c)})
			}
		}
	}
	for _, g := range r.Groups {
		for _, c := range g.Channels {
			for _, rc := range c.DenialReasons {
				rows = append(rows, []string{"denial_reason", g.Kind, c.Channel, safeCell(rc.Reason), strconv.Itoa(rc.Count)})
			}
		}
	}
	for _, g := range r.Groups {
		for _, c := range g.Channels {
			for _, rc := range c.NotCoveredReasons {
				rows = append(rows, []string{"not_covered_reason", g.Kind, c.Channel, safeCell(rc.Reason), strconv.Itoa(rc.Count)})
			}
		}
	}
	for _, lc := range r.Privacy {
		for _, rc := range lc.Rights {
			for _, m := range rightMetrics() {
				rows = append(rows, []string{"privacy", lc.Law, rc.Right, m.key, csvValue(m, rc.asCounts())})
			}
		}
	}
	return rows
}

// csvValue is a metric's value as the CSV file writes it.
func csvValue(m metric, c Counts) string {
	v, ok := m.value(c)
	if !ok {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// stamp is a time in RFC 3339; empty for the zero time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func stampPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return stamp(*t)
}

func intPtr(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func mark(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func markPtr(b *bool) string {
	if b == nil {
		return ""
	}
	return mark(*b)
}

// safeCell keeps a spreadsheet from reading text as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
