package report

import (
	"slices"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

func TestMonthEdges(t *testing.T) {
	loc := pacific(t)
	tests := []struct {
		name     string
		received time.Time
		inMarch  bool
	}{
		{"23:30 Pacific on 31 March (06:30 UTC on 1 April)", time.Date(2025, 4, 1, 6, 30, 0, 0, time.UTC), true},
		{"00:30 Pacific on 1 April", time.Date(2025, 4, 1, 7, 30, 0, 0, time.UTC), false},
		{"midnight Pacific starting 1 April", time.Date(2025, 4, 1, 7, 0, 0, 0, time.UTC), false},
		{"one second before April, Pacific", time.Date(2025, 4, 1, 6, 59, 59, 0, time.UTC), true},
		{"00:30 Pacific on 1 March (08:30 UTC)", time.Date(2025, 3, 1, 8, 30, 0, 0, time.UTC), true},
		{"23:30 Pacific on 28 February (07:30 UTC on 1 March)", time.Date(2025, 3, 1, 7, 30, 0, 0, time.UTC), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cases.Case{ID: "X", Kind: cases.California, State: cases.Review, Received: tc.received}
			r := Build([]cases.Case{c}, 2025, time.March, loc, at(t, loc, fixtureNow), "Cooper")
			if got := len(r.Cases) == 1; got != tc.inMarch {
				t.Errorf("received %s: in the March report = %v, want %v", tc.received, got, tc.inMarch)
			}
		})
	}
}

func TestFixtureMonth(t *testing.T) {
	r := marchReport(t)
	var ids []string
	for _, l := range r.Cases {
		ids = append(ids, l.ID)
	}
	if slices.Contains(ids, "2025-0015") || slices.Contains(ids, "2025-0016") {
		t.Errorf("March cases = %v: want neither 2025-0015 (1 April 00:30) nor 2025-0016 (28 February 23:30)", ids)
	}
	if !slices.Contains(ids, "2025-0014") || !slices.Contains(ids, "2025-0002") {
		t.Errorf("March cases = %v: want 2025-0014 (31 March 23:30) and 2025-0002 (1 March 00:30)", ids)
	}
	if last := r.PerDay[30]; last.Date != "2025-03-31" || last.California != 1 {
		t.Errorf("PerDay[30] = %+v, want 2025-03-31 with one california case", last)
	}
	if len(r.PerDay) != 31 {
		t.Errorf("len(PerDay) = %d, want 31", len(r.PerDay))
	}
}

// metricOf reads one metric of one group and channel.
func metricOf(t *testing.T, r Report, group, channel, key string) (float64, bool) {
	t.Helper()
	for _, g := range r.Groups {
		for _, c := range g.Channels {
			if g.Kind == group && c.Channel == channel {
				for _, m := range metrics() {
					if m.key == key {
						return m.value(c)
					}
				}
			}
		}
	}
	t.Fatalf("no metric %s for %s/%s", key, group, channel)
	return 0, false
}

