package web

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// loginTokenTTL is how long a sign-in form stays good.
const loginTokenTTL = time.Hour

// loginToken is the sign-in form's CSRF token, sealed in its own cookie
// because there is no session yet.
type loginToken struct {
	CSRF    string `json:"c"`
	Expires int64  `json:"e"`
}

// loginView fills the sign-in page.
type loginView struct {
	CSRF  string
	Next  string
	User  string
	Error string
}

// loginPage shows the sign-in form, or the queue to someone signed in.
func (c *console) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := c.currentSession(r); ok {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	c.showLogin(w, r, http.StatusOK, loginView{Next: r.URL.Query().Get("next")})
}

// showLogin renders the sign-in form with a fresh token.
func (c *console) showLogin(w http.ResponseWriter, r *http.Request, status int, v loginView) {
	token, err := randomToken()
	if err != nil {
		c.internalError(w, r, err)
		return
	}
	name := c.cookieName(r, loginCookie)
	sealed, err := c.seal.seal(name, loginToken{CSRF: token, Expires: c.now().Add(loginTokenTTL).Unix()})
	if err != nil {
		c.internalError(w, r, err)
		return
	}
	c.setCookie(w, r, loginCookie, sealed, int(loginTokenTTL/time.Second))
	v.CSRF, v.Next = token, safeNext(v.Next)
	c.render(w, r, status, "login", "Sign in", v)
}

// login checks a posted name and password and starts a session. The
// error does not say whether the name is known. A name that failed
// before waits first (slowdown); the check itself waits for a free slot
// (checkGate).
func (c *console) login(w http.ResponseWriter, r *http.Request) {
	if !c.loginTokenOK(r) {
		c.forbidden(w, r, "The sign-in form was stale. Reload the page and sign in again.")
		return
	}
	name := strings.TrimSpace(r.PostFormValue("user"))
	v := loginView{Next: r.PostFormValue("next"), User: name}
	if c.pause(r.Context(), c.slow.delay(name, c.now())) != nil {
		return // the browser gave up
	}
	var user string
	var ok bool
	err := c.checks.run(r.Context(), func() { user, ok = c.staff.check(name, r.PostFormValue("password")) })
	switch {
	case errors.Is(err, errBusy):
		c.log.Warn("sign-in refused: every password check busy", "user", logText(name), "ip", c.public(r).client)
		w.Header().Set("Retry-After", "30")
		v.Error = "Too many sign-ins at once. Try again in a minute."
		c.showLogin(w, r, http.StatusServiceUnavailable, v)
	case err != nil:
		return // the browser gave up
	case !ok:
		c.slow.fail(name, c.now())
		c.log.Warn("sign-in failed", "user", logText(name), "ip", c.public(r).client)
		v.Error = "The user name or password is wrong."
		c.showLogin(w, r, http.StatusUnauthorized, v)
	default:
		c.slow.succeed(name)
		c.signIn(w, r, user, v.Next)
	}
}

// signIn starts a session and sends the user where they were going.
func (c *console) signIn(w http.ResponseWriter, r *http.Request, user, next string) {
	s, err := c.newSession(user)
	if err == nil {
		err = c.startSession(w, r, s)
	}
	if err != nil {
		c.internalError(w, r, err)
		return
	}
	c.clearCookie(w, r, loginCookie)
	c.log.Info("signed in", "user", user, "ip", c.public(r).client)
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

// loginTokenOK compares the form's token with the sign-in cookie's.
func (c *console) loginTokenOK(r *http.Request) bool {
	name := c.cookieName(r, loginCookie)
	ck, err := r.Cookie(name)
	if err != nil {
		return false
	}
	var t loginToken
	if c.seal.open(name, ck.Value, &t) != nil || c.now().Unix() >= t.Expires {
		return false
	}
	form := r.PostFormValue("csrf")
	return form != "" && subtle.ConstantTimeCompare([]byte(form), []byte(t.CSRF)) == 1
}

// logout ends the session on the server and in the browser.
func (c *console) logout(w http.ResponseWriter, r *http.Request) {
	s := sessionOf(r)
	if err := c.forget(s); err != nil {
		c.internalError(w, r, err) // still signed in: say so rather than pretend
		return
	}
	c.clearCookie(w, r, sessionCookie)
	c.log.Info("signed out", "user", s.User)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in target only when it is a path on this
// console; anything else goes to the queue.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsAny(next, "\\\r\n") || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}
