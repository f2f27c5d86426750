package report

import (
	"cmp"
	"slices"
)

// Counts are the figures of one group of cases on one channel. Each count
// is the number of the group's lines on the channel (every channel for
// "all") whose column of the same name is true; see Line and define.go.
type Counts struct {
	Channel    string `json:"channel"`
	Received   int    `json:"received"`
	Answered   int    `json:"answered"` // lines with an Answered time
	Complied   int    `json:"complied"`
	Denied     int    `json:"denied"`
	Incomplete int    `json:"incomplete"`
	Repeats    int    `json:"repeats"`
	Reviewed   int    `json:"reviewed"`
	Dismissed  int    `json:"dismissed"`
	Done       int    `json:"done"`
	Open       int    `json:"open"`
	Overdue    int    `json:"overdue"`
	// WithinDeadline counts answered lines with WithinDeadline true.
	WithinDeadline int `json:"answered_within_deadline"`
	// ShareWithinDeadline is WithinDeadline / Answered, rounded to three
	// decimals; nil when nothing was answered.
	ShareWithinDeadline *float64      `json:"share_within_deadline"`
	DaysToAnswer        DayStats      `json:"days_to_answer"`
	DenialReasons       []ReasonCount `json:"denial_reasons"` // most frequent first, then by reason
	// NotCovered counts the lines answered as requests the law does not
	// cover, NotCoveredReasons their reasons as DenialReasons are.
	NotCovered        int           `json:"not_covered"`
	NotCoveredReasons []ReasonCount `json:"not_covered_reasons"`
	days              []int
	uncovered         map[string]int
}

// ReasonCount is how many denied lines give one reason.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// groupLabel names a group for people, at length and in short.
type groupLabel struct{ kind, label, short string }

// groupLabels are the groups in report order.
func groupLabels() []groupLabel {
	return []groupLabel{
		{GroupCalifornia, "California (Cal. Civ. Code § 1798.83)", "California"},
		{GroupCoppa, "COPPA (16 CFR Part 312)", "COPPA"},
		{GroupPrivacy, "Other privacy rights (GDPR, US state laws)", "Privacy rights"},
		{GroupOther, "Not a request / undecided", "Not a request / undecided"},
	}
}

// labelOf is the label of a group.
func labelOf(kind string) groupLabel {
	for _, g := range groupLabels() {
		if g.kind == kind {
			return g
		}
	}
	return groupLabel{kind, kind, kind}
}

// all is the counts of every channel together: the last column.
func (g Group) all() Counts {
	if len(g.Channels) == 0 {
		return Counts{Channel: ChannelAll}
	}
	return g.Channels[len(g.Channels)-1]
}

// groupsOf counts the lines of every group on every channel.
func groupsOf(lines []Line) []Group {
	channels := channelsOf(lines)
	labels := groupLabels()
	groups := make([]Group, len(labels))
	for i, g := range labels {
		groups[i] = Group{Kind: g.kind, Label: g.label}
		for _, ch := range channels {
			groups[i].Channels = append(groups[i].Channels, countLines(lines, g.kind, ch))
		}
	}
	return groups
}

// channelsOf is email, letter, any other channel the lines name, and all.
func channelsOf(lines []Line) []string {
	var extra []string
	for _, l := range lines {
		if l.Channel != ChannelEmail && l.Channel != ChannelLetter && !slices.Contains(extra, l.Channel) {
			extra = append(extra, l.Channel)
		}
	}
	slices.Sort(extra)
	return slices.Concat([]string{ChannelEmail, ChannelLetter}, extra, []string{ChannelAll})
}

// countLines counts the lines of one group and channel.
func countLines(lines []Line, group, channel string) Counts {
	c := Counts{Channel: channel}
	reasons := map[string]int{}
	for _, l := range lines {
		if groupOf(l.Kind) == group && (channel == ChannelAll || l.Channel == channel) {
			c.add(l, reasons)
		}
	}
	c.finish(reasons)
	return c
}

// add counts one line.
func (c *Counts) add(l Line, reasons map[string]int) {
	c.Received++
	c.Complied += one(l.Complied)
	c.Denied += one(l.Denied)
	c.Incomplete += one(l.Incomplete)
	c.Repeats += one(l.Repeat)
	c.Reviewed += one(l.Reviewed)
	c.Dismissed += one(l.Dismissed)
	c.Done += one(l.Done)
	c.Open += one(l.Open)
	c.Overdue += one(l.Overdue)
	c.NotCovered += one(l.NotCovered)
	if l.NotCovered {
		if c.uncovered == nil {
			c.uncovered = map[string]int{}
		}
		c.uncovered[l.NotCoveredReason]++
	}
	if l.Answered != nil {
		c.Answered++
		c.days = append(c.days, *l.Days)
	}
	if l.WithinDeadline != nil && *l.WithinDeadline {
		c.WithinDeadline++
	}
	if l.Denied {
		reasons[l.DenialReason]++
	}
}

// finish computes what follows from the counts.
func (c *Counts) finish(reasons map[string]int) {
	c.DaysToAnswer = statsOf(c.days)
	if c.Answered > 0 {
		c.ShareWithinDeadline = ptr(round(float64(c.WithinDeadline)/float64(c.Answered), 3))
	}
	c.DenialReasons = reasonCounts(reasons)
	c.NotCoveredReasons = reasonCounts(c.uncovered)
}

// reasonCounts lists reasons with their counts, most frequent first, then
// by reason.
func reasonCounts(reasons map[string]int) []ReasonCount {
	out := []ReasonCount{}
	for r, n := range reasons {
		out = append(out, ReasonCount{Reason: r, Count: n})
	}
	slices.SortFunc(out, func(a, b ReasonCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Reason, b.Reason))
	})
	return out
}

func one(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ptr[T any](v T) *T { return &v }
