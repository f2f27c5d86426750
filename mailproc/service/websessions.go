package service

import (
	"time"

	"github.com/mailproc/mailproc/mailproc/store"
)

// WebSessions keeps the staff console's sessions in the daemon's
// database, so that a sign-out or an idle timeout outlives a restart; it
// is the console's web.SessionStore.
type WebSessions struct{ st *store.Store }

// NewWebSessions returns the console's session store in st.
func NewWebSessions(st *store.Store) WebSessions { return WebSessions{st: st} }

// PutSession records a session until it expires; sessions expired by now
// are forgotten.
func (w WebSessions) PutSession(key string, data []byte, expires, now time.Time) error {
	return w.st.Update(func(tx *store.Tx) error { return tx.PutWebSession(key, data, expires, now) })
}

// Session returns a session's data, or nil when none is recorded or it
// has expired by now.
func (w WebSessions) Session(key string, now time.Time) ([]byte, error) {
	var data []byte
	err := w.st.View(func(tx *store.Tx) error {
		data = tx.WebSession(key, now)
		return nil
	})
	return data, err
}

// DeleteSession forgets a session.
func (w WebSessions) DeleteSession(key string) error {
	return w.st.Update(func(tx *store.Tx) error { return tx.DeleteWebSession(key) })
}
