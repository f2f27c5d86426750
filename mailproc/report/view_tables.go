package report

import (
	"strconv"
	"strings"
)

// summaryView is the summary table: a row per metric, a column per group
// and channel.
type summaryView struct {
	Groups   []headCell
	Channels []cell
	Rows     []summaryRow
}

// cell is one cell of the summary table; Class marks the first column of
// a group and the columns of all channels together.
type cell struct {
	Text, Class string
}

// headCell is a group's heading over its channel columns.
type headCell struct {
	Label string
	Span  int
}

// summaryRow is one metric across every group and channel.
type summaryRow struct {
	Label string
	Note  string
	Cells []cell
	Lead  bool // the first row of a block of the table
}

// summaryView lays out the summary table.
func (r Report) summaryView() summaryView {
	var v summaryView
	for _, g := range r.Groups {
		v.Groups = append(v.Groups, headCell{labelOf(g.Kind).short, len(g.Channels)})
		for j, c := range g.Channels {
			v.Channels = append(v.Channels, cell{channelTitle(c.Channel), columnClass(j, len(g.Channels))})
		}
	}
	for _, m := range metrics() {
		row := summaryRow{Label: m.label, Note: m.note, Lead: m.key == "days_mean" || m.key == "answered_within_deadline"}
		for _, g := range r.Groups {
			for j, c := range g.Channels {
				row.Cells = append(row.Cells, cell{htmlValue(m, c), columnClass(j, len(g.Channels))})
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// columnClass marks column j of a group of n columns.
func columnClass(j, n int) string {
	switch j {
	case 0:
		return "first"
	case n - 1:
		return "all"
	}
	return ""
}

// htmlValue is a metric's value as the page shows it.
func htmlValue(m metric, c Counts) string {
	v, ok := m.value(c)
	switch {
	case !ok:
		return "—"
	case m.kind == metricShare:
		return pct(v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// channelTitle is a channel's column heading.
func channelTitle(ch string) string {
	if ch == "" {
		return ch
	}
	return strings.ToUpper(ch[:1]) + ch[1:]
}

// reasonsView is the table of denial reasons.
type reasonsView struct {
	Channels []string
	Rows     []reasonRow
}

// reasonRow is one reason of one group, counted per channel.
type reasonRow struct {
	Kind   string
	Reason string
	Counts []int
}

// reasonsView lists every group's denial reasons, most frequent first.
func (r Report) reasonsView() reasonsView {
	var v reasonsView
	for i, g := range r.Groups {
		if i == 0 {
			for _, c := range g.Channels {
				v.Channels = append(v.Channels, channelTitle(c.Channel))
			}
		}
		for _, rc := range g.all().DenialReasons {
			row := reasonRow{Kind: labelOf(g.Kind).short, Reason: rc.Reason}
			for _, c := range g.Channels {
				row.Counts = append(row.Counts, reasonCount(c, rc.Reason))
			}
			v.Rows = append(v.Rows, row)
		}
	}
	return v
}

// reasonCount is how many of c's denials give reason.
func reasonCount(c Counts, reason string) int {
	for _, rc := range c.DenialReasons {
		if rc.Reason == reason {
			return rc.Count
		}
	}
	return 0
}
