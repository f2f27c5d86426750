package oauth

import (
	"net/http"
	"sync"
	"time"
)

// skewMeter is an http.RoundTripper that notes how far this machine's
// clock is from the server's, by the Date header of each answer (to the
// second, and more than the answer's round trip only when it is slow).
type skewMeter struct {
	next http.RoundTripper // nil: http.DefaultTransport
	into *skewMeter        // where to note it; nil: this one

	mu  sync.Mutex
	off time.Duration // our clock minus the server's
	now func() time.Time
}

// RoundTrip sends req and notes the server's clock from the answer.
func (m *skewMeter) RoundTrip(req *http.Request) (*http.Response, error) {
	next := m.next
	if next == nil {
		next = http.DefaultTransport
	}
	resp, err := next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		m.target().note(date)
	}
	return resp, nil
}

// target is the meter that keeps the offset.
func (m *skewMeter) target() *skewMeter {
	if m.into != nil {
		return m.into
	}
	return m
}

// note records the server's time as it answered.
func (m *skewMeter) note(server time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now
	if m.now != nil {
		now = m.now
	}
	// Date is to the second, cut down: the server's time was on average
	// half a second later than it says.
	m.off = (now().Sub(server) - 500*time.Millisecond).Round(time.Second)
}

// offset is our clock minus the server's, as last seen; 0 before any answer.
func (m *skewMeter) offset() time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.off
}
