package report

import (
	"fmt"
	"testing"
)

func TestStats(t *testing.T) {
	tests := []struct {
		name              string
		days              []int
		mean, median, p90 float64
	}{
		{"one", []int{12}, 12, 12, 12},
		{"two", []int{30, 10}, 20, 20, 30},
		{"odd", []int{5, 1, 3}, 3, 3, 5},
		{"even", []int{4, 1, 3, 2}, 2.5, 2.5, 4},
		{"mean rounded to one decimal", []int{0, 0, 7, 30, 32}, 13.8, 7, 32},
		{"ten: p90 is the 9th", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5.5, 5.5, 9},
		{"eleven: p90 is the 10th", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 6, 6, 10},
		{"nine: p90 is the 9th", []int{9, 8, 7, 6, 5, 4, 3, 2, 1}, 5, 5, 9},
		{"repeated values", []int{3, 3, 3, 3}, 3, 3, 3},
		{"a third", []int{0, 0, 1}, 0.3, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := fmt.Sprint(tc.days)
			s := statsOf(tc.days)
			got := fmt.Sprintf("%v %v %v", show(s.Mean), show(s.Median), show(s.P90))
			want := fmt.Sprintf("%v %v %v", tc.mean, tc.median, tc.p90)
			if got != want {
				t.Errorf("statsOf(%v) mean, median, p90 = %s, want %s", tc.days, got, want)
			}
			if after := fmt.Sprint(tc.days); after != before {
				t.Errorf("statsOf changed its input: %s, was %s", after, before)
			}
		})
	}
}

func TestStatsOfNothing(t *testing.T) {
	for _, days := range [][]int{nil, {}} {
		if s := statsOf(days); s.Mean != nil || s.Median != nil || s.P90 != nil {
			t.Errorf("statsOf(%v) = %+v, want all nil", days, s)
		}
	}
}

func TestNiceScale(t *testing.T) {
	tests := []struct{ max, top, step int }{
		{0, 1, 1}, {1, 1, 1}, {2, 2, 1}, {5, 5, 1}, {6, 6, 2}, {9, 10, 2},
		{11, 15, 5}, {24, 25, 5}, {26, 30, 10}, {49, 50, 10}, {51, 60, 20}, {420, 500, 100},
	}
	for _, tc := range tests {
		if top, step := niceScale(tc.max); top != tc.top || step != tc.step {
			t.Errorf("niceScale(%d) = %d, %d, want %d, %d", tc.max, top, step, tc.top, tc.step)
		}
	}
}

func TestBins(t *testing.T) {
	tests := []struct {
		days, bin int
		label     string
	}{
		{0, 0, "0–5"}, {5, 0, "0–5"}, {6, 1, "6–10"}, {30, 5, "26–30"}, {31, 6, "31–35"},
		{90, 17, "86+"}, {400, 17, "86+"},
	}
	for _, tc := range tests {
		bin := binOf(tc.days)
		if label := binLabel(bin, maxBins); bin != tc.bin || label != tc.label {
			t.Errorf("binOf(%d) = %d %q, want %d %q", tc.days, bin, label, tc.bin, tc.label)
		}
	}
	if bin := binOf(30); bin != deadlineBin-1 {
		t.Errorf("binOf(30) = %d: day 30 must be in the last bin before the deadline line (%d)", bin, deadlineBin-1)
	}
}

// show is a statistic for a message: its value, or nil.
func show(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
