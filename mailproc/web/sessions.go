package web

import (
	"sync"
	"time"
)

// SessionStore keeps the console's sessions on the server, so that a
// sign-out or an idle timeout holds across restarts. The daemon's
// database is one (service.WebSessions); without one they are kept in
// memory, and a restart with the same session key brings signed-out
// cookies back.
type SessionStore interface {
	// PutSession records a session's data under key until it expires,
	// and may forget sessions expired by now.
	PutSession(key string, data []byte, expires, now time.Time) error
	// Session returns a session's data, or nil when none is recorded or
	// it has expired by now.
	Session(key string, now time.Time) ([]byte, error)
	// DeleteSession forgets a session.
	DeleteSession(key string) error
}

// memorySessions is the SessionStore of a console without a database.
type memorySessions struct {
	mu   sync.Mutex
	kept map[string]memorySession
}

type memorySession struct {
	data    []byte
	expires time.Time
}

func newMemorySessions() *memorySessions { return &memorySessions{kept: map[string]memorySession{}} }

// PutSession records a session and forgets the expired ones.
func (m *memorySessions) PutSession(key string, data []byte, expires, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, s := range m.kept {
		if !now.Before(s.expires) {
			delete(m.kept, k)
		}
	}
	m.kept[key] = memorySession{data: append([]byte{}, data...), expires: expires}
	return nil
}

// Session returns a session's data while it has not expired.
func (m *memorySessions) Session(key string, now time.Time) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.kept[key]
	if !ok || !now.Before(s.expires) {
		return nil, nil
	}
	return append([]byte{}, s.data...), nil
}

// DeleteSession forgets a session.
func (m *memorySessions) DeleteSession(key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.kept, key)
	return nil
}
