package report

// metricKind is how a metric's value is written.
type metricKind int

const (
	metricCount metricKind = iota // a whole number
	metricDays                    // days, to one decimal
	metricShare                   // a fraction of one
)

// metric is one row of the summary: its CSV name, its label, the footnote
// that defines it, and how it is read off Counts.
type metric struct {
	key   string
	label string
	note  string
	kind  metricKind
	value func(Counts) (float64, bool)
}

// metrics are the summary's rows, in order.
func metrics() []metric {
	return []metric{
		count("received", "Received", "received", func(c Counts) int { return c.Received }),
		count("answered", "Answered", "answered", func(c Counts) int { return c.Answered }),
		count("complied", "Complied with", "complied", func(c Counts) int { return c.Complied }),
		count("denied", "Denied", "denied", func(c Counts) int { return c.Denied }),
		count("not_covered", "Not covered by the law", "notcovered", func(c Counts) int { return c.NotCovered }),
		count("incomplete", "Incomplete, never completed", "incomplete", func(c Counts) int { return c.Incomplete }),
		count("repeats", "Repeat requests", "repeats", func(c Counts) int { return c.Repeats }),
		count("reviewed", "Reviewed by staff", "reviewed", func(c Counts) int { return c.Reviewed }),
		count("dismissed", "Dismissed", "closed", func(c Counts) int { return c.Dismissed }),
		count("done", "Done", "closed", func(c Counts) int { return c.Done }),
		count("open", "Still open", "open", func(c Counts) int { return c.Open }),
		count("overdue", "Overdue", "overdue", func(c Counts) int { return c.Overdue }),
		days("days_mean", "Days to answer: mean", func(s DayStats) *float64 { return s.Mean }),
		days("days_median", "Days to answer: median", func(s DayStats) *float64 { return s.Median }),
		days("days_p90", "Days to answer: 90th percentile", func(s DayStats) *float64 { return s.P90 }),
		count("answered_within_deadline", "Answered within deadline", "within", func(c Counts) int { return c.WithinDeadline }),
		{key: "share_within_deadline", label: "Share answered within deadline", note: "within", kind: metricShare,
			value: func(c Counts) (float64, bool) { return deref(c.ShareWithinDeadline) }},
	}
}

func count(key, label, note string, get func(Counts) int) metric {
	return metric{key: key, label: label, note: note, kind: metricCount,
		value: func(c Counts) (float64, bool) { return float64(get(c)), true }}
}

func days(key, label string, get func(DayStats) *float64) metric {
	return metric{key: key, label: label, note: "days", kind: metricDays,
		value: func(c Counts) (float64, bool) { return deref(get(c.DaysToAnswer)) }}
}

func deref(p *float64) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}
