package bench

import (
	"testing"
	"time"
)

func TestPercentiles(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = 100 - i // 100 … 1, unsorted
	}
	tests := []struct {
		name string
		in   []time.Duration
		want Percentiles
	}{
		{"none", nil, Percentiles{}},
		{"one", ms(500), Percentiles{N: 1, P50: 0.5, P90: 0.5, P99: 0.5, Max: 0.5}},
		{"hundred", ms(hundred...), Percentiles{N: 100, P50: 0.05, P90: 0.09, P99: 0.099, Max: 0.1}},
		{"ten", ms(10, 20, 30, 40, 50, 60, 70, 80, 90, 1000), Percentiles{N: 10, P50: 0.05, P90: 0.09, P99: 1, Max: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentiles(tt.in); got != tt.want {
				t.Errorf("percentiles(%v) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}
