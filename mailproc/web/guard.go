package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
)

// contentSecurityPolicy lets a page load only its own style sheet and
// images, post forms only to the console, and be framed by nobody.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// hstsPolicy keeps browsers on https for a year once they have seen the
// console over it. Other hosts of the domain are not included: they are
// not the console's to decide.
const hstsPolicy = "max-age=31536000"

// maxFormBytes bounds a posted form.
const maxFormBytes = 64 << 10

// headers sets the security headers on every response, HSTS when the
// browser speaks https. Pages hold personal data and are never stored;
// the style sheet overrides this.
func (c *console) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if c.public(r).scheme == "https" {
			h.Set("Strict-Transport-Security", hstsPolicy)
		}
		next.ServeHTTP(w, r)
	})
}

// signedIn passes requests with a valid session and sends the others to
// the sign-in page, remembering where they wanted to go.
func (c *console) signedIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, ok := c.currentSession(r)
		if !ok {
			if _, err := r.Cookie(c.cookieName(r, sessionCookie)); err == nil {
				c.clearCookie(w, r, sessionCookie) // expired or forged: forget it
			}
			target := "/login"
			if r.Method == http.MethodGet && r.URL.RequestURI() != "/" {
				target += "?" + url.Values{"next": {r.URL.RequestURI()}}.Encode()
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, withSession(r, s))
	})
}

// checked guards a POST of a signed-in user: same origin, and the
// session's CSRF token in the form, compared in constant time.
func (c *console) checked(next http.HandlerFunc) http.Handler {
	return c.sameOrigin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := r.PostFormValue("csrf")
		want := sessionOf(r).CSRF
		if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(want)) != 1 {
			c.forbidden(w, r, "The form was stale or did not come from this console. Reload the page and try again.")
			return
		}
		next(w, r)
	}))
}

// sameOrigin refuses a POST that a browser says came from another site,
// and reads its form within maxFormBytes.
func (c *console) sameOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !c.fromHere(r) {
			c.forbidden(w, r, "The request did not come from this console.")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			c.showError(w, r, http.StatusBadRequest, "The form could not be read.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// fromHere checks Sec-Fetch-Site, Origin and Referer where the browser
// sent them. With Referrer-Policy no-referrer a browser posts a form with
// "Origin: null"; that is accepted only when Sec-Fetch-Site vouches for it.
//
// It is not http.CrossOriginProtection, which cannot do this job (each
// difference is a test that fails with it, even given the public host as
// the request's Host): CrossOriginProtection takes "Sec-Fetch-Site:
// same-origin" (and "none") without looking at Origin, so behind a proxy
// that does not pass the public host, or one not trusted, a POST would
// pass where the console refuses it and logs why (TestPostBehindProxy);
// it compares Origin with Host alone, without the scheme, so an http://
// page could post to the https console ("plain http origin with secure
// cookies" in TestActionsNeedSameOrigin); it ignores Referer ("other
// referer"); and the public host behind a trusted proxy comes with each
// request (X-Forwarded-Host), which its AddTrustedOrigin, a fixed list,
// cannot express.
func (c *console) fromHere(r *http.Request) bool {
	site := r.Header.Get("Sec-Fetch-Site")
	if site != "" && site != "same-origin" {
		return false
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		if origin == "null" {
			return site == "same-origin"
		}
		return c.sameHost(r, origin)
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		return c.sameHost(r, ref)
	}
	return true
}

// sameHost reports whether an Origin or Referer names this console as
// the browser sees it (behind a trusted proxy: X-Forwarded-Host and
// -Proto).
func (c *console) sameHost(r *http.Request, raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && c.public(r).sameOrigin(u, c.secure)
}