func TestFixtureCounts(t *testing.T) {
	r := marchReport(t)
	tests := []struct {
		group, channel, metric string
		want                   float64
	}{
		{GroupCalifornia, ChannelAll, "received", 12},
		{GroupCalifornia, ChannelEmail, "received", 11},
		{GroupCalifornia, ChannelLetter, "received", 1},
		{GroupCalifornia, ChannelAll, "answered", 8},
		{GroupCalifornia, ChannelAll, "complied", 5},
		{GroupCalifornia, ChannelAll, "denied", 4},
		{GroupCalifornia, ChannelAll, "not_covered", 1},
		{GroupCalifornia, ChannelAll, "incomplete", 2},
		{GroupCalifornia, ChannelAll, "repeats", 1},
		{GroupCalifornia, ChannelAll, "reviewed", 8},
		{GroupCalifornia, ChannelAll, "dismissed", 2},
		{GroupCalifornia, ChannelAll, "open", 3},
		{GroupCalifornia, ChannelAll, "overdue", 2},
		{GroupCalifornia, ChannelAll, "days_mean", 11},
		{GroupCalifornia, ChannelAll, "days_median", 5},
		{GroupCalifornia, ChannelAll, "days_p90", 32},
		{GroupCalifornia, ChannelAll, "answered_within_deadline", 7},
		{GroupCalifornia, ChannelAll, "share_within_deadline", 0.875},
		{GroupCoppa, ChannelAll, "received", 3},
		{GroupCoppa, ChannelLetter, "complied", 1},
		{GroupCoppa, ChannelLetter, "done", 1},
		{GroupCoppa, ChannelEmail, "denied", 1},
		{GroupCoppa, ChannelAll, "open", 1},
		{GroupPrivacy, ChannelAll, "received", 5},
		{GroupPrivacy, ChannelAll, "answered", 3},
		{GroupPrivacy, ChannelAll, "complied", 2},
		{GroupPrivacy, ChannelAll, "denied", 1},
		{GroupPrivacy, ChannelAll, "done", 3},
		{GroupPrivacy, ChannelAll, "open", 2},
		{GroupPrivacy, ChannelAll, "overdue", 2},
		{GroupPrivacy, ChannelAll, "answered_within_deadline", 2},
		{GroupPrivacy, ChannelAll, "days_median", 20},
		{GroupOther, ChannelAll, "received", 4},
		{GroupOther, ChannelAll, "dismissed", 2},
		{GroupOther, ChannelAll, "denied", 0},
		{GroupOther, ChannelAll, "reviewed", 4},
		{GroupOther, ChannelAll, "complied", 1},
	}
	for _, tc := range tests {
		name := tc.group + "/" + tc.channel + "/" + tc.metric
		t.Run(name, func(t *testing.T) {
			got, ok := metricOf(t, r, tc.group, tc.channel, tc.metric)
			if !ok || got != tc.want {
				t.Errorf("%s = %v (defined %v), want %v", name, got, ok, tc.want)
			}
		})
	}
	for _, key := range []string{"days_mean", "days_median", "days_p90", "share_within_deadline"} {
		if v, ok := metricOf(t, r, GroupCoppa, ChannelEmail, key); ok {
			t.Errorf("coppa/email/%s = %v, want no value (nothing answered)", key, v)
		}
	}
}

func TestChannelsAddUp(t *testing.T) {
	r := marchReport(t)
	for _, g := range r.Groups {
		byName := map[string]Counts{}
		for _, c := range g.Channels {
			byName[c.Channel] = c
		}
		for _, m := range metrics() {
			if m.kind != metricCount {
				continue
			}
			email, _ := m.value(byName[ChannelEmail])
			letter, _ := m.value(byName[ChannelLetter])
			all, _ := m.value(byName[ChannelAll])
			if email+letter != all {
				t.Errorf("%s %s: email %v + letter %v = %v, want all %v", g.Kind, m.key, email, letter, email+letter, all)
			}
		}
	}
}

func TestChannels(t *testing.T) {
	loc := pacific(t)
	received := at(t, loc, "2025-03-10 10:00")
	all := []cases.Case{
		{ID: "A", Kind: cases.California, State: cases.Review, Received: received},                    // no channel: email
		{ID: "B", Kind: cases.California, State: cases.Review, Received: received, Channel: "letter"}, // letter
		{ID: "C", Kind: cases.Coppa, State: cases.Review, Received: received, Channel: "fax"},         // a channel of the future
	}
	r := Build(all, 2025, time.March, loc, received, "Cooper")
	var got []string
	for _, c := range r.Groups[0].Channels {
		got = append(got, c.Channel)
	}
	if want := []string{"email", "letter", "fax", "all"}; !slices.Equal(got, want) {
		t.Errorf("channels = %v, want %v", got, want)
	}
	if c := r.Groups[0].Channels[0]; c.Received != 1 {
		t.Errorf("california/email received = %d, want 1 (the case naming no channel)", c.Received)
	}
	if c := r.Groups[1].Channels[2]; c.Channel != "fax" || c.Received != 1 {
		t.Errorf("coppa channel 2 = %s received %d, want fax 1", c.Channel, c.Received)
	}
}

