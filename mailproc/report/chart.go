package report

import (
	"fmt"
	"strconv"
)

// chart is one SVG chart, laid out in its own units (its viewBox); the
// page scales it to the width of the paper or the window.
type chart struct {
	ID      string
	Title   string
	Caption string
	Width   float64
	Height  float64
	Back    []rect    // shading behind everything
	Grid    []segment // grid lines, behind the bars
	Rects   []rect    // the bars
	Lines   []segment // axes and markers, over the bars
	Texts   []label
}

// rect is a filled box; Tip is shown on hover.
type rect struct {
	X, Y, W, H float64
	Class, Tip string
}

// segment is a straight line.
type segment struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

// label is a piece of text; Anchor is start, middle or end.
type label struct {
	X, Y   float64
	Anchor string
	Class  string
	Text   string
}

// plot is the area of a chart inside its axes, with the value at its top.
type plot struct {
	Left, Top, Width, Height float64
	Max                      int
}

// y is the vertical position of value v.
func (p plot) y(v int) float64 {
	return p.Top + p.Height - float64(v)/float64(p.Max)*p.Height
}

// bottom is the position of the baseline.
func (p plot) bottom() float64 { return p.Top + p.Height }

// niceScale returns a top value and a step between ticks for values up to
// max: steps of 1, 2 or 5 times a power of ten, at most five ticks.
func niceScale(max int) (top, step int) {
	if max < 1 {
		return 1, 1
	}
	for unit := 1; ; unit *= 10 {
		for _, m := range []int{1, 2, 5} {
			step = m * unit
			if (max+step-1)/step <= 5 {
				return (max + step - 1) / step * step, step
			}
		}
	}
}

// yAxis draws the horizontal grid lines and their values.
func (c *chart) yAxis(p plot, step int) {
	for v := 0; v <= p.Max; v += step {
		y := p.y(v)
		line := segment{p.Left, y, p.Left + p.Width, y, "grid"}
		if v == 0 {
			line.Class = "axis"
			c.Lines = append(c.Lines, line)
		} else {
			c.Grid = append(c.Grid, line)
		}
		c.Texts = append(c.Texts, label{p.Left - 6, y + 4, "end", "tick", strconv.Itoa(v)})
	}
}

// stack draws one bar of values per group, bottom up, in the groups'
// colours; tip names the bar.
func (c *chart) stack(p plot, x, w float64, values []int, tip string) {
	base := 0
	for i, v := range values {
		if v == 0 {
			continue
		}
		top, bottom := p.y(base+v), p.y(base)
		group := groupLabels()[i]
		c.Rects = append(c.Rects, rect{x, top, w, bottom - top, "k-" + group.kind,
			fmt.Sprintf("%s: %s %d", tip, group.label, v)})
		base += v
	}
}

// empty writes a note across a chart that has nothing to show.
func (c *chart) empty(p plot, text string) {
	c.Texts = append(c.Texts, label{p.Left + p.Width/2, p.Top + p.Height/2, "middle", "empty", text})
}

// sum adds values.
func sum(values []int) int {
	n := 0
	for _, v := range values {
		n += v
	}
	return n
}
