package daemon

import (
	"math/rand/v2"
	"time"
)

// backoff gives reconnect delays: 1 s doubling to 5 min, each ±20%.
type backoff struct{ n int }

const (
	backoffFirst = time.Second
	backoffMax   = 5 * time.Minute
)

func newBackoff() *backoff { return &backoff{} }

func (b *backoff) reset() { b.n = 0 }

func (b *backoff) next() time.Duration {
	d := backoffFirst << min(b.n, 16)
	if d > backoffMax || d <= 0 {
		d = backoffMax
	}
	b.n++
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

// retryDelay is how long a reply waits after its attempt-th temporary
// failure: 1 min doubling to 30 min.
func retryDelay(attempt int) time.Duration {
	d := time.Minute << min(max(attempt-1, 0), 5)
	return min(d, 30*time.Minute)
}
