package browsertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestShowsAsTextCatchesLiveScript checks the check itself: a page that
// runs a requester's script fails it, an escaped one passes.
func TestShowsAsTextCatchesLiveScript(t *testing.T) {
	ctx := Start(t)
	pages := map[string]string{
		"/cases/escaped": `<main><h1>Case</h1><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></main>`,
		"/cases/live":    `<main><h1>Case</h1><pre><script>alert(1)</script></pre></main>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/login" { // signed in already
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>t</title>"+pages[r.URL.Path])
	}))
	t.Cleanup(srv.Close)
	site := Site{BaseURL: srv.URL}
	if err := ShowsAsText(ctx, site, "escaped", "<script>alert(1)</script>"); err != nil {
		t.Errorf("ShowsAsText(escaped) = %v, want nil", err)
	}
	err := ShowsAsText(ctx, site, "live", "<script>alert(1)</script>")
	t.Logf("ShowsAsText(live) = %v", err)
	if err == nil || !strings.Contains(err.Error(), "dialog") && !strings.Contains(err.Error(), "script element") {
		t.Errorf("ShowsAsText(live) = %v, want an error about a dialog or a script element", err)
	}
}
