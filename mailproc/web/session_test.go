package web

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestSignOutSurvivesRestart: a console started again with the same
// session key and the same store (the daemon's database) refuses a cookie
// signed out before, and keeps a session that was not.
func TestSignOutSurvivesRestart(t *testing.T) {
	e := newEnv(t)
	c, token := e.signedIn()
	kept := c.cookies["__Host-"+sessionCookie]
	wantRedirect(t, c.post("/logout", url.Values{"csrf": {token}}), "/login")
	other, _ := e.signedIn()
	e.h = e.handler() // restart
	c.cookies[kept.Name] = kept
	wantRedirect(t, c.get("/"), "/login")
	if res := other.get("/"); res.StatusCode != http.StatusOK {
		t.Errorf("a session not signed out, after a restart = %d, want 200", res.StatusCode)
	}
}

// TestIdleSessionEnds: a session unused for the idle timeout ends, even
// well within its lifetime; one in use goes on.
func TestIdleSessionEnds(t *testing.T) {
	e := newEnv(t)
	c, _ := e.signedIn()
	e.clock.Advance(testIdle - time.Minute)
	if res := c.get("/"); res.StatusCode != http.StatusOK {
		t.Fatalf("queue a minute before the idle timeout = %d, want 200", res.StatusCode)
	}
	e.clock.Advance(testIdle - time.Minute) // counted from the last use
	if res := c.get("/"); res.StatusCode != http.StatusOK {
		t.Fatalf("queue used again within the idle timeout = %d, want 200", res.StatusCode)
	}
	e.clock.Advance(testIdle)
	wantRedirect(t, c.get("/"), "/login")
	e.clock.Advance(-testIdle) // and it stays ended, whatever the clock does
	wantRedirect(t, c.get("/"), "/login")
}

// brokenSessions is a store that fails.
type brokenSessions struct{ memorySessions }

func (*brokenSessions) Session(string, time.Time) ([]byte, error) {
	return nil, errors.New("disk on fire")
}

// TestSessionStoreFailureSignsOut: when the store cannot be read, nobody
// is taken for signed in, and the error is logged.
func TestSessionStoreFailureSignsOut(t *testing.T) {
	var logs lockedBuffer
	e := newEnv(t)
	c, _ := e.signedIn()
	e.opts.Sessions = &brokenSessions{}
	e.opts.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	e.h = e.handler()
	wantRedirect(t, c.get("/"), "/login")
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("the store's error was not logged:\n%s", logs.String())
	}
}

// TestStoreHoldsNoSessionIDs: the store keys sessions by a hash, so a
// copy of the database does not hold a usable session id.
func TestStoreHoldsNoSessionIDs(t *testing.T) {
	e := newEnv(t)
	e.signedIn()
	m := e.opts.Sessions.(*memorySessions)
	for key, s := range m.kept {
		for _, part := range []string{key, string(s.data)} {
			if strings.Contains(part, `"id"`) || len(key) != 64 {
				t.Errorf("stored session %q = %s: want a 64-hex key and no id", key, s.data)
			}
		}
	}
}

// undeletable is a store that cannot forget a session.
type undeletable struct{ *memorySessions }

func (undeletable) DeleteSession(string) error { return errors.New("read-only disk") }

// TestSignOutThatFailsSaysSo: when the store cannot forget the session,
// sign-out answers 500 instead of pretending the cookie is dead.
func TestSignOutThatFailsSaysSo(t *testing.T) {
	e := newEnv(t)
	e.opts.Sessions = undeletable{newMemorySessions()}
	e.h = e.handler()
	c, token := e.signedIn()
	if res := c.post("/logout", url.Values{"csrf": {token}}); res.StatusCode != http.StatusInternalServerError {
		t.Errorf("sign-out the store could not record = %d, want 500", res.StatusCode)
	}
}
