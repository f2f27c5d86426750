package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pauses records the slowdowns the console asked for instead of waiting.
type pauses struct {
	mu   sync.Mutex
	seen []time.Duration
}

func (p *pauses) pause(_ context.Context, d time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen = append(p.seen, d)
	return nil
}

func (p *pauses) last() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.seen) == 0 {
		return -1
	}
	return p.seen[len(p.seen)-1]
}

// throttled builds the env's console with its slowdown recorded, not
// waited for.
func (e *env) throttled() (*console, *pauses) {
	e.t.Helper()
	c, err := newConsole(e.svc, e.opts)
	if err != nil {
		e.t.Fatalf("newConsole: %v", err)
	}
	p := &pauses{}
	c.pause = p.pause
	e.h = c.routes()
	return c, p
}

// TestAttackerCannotLockOutVictim is the attack of issue 11 item 5: behind
// a proxy every browser has the proxy's address, and five wrong passwords
// for alice locked alice out for everyone (her right password got 429).
// Now wrong passwords only slow sign-ins as alice down, to at most
// maxSignInDelay, and her right password still works.
func TestAttackerCannotLockOutVictim(t *testing.T) {
	e := newEnv(t)
	_, p := e.throttled()
	attacker, victim := e.client(), e.client()
	attacker.ip, victim.ip = "127.0.0.1", "127.0.0.1" // both behind the same proxy
	for i := range 30 {
		if res := attacker.login(testUser, fmt.Sprintf("guess %d", i)); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password %d = %d, want 401", i+1, res.StatusCode)
		}
	}
	res := victim.login(testUser, testPassword)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the victim's right password after 30 wrong ones = %d, want 303", res.StatusCode)
	}
	if d := p.last(); d <= 0 || d > maxSignInDelay {
		t.Errorf("the victim waited %v, want a slowdown of at most %v", d, maxSignInDelay)
	}
	if res := attacker.login(testUser, "guess again"); res.StatusCode != http.StatusUnauthorized || p.last() != 0 {
		t.Errorf("after the right password the slowdown = %v, want none (response %d)", p.last(), res.StatusCode)
	}
}

// TestSlowdownGrowsWithFailures: the first failures cost nothing, then
// each doubles the wait before the next check of that name, up to
// maxSignInDelay; other names are not slowed; a quiet window forgets.
func TestSlowdownGrowsWithFailures(t *testing.T) {
	e := newEnv(t)
	_, p := e.throttled()
	c := e.client()
	for range 10 {
		c.login(testUser, "wrong")
	}
	want := []time.Duration{0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, maxSignInDelay, maxSignInDelay, maxSignInDelay}
	if got := fmt.Sprint(p.seen); got != fmt.Sprint(want) {
		t.Errorf("waits before each check = %v, want %v", got, want)
	}
	if e.client().login("bob", "bob's own password"); p.last() != 0 {
		t.Errorf("another name waited %v, want 0", p.last())
	}
	if c.login("nobody-at-all", "x"); p.last() != 0 {
		t.Errorf("a first try of an unknown name waited %v, want 0", p.last())
	}
	e.clock.Advance(failureWindow + time.Second)
	if c.login(testUser, "wrong"); p.last() != 0 {
		t.Errorf("after a quiet window the wait = %v, want 0", p.last())
	}
}

// TestUnknownNamesSlowedLikeKnownOnes: the slowdown is kept by the name
// tried, known or not, so it tells nobody which names exist.
func TestUnknownNamesSlowedLikeKnownOnes(t *testing.T) {
	e := newEnv(t)
	_, p := e.throttled()
	c := e.client()
	for _, name := range []string{testUser, "mallory"} {
		p.seen = nil
		for range 6 {
			c.login(name, "wrong")
		}
		if got, want := fmt.Sprint(p.seen), "[0s 0s 0s 1s 2s 4s]"; got != want {
			t.Errorf("%s: waits = %s, want %s", name, got, want)
		}
	}
}

// TestPasswordChecksCapped is the attack of 48 parallel sign-ins with
// unknown names (181% CPU): at most MaxPasswordChecks bcrypt checks run at
// once, each try still gets its answer, and each unknown name costs one
// check like a known name.
func TestPasswordChecksCapped(t *testing.T) {
	const tries, limit = 48, 2
	e := newEnv(t)
	e.opts.MaxPasswordChecks = limit
	c, _ := e.throttled()
	var inside, most, calls atomic.Int32
	release := make(chan struct{})
	real := c.staff.compare
	c.staff.compare = func(hash, pw []byte) error {
		n := inside.Add(1)
		defer inside.Add(-1)
		calls.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-release
		return real(hash, pw)
	}
	clients := make([]*client, tries)
	forms := make([]string, tries)
	for i := range clients { // each with its sign-in form, fetched in turn
		clients[i] = e.client()
		forms[i] = csrf(t, readBody(t, clients[i].get("/login")))
	}
	codes := make(chan int, tries)
	for i, cl := range clients {
		go func() {
			form := map[string][]string{"user": {fmt.Sprintf("nobody%d", i)}, "password": {"x"}, "csrf": {forms[i]}}
			codes <- cl.post("/login", form).StatusCode
		}()
	}
	deadline := time.Now().Add(20 * time.Second)
	for c.checks.waiting() != tries-limit || inside.Load() != limit {
		if time.Now().After(deadline) {
			close(release)
			t.Fatalf("%d checks running and %d waiting, want %d and %d (most at once: %d)", inside.Load(), c.checks.waiting(), limit, tries-limit, most.Load())
		}
		time.Sleep(time.Millisecond)
	}
	close(release)
	for range tries {
		if code := <-codes; code != http.StatusUnauthorized {
			t.Errorf("an unknown name = %d, want 401", code)
		}
	}
	if most.Load() > limit {
		t.Errorf("%d password checks ran at once, want at most %d", most.Load(), limit)
	}
	if calls.Load() != tries {
		t.Errorf("%d password checks for %d unknown names, want one each (as for a known name)", calls.Load(), tries)
	}
}

// TestBusyPasswordChecksAnswer503: a try that finds no free check within
// signInWait gets 503 with Retry-After, not a hung connection.
func TestBusyPasswordChecksAnswer503(t *testing.T) {
	e := newEnv(t)
	e.opts.MaxPasswordChecks = 1
	c, _ := e.throttled()
	c.checks.slots <- struct{}{} // the only slot taken
	c.checks.wait = time.Millisecond
	res := e.client().login(testUser, testPassword)
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("sign in with every check busy = %d (Retry-After %q), want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
}

// TestFailedSignInLogged: the log names the user name tried (escaped:
// one line, hidden characters written out) and never the password.
func TestFailedSignInLogged(t *testing.T) {
	var logs lockedBuffer
	e := newEnv(t)
	e.opts.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	e.throttled()
	const password = "hunter2-the-secret"
	e.client().login("mallory\nlevel=ERROR msg=forged \u202Ex", password)
	out := logs.String()
	if !strings.Contains(out, "sign-in failed") || !strings.Contains(out, `user="mallory\nlevel=ERROR msg=forged <U+202E>x"`) {
		t.Errorf("the failure log does not name the user tried, escaped:\n%s", out)
	}
	if strings.Contains(out, password) {
		t.Errorf("the log has the password:\n%s", out)
	}
	if n := strings.Count(out, "\n"); n != 1 {
		t.Errorf("the log has %d lines, want 1:\n%s", n, out)
	}
}
