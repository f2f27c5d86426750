package report

import (
	"strconv"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// standing is where a case stood at the time of the report, for the
// outcomes chart: every case has exactly one.
type standing struct {
	label string
	test  func(Line) bool
}

// standings are the bars of the outcomes chart, in order; the first that
// fits a case is its standing. The last, "Other", is drawn only when a
// case has it.
func standings() []standing {
	state := func(s cases.State) func(Line) bool {
		return func(l Line) bool { return l.State == string(s) }
	}
	return []standing{
		{"Open: awaiting requester", state(cases.AwaitingRequester)},
		{"Open: in staff review", state(cases.Review)},
		{"Open: awaiting staff (COPPA)", state(cases.AwaitingStaff)},
		{"Dismissed", func(l Line) bool { return l.Dismissed }},
		{"Complied with", func(l Line) bool { return l.Complied }},
		{"Repeat notice sent", func(l Line) bool { return l.Repeat }},
		{"Denied", func(l Line) bool { return l.Denied }},
		{"Other (answer not confirmed)", func(Line) bool { return true }},
	}
}

// standingCounts counts the lines of each standing by group.
func standingCounts(lines []Line) [][]int {
	all := standings()
	counts := make([][]int, len(all))
	for i := range counts {
		counts[i] = make([]int, len(groupLabels()))
	}
	for _, l := range lines {
		for i, s := range all {
			if s.test(l) {
				counts[i][groupIndex(l.Kind)]++
				break
			}
		}
	}
	return counts
}

// groupIndex is the position of a kind's group in groupLabels.
func groupIndex(kind string) int {
	for i, g := range groupLabels() {
		if g.kind == groupOf(kind) {
			return i
		}
	}
	return len(groupLabels()) - 1
}

// outcomesChart draws one horizontal bar per standing, stacked by group.
func (r Report) outcomesChart() chart {
	all, counts := standings(), standingCounts(r.Cases)
	if sum(counts[len(counts)-1]) == 0 {
		all, counts = all[:len(all)-1], counts[:len(counts)-1]
	}
	const rowH = 26.0
	c := chart{ID: "chart-outcomes", Title: "Where the month's cases stand",
		Caption: "Each case of the month once, by where it stood at the time of the report, stacked by kind.",
		Width:   720, Height: 24 + rowH*float64(len(all))}
	highest := 0
	for _, v := range counts {
		highest = max(highest, sum(v))
	}
	top, _ := niceScale(highest)
	scale := func(v int) float64 { return float64(v) / float64(top) * 470 }
	for i, s := range all {
		y := 8 + rowH*float64(i)
		c.Texts = append(c.Texts, label{196, y + 15, "end", "row-label", s.label})
		c.Grid = append(c.Grid, segment{204, y + rowH - 2, 690, y + rowH - 2, "grid"})
		x := 204.0
		for g, v := range counts[i] {
			if v == 0 {
				continue
			}
			group := groupLabels()[g]
			c.Rects = append(c.Rects, rect{x, y + 4, scale(v), 16, "k-" + group.kind,
				s.label + ": " + group.label + " " + strconv.Itoa(v)})
			x += scale(v)
		}
		c.Texts = append(c.Texts, label{x + 6, y + 16, "start", "value", strconv.Itoa(sum(counts[i]))})
	}
	c.Lines = append(c.Lines, segment{204, 6, 204, c.Height - 10, "axis"})
	return c
}
