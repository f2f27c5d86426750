package service

import (
	"runtime"
	"testing"
)

func TestLimitProcs(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(4)
	t.Setenv("GOMAXPROCS", "")
	if n := limitProcs(); n != 1 || runtime.GOMAXPROCS(0) != 1 {
		t.Errorf("without GOMAXPROCS: limitProcs = %d, GOMAXPROCS %d; want 1, 1", n, runtime.GOMAXPROCS(0))
	}
	runtime.GOMAXPROCS(3) // as the runtime set it from the variable at start
	t.Setenv("GOMAXPROCS", "3")
	if n := limitProcs(); n != 3 || runtime.GOMAXPROCS(0) != 3 {
		t.Errorf("with GOMAXPROCS=3: limitProcs = %d, GOMAXPROCS %d; want 3, 3", n, runtime.GOMAXPROCS(0))
	}
}
