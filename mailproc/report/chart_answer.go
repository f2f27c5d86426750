package report

import (
	"fmt"
	"strconv"
)

// Bins of the days-to-answer histogram: 0–5 days, then five days each;
// the sixth bin ends on day 30, where the deadline line is drawn.
const (
	binDays     = 5
	minBins     = 8  // up to day 40, so the deadline is never at the edge
	maxBins     = 18 // up to day 90; later answers join the last bin
	deadlineBin = 6  // bins before the deadline line
)

// binOf is the histogram bin of a number of days.
func binOf(days int) int {
	if days <= binDays {
		return 0
	}
	return min((days-1)/binDays, maxBins-1)
}

// binLabel names bin i of n.
func binLabel(i, n int) string {
	switch {
	case i == 0:
		return "0–5"
	case i == n-1 && n == maxBins:
		return strconv.Itoa(i*binDays+1) + "+"
	}
	return fmt.Sprintf("%d–%d", i*binDays+1, (i+1)*binDays)
}

// answerBins counts the answered lines in each bin by group.
func answerBins(lines []Line) [][]int {
	n := minBins
	for _, l := range lines {
		if l.Days != nil {
			n = max(n, binOf(*l.Days)+1)
		}
	}
	bins := make([][]int, n)
	for i := range bins {
		bins[i] = make([]int, len(groupLabels()))
	}
	for _, l := range lines {
		if l.Days != nil {
			bins[binOf(*l.Days)][groupIndex(l.Kind)]++
		}
	}
	return bins
}

// answerChart draws the histogram of days from receipt to answer, with the
// 30-day deadline marked.
func (r Report) answerChart() chart {
	bins := answerBins(r.Cases)
	c := chart{ID: "chart-days", Title: "Days from receipt to answer",
		Caption: "Answered cases of the month by calendar days from receipt (day 0) to answer, stacked by kind. " +
			"The red line is the 30-day deadline of Cal. Civ. Code § 1798.83(b); bars right of it were answered late.",
		Width: 720, Height: 230}
	highest := 0
	for _, b := range bins {
		highest = max(highest, sum(b))
	}
	top, step := niceScale(highest)
	p := plot{Left: 40, Top: 22, Width: 668, Height: 160, Max: top}
	slot := p.Width / float64(len(bins))
	line := p.Left + slot*deadlineBin
	c.Back = append(c.Back, rect{line, p.Top, p.Left + p.Width - line, p.Height, "late-zone", "answered after the deadline"})
	c.yAxis(p, step)
	for i, b := range bins {
		x := p.Left + float64(i)*slot
		c.stack(p, x+slot*0.1, slot*0.8, b, binLabel(i, len(bins))+" days")
		c.Texts = append(c.Texts, label{x + slot/2, p.bottom() + 14, "middle", "tick", binLabel(i, len(bins))})
	}
	c.Lines = append(c.Lines, segment{line, p.Top - 8, line, p.bottom(), "deadline"})
	c.Texts = append(c.Texts,
		label{line + 5, p.Top - 1, "start", "deadline-label", "30-day deadline"},
		label{p.Left + p.Width/2, p.bottom() + 34, "middle", "axis-title", "Days from receipt to answer"},
		label{p.Left - 30, p.Top - 10, "start", "axis-title", "Cases"})
	if highest == 0 {
		c.empty(p, "No case of this month has been answered yet.")
	}
	return c
}