func TestEmptyMonth(t *testing.T) {
	loc := pacific(t)
	r := Build(marchCases(t), 2024, time.February, loc, at(t, loc, fixtureNow), "Cooper")
	if len(r.Cases) != 0 || len(r.PerDay) != 29 {
		t.Fatalf("February 2024: %d cases, %d days; want 0 and 29 (a leap year)", len(r.Cases), len(r.PerDay))
	}
	if len(r.Groups) != 4 || len(r.Privacy) != 3 {
		t.Fatalf("groups = %d, laws = %d; want 4 and 3", len(r.Groups), len(r.Privacy))
	}
	for _, g := range r.Groups {
		for _, c := range g.Channels {
			if c.Received != 0 || c.DaysToAnswer.Mean != nil || c.ShareWithinDeadline != nil || c.DenialReasons == nil {
				t.Errorf("%s/%s = %+v, want zero counts, nil statistics, empty reasons", g.Kind, c.Channel, c)
			}
		}
	}
}

func TestBuildWithoutZone(t *testing.T) {
	c := cases.Case{ID: "U", Kind: cases.Coppa, State: cases.Review, Received: time.Date(2025, 3, 31, 23, 30, 0, 0, time.UTC)}
	r := Build([]cases.Case{c}, 2025, time.March, nil, time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC), "Cooper")
	if r.TimeZone != "UTC" || len(r.Cases) != 1 {
		t.Errorf("Build with nil zone: zone %q, %d cases; want UTC and 1", r.TimeZone, len(r.Cases))
	}
}

// TestPrivacyCounts: the fixture's privacy requests per law and right.
func TestPrivacyCounts(t *testing.T) {
	r := marchReport(t)
	row := func(law, right string) RightCounts {
		for _, lc := range r.Privacy {
			for _, rc := range lc.Rights {
				if lc.Law == law && rc.Right == right {
					return rc
				}
			}
		}
		t.Fatalf("no row %s/%s", law, right)
		return RightCounts{}
	}
	for _, tt := range []struct {
		law, right                                  string
		received, answered, inTime, overdue, median int
	}{
		{cases.LawGDPR, RightAll, 3, 2, 1, 1, 24},
		{cases.LawGDPR, "access", 1, 1, 1, 0, 16},
		{cases.LawGDPR, "deletion", 1, 1, 0, 1, 33},
		{cases.LawGDPR, RightUnclear, 1, 0, 0, 0, -1},
		{cases.LawGDPR, "portability", 0, 0, 0, 0, -1},
		{cases.LawUSState, RightAll, 1, 1, 1, 0, 20},
		{cases.LawUSState, "deletion", 1, 1, 1, 0, 20},
		{cases.LawUSState, "opt-out", 1, 1, 1, 0, 20},
		{cases.LawUnknown, RightAll, 1, 0, 0, 1, -1},
		{cases.LawUnknown, "access", 1, 0, 0, 1, -1},
	} {
		rc := row(tt.law, tt.right)
		median := -1
		if rc.DaysToAnswer.Median != nil {
			median = int(*rc.DaysToAnswer.Median)
		}
		if rc.Received != tt.received || rc.Answered != tt.answered || rc.WithinDeadline != tt.inTime || rc.Overdue != tt.overdue || median != tt.median {
			t.Errorf("%s/%s = received %d answered %d in time %d overdue %d median %d, want %d %d %d %d %d", tt.law, tt.right,
				rc.Received, rc.Answered, rc.WithinDeadline, rc.Overdue, median, tt.received, tt.answered, tt.inTime, tt.overdue, tt.median)
		}
	}
}
