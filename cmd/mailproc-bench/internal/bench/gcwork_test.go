package bench

import (
	"runtime"
	"testing"
)

// TestGCWork: the metrics gcWork reads exist and count a collection.
func TestGCWork(t *testing.T) {
	before := gcWork()
	runtime.GC()
	after := gcWork()
	if after.Cycles <= before.Cycles {
		t.Errorf("collections %d before runtime.GC and %d after; want more after", before.Cycles, after.Cycles)
	}
	if after.CPU < before.CPU || after.CPU == 0 {
		t.Errorf("GC CPU %g s before runtime.GC and %g s after; want it to grow from above 0", before.CPU, after.CPU)
	}
}
