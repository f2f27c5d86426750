package service

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	debug.SetMemoryLimit(math.MaxInt64)
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	if n := limitMemory(); n != softMemoryLimit || debug.SetMemoryLimit(-1) != softMemoryLimit {
		t.Errorf("without GOMEMLIMIT or GOGC: limitMemory = %d, limit %d; want %d, %d", n, debug.SetMemoryLimit(-1), softMemoryLimit, softMemoryLimit)
	}
	if runtime.MemProfileRate != 0 {
		t.Errorf("after limitMemory, MemProfileRate = %d; want 0 (no heap profile records)", runtime.MemProfileRate)
	}
	for _, env := range []string{"GOMEMLIMIT", "GOGC"} {
		debug.SetMemoryLimit(64 << 20) // as the runtime set it from the variable at start
		t.Setenv(env, "64MiB")
		if n := limitMemory(); n != 64<<20 || debug.SetMemoryLimit(-1) != 64<<20 {
			t.Errorf("with %s set: limitMemory = %d, limit %d; want both %d", env, n, debug.SetMemoryLimit(-1), 64<<20)
		}
		t.Setenv(env, "")
	}
}

func TestMemoryLimitAttr(t *testing.T) {
	if got := memoryLimitAttr(math.MaxInt64); got != "none" {
		t.Errorf("no limit: %v, want none", got)
	}
	if got := memoryLimitAttr(22 << 20); got != int64(22<<20) {
		t.Errorf("22 MiB: %v, want %d", got, 22<<20)
	}
}
