package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
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

// newSession makes a session for a user who has just signed in, and
// records it on the server.
func (c *console) newSession(user string) (session, error) {
	id, err := randomToken()
	if err != nil {
		return session{}, err
	}
	csrf, err := randomToken()
	if err != nil {
		return session{}, err
	}
	now := c.now()
	s := session{ID: id, User: user, CSRF: csrf, Stamp: c.staff.stamp(c.key, user), Expires: now.Add(c.ttl).Unix()}
	if err := c.record(s, now); err != nil {
		return session{}, err
	}
	return s, nil
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
// by us, not expired, recorded on the server (not signed out), used
// within the idle timeout, for a user who still may sign in with the same
// password. A valid session's last use is recorded, at most every
// touchEvery.
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
	if now.Unix() >= s.Expires || s.Stamp == "" || s.Stamp != c.staff.stamp(c.key, s.User) {
		return session{}, false
	}
	return s, c.inUse(s, now)
}

// serverSession is what the server keeps of a session.
type serverSession struct {
	User string `json:"u"`
	Seen int64  `json:"s"` // last use, Unix seconds
}

// inUse reports whether a session is recorded and was used within the
// idle timeout, and records this use; an idle one is forgotten.
func (c *console) inUse(s session, now time.Time) bool {
	data, err := c.sessions.Session(storeKey(s.ID), now)
	if err != nil {
		c.log.Error("read web session", "err", err)
		return false
	}
	var rec serverSession
	if data == nil || json.Unmarshal(data, &rec) != nil || rec.User != s.User {
		return false
	}
	idle := now.Sub(time.Unix(rec.Seen, 0))
	if idle >= c.idle {
		if err := c.forget(s); err != nil {
			c.log.Error("end idle web session", "err", err)
		}
		return false
	}
	if idle >= c.touchEvery() {
		if err := c.record(s, now); err != nil {
			c.log.Error("record web session use", "err", err)
		}
	}
	return true
}

// touchEvery is how often a session's last use is written: often enough
// for the idle timeout to be kept to a tenth, at most once a minute.
func (c *console) touchEvery() time.Duration { return min(time.Minute, c.idle/10) }

// record writes a session to the server's store, used now.
func (c *console) record(s session, now time.Time) error {
	data, err := json.Marshal(serverSession{User: s.User, Seen: now.Unix()})
	if err != nil {
		return fmt.Errorf("record web session: %w", err)
	}
	if err := c.sessions.PutSession(storeKey(s.ID), data, time.Unix(s.Expires, 0), now); err != nil {
		return fmt.Errorf("record web session: %w", err)
	}
	return nil
}

// forget ends a session on the server.
func (c *console) forget(s session) error {
	if err := c.sessions.DeleteSession(storeKey(s.ID)); err != nil {
		return fmt.Errorf("delete web session: %w", err)
	}
	return nil
}

// storeKey is what the store keys a session by: a hash of its id, so
// the database (or a backup of it) does not hold the ids themselves.
func storeKey(id string) string {
	sum := sha256.Sum256([]byte("mailproc web session\x00" + id))
	return hex.EncodeToString(sum[:])
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
