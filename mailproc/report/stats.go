package report

import (
	"math"
	"slices"
)

// DayStats summarise the days from receipt to answer of the answered cases
// (see daysToAnswer). Each is nil when no case was answered.
type DayStats struct {
	// Mean is the arithmetic mean, rounded to one decimal.
	Mean *float64 `json:"mean"`
	// Median is the middle value; with an even number of values, the mean
	// of the two middle ones.
	Median *float64 `json:"median"`
	// P90 is the 90th percentile by nearest rank: the ⌈0.9·n⌉-th smallest
	// value.
	P90 *float64 `json:"p90"`
}

// statsOf computes the statistics of days; days is not changed.
func statsOf(days []int) DayStats {
	n := len(days)
	if n == 0 {
		return DayStats{}
	}
	sorted := slices.Clone(days)
	slices.Sort(sorted)
	sum := 0
	for _, d := range sorted {
		sum += d
	}
	median := float64(sorted[n/2])
	if n%2 == 0 {
		median = float64(sorted[n/2-1]+sorted[n/2]) / 2
	}
	return DayStats{
		Mean:   ptr(round(float64(sum)/float64(n), 1)),
		Median: ptr(median),
		P90:    ptr(float64(nearestRank(sorted, 90))),
	}
}

// nearestRank is the p-th percentile of sorted values (not empty) by the
// nearest-rank method: the ⌈p/100·n⌉-th smallest value.
func nearestRank(sorted []int, p int) int {
	rank := (p*len(sorted) + 99) / 100
	return sorted[max(rank, 1)-1]
}

// round rounds x to the given number of decimals, halves away from zero.
func round(x float64, decimals int) float64 {
	scale := math.Pow(10, float64(decimals))
	return math.Round(x*scale) / scale
}
