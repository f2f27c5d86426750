package report

import (
	"fmt"
	"strconv"
	"time"
)

// perDayChart draws the cases received on each day of the month, stacked
// by group, with weekends shaded.
func (r Report) perDayChart() chart {
	c := chart{ID: "chart-per-day", Title: "Requests received per day of the month, by kind",
		Caption: "Cases received on each day of " + r.From.Format("January 2006") +
			" (" + r.TimeZone + "), stacked by kind. Weekends are shaded.",
		Width: 720, Height: 238}
	highest := 0
	for _, d := range r.PerDay {
		highest = max(highest, d.California+d.Coppa+d.Privacy+d.Other)
	}
	top, step := niceScale(highest)
	p := plot{Left: 40, Top: 22, Width: 668, Height: 170, Max: top}
	slot := p.Width / float64(max(len(r.PerDay), 1))
	for i := range r.PerDay {
		x := p.Left + float64(i)*slot
		day := r.From.AddDate(0, 0, i)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			c.Back = append(c.Back, rect{x, p.Top, slot, p.Height, "weekend", day.Format("Monday 2 January")})
		}
		c.Texts = append(c.Texts, label{x + slot/2, p.bottom() + 14, "middle", "tick", strconv.Itoa(i + 1)})
	}
	c.yAxis(p, step)
	for i, d := range r.PerDay {
		x := p.Left + float64(i)*slot + slot*0.15
		c.stack(p, x, slot*0.7, []int{d.California, d.Coppa, d.Privacy, d.Other}, d.Date)
	}
	c.Texts = append(c.Texts,
		label{p.Left + p.Width/2, p.bottom() + 34, "middle", "axis-title", "Day of the month"},
		label{p.Left - 30, p.Top - 10, "start", "axis-title", "Cases"})
	if highest == 0 {
		c.empty(p, fmt.Sprintf("No cases were received in %s.", r.From.Format("January 2006")))
	}
	return c
}
