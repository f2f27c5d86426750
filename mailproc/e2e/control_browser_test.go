package e2e

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/mailproc/mailproc/mailproc/web/browsertest"
)

// noCorsScript is what a page on another site runs against the API: the
// simple requests a browser sends anywhere without asking (no-cors,
// text/plain), with JSON bodies that name alice as the actor. %s is the
// API's base URL, then the case to dismiss.
const noCorsScript = `(async () => {
  const sends = [
    ["/v1/cases/%[2]s/dismiss", JSON.stringify({actor: "alice", reason: "spam"})],
    ["/v1/letters", JSON.stringify({actor: "alice", kind: "coppa", received: "2026-03-02T00:00:00Z",
      coppa: {parent_name: "Mallory"},
      return_address: {name: "Mallory", street: "1 Elm St", city: "Fresno", state: "CA", zip: "93704"}})],
  ];
  const out = [];
  for (const [path, body] of sends) {
    try {
      const r = await fetch("%[1]s" + path, {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body});
      out.push(path + " " + r.type);
    } catch (e) {
      out.push(path + " " + e);
    }
  }
  return out.join("; ");
})()`

// rebindScript is what a page at http://rebind.test:PORT runs once the
// name points at 127.0.0.1: to the browser the API is its own origin, so
// it may read the answers. It returns "path status bytes" for each.
const rebindScript = `(async () => {
  const out = [];
  for (const path of ["/v1/backup", "/v1/export?email=zed@example.com", "/v1/cases"]) {
    try {
      const r = await fetch(path);
      const b = await r.arrayBuffer();
      out.push(path + " " + r.status + " " + b.byteLength);
    } catch (e) {
      out.push(path + " error " + e);
    }
  }
  return out.join("; ");
})()`

// TestControlAPIFromBrowser: in headless Chromium against the real
// daemon, a page on another site cannot act through the API with a
// no-cors text/plain fetch, and a page that rebinds its name to
// 127.0.0.1 (--host-resolver-rules) cannot read the database or a
// requester's export.
func TestControlAPIFromBrowser(t *testing.T) {
	ctx := browsertest.Start(t, chromedp.Flag("host-resolver-rules", "MAP rebind.test 127.0.0.1"))
	a := startAPI(t)
	attacker := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>cute cats</title><p>cats")
	}))
	t.Cleanup(attacker.Close)

	t.Run("no-cors text/plain from another site", func(t *testing.T) {
		got, err := browsertest.RunScript(ctx, attacker.URL, fmt.Sprintf(noCorsScript, "http://"+a.api, a.caseID))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("the page's fetches: %s", got)
		a.expectUntouched(t)
	})
	t.Run("DNS rebinding", func(t *testing.T) {
		_, port, _ := net.SplitHostPort(a.api)
		got, err := browsertest.RunScript(ctx, "http://rebind.test:"+port+"/", rebindScript)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("the rebound page read: %s", got)
		for _, r := range strings.Split(got, "; ") {
			f := strings.Fields(r)
			if len(f) != 3 || f[1] != "403" {
				t.Errorf("rebound fetch %q, want 403", r)
			}
		}
	})
	a.p.stop(t)
}
