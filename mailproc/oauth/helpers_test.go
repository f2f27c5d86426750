package oauth

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 6, 30, 23, 0, 0, 0, time.UTC)}
}

// Now is the clock's time.
func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// countingCommand is a shell command that prints format with printf, its
// %s replaced by N, which counts the command's runs from 1; and a function
// that says how many times it ran. format must hold no single quote.
func countingCommand(t *testing.T, format string) (string, func() int) {
	t.Helper()
	counter := filepath.Join(t.TempDir(), "runs")
	cmd := "n=$(( $(cat '" + counter + "' 2>/dev/null || echo 0) + 1 )); echo $n > '" + counter + "'; " +
		"printf '" + format + "' $n"
	runs := func() int {
		b, err := os.ReadFile(counter)
		if os.IsNotExist(err) {
			return 0
		}
		n, err2 := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || err2 != nil {
			t.Fatalf("read run counter: %v %v", err, err2)
		}
		return n
	}
	return cmd, runs
}
