package web

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// session is what a signed-in browser carries, sealed in its cookie.
type session struct {
	ID      string `json:"id"` // names the session for sign-out
	User    string `json:"u"`
	CSRF    string `json:"c"` // the token every form posts back
	Stamp   string `json:"p"` // fingerprint of the user's password hash
	Expires int64  `json:"e"` // Unix seconds
}

// cookieName returns a cookie's name; with Secure cookies it carries the
// __Host- prefix, which browsers accept only from a secure origin, for the
// whole host, on path /.
func (c *console) cookieName(r *http.Request, base string) string {
	if c.secureFor(r) {
		return "__Host-" + base
	}
	return base
}

// newSession makes a session for a user who has just signed in.
func (c *console) newSession(user string) (session, error) {
	id, err := randomToken()
	if err != nil {
		return session{}, err
	}
	csrf, err := randomToken()
	if err != nil {
		return session{}, err
	}
	exp := c.now().Add(c.ttl).Unix()
	return session{ID: id, User: user, CSRF: csrf, Stamp: c.staff.stamp(c.key, user), Expires: exp}, nil
}

// setCookie writes a sealed cookie; maxAge 0 with value "" removes it.
func (c *console) setCookie(w http.ResponseWriter, r *http.Request, base, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name:     c.cookieName(r, base),
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   c.secureFor(r),
		SameSite: http.SameSiteStrictMode,
	})
}

// clearCookie tells the browser to forget a cookie.
func (c *console) clearCookie(w http.ResponseWriter, r *http.Request, base string) {
	c.setCookie(w, r, base, "", -1)
}

// startSession seals the session into the browser's cookie.
func (c *console) startSession(w http.ResponseWriter, r *http.Request, s session) error {
	v, err := c.seal.seal(c.cookieName(r, sessionCookie), s)
	if err != nil {
		return err
	}
	c.setCookie(w, r, sessionCookie, v, int(c.ttl/time.Second))
	return nil
}

// currentSession returns the request's session when it is valid: sealed
// by us, not expired, not signed out, for a user who still may sign in
// with the same password.
func (c *console) currentSession(r *http.Request) (session, bool) {
	name := c.cookieName(r, sessionCookie)
	ck, err := r.Cookie(name)
	if err != nil {
		return session{}, false
	}
	var s session
	if err := c.seal.open(name, ck.Value, &s); err != nil {
		return session{}, false
	}
	now := c.now()
	if now.Unix() >= s.Expires || c.revoked.has(s.ID, now) {
		return session{}, false
	}
	if s.Stamp == "" || s.Stamp != c.staff.stamp(c.key, s.User) {
		return session{}, false
	}
	return s, true
}

// Cookie names, before any __Host- prefix.
const (
	sessionCookie = "mailproc-session"
	loginCookie   = "mailproc-login"
)

type ctxSessionKey struct{}

// withSession stores the session in the request's context.
func withSession(r *http.Request, s session) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), ctxSessionKey{}, s))
}

// sessionOf returns the session requireSession stored.
func sessionOf(r *http.Request) session {
	s, _ := r.Context().Value(ctxSessionKey{}).(session)
	return s
}

// revocations remembers signed-out sessions until they would have expired.
type revocations struct {
	mu  sync.Mutex
	ids map[string]time.Time
}

// add records that a session ended.
func (v *revocations) add(id string, expires, now time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for k, exp := range v.ids {
		if !now.Before(exp) {
			delete(v.ids, k)
		}
	}
	v.ids[id] = expires
}

// has reports whether a session was signed out.
func (v *revocations) has(id string, now time.Time) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	exp, ok := v.ids[id]
	return ok && now.Before(exp)
}
