package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/web/browsertest"
)

// TestBrowser drives the console in headless Chromium against the fake
// service: a script in a case shows as text, a case opened from the queue
// is approved, and the pages fit a desktop and a phone.
func TestBrowser(t *testing.T) {
	ctx := browsertest.Start(t)
	hostile := californiaCase("x1")
	hostile.Messages[0].Subject = "<script>alert(1)</script>"
	hostile.Messages[0].Text = "Hello <script>alert(2)</script>"
	e := newEnv(t, californiaCase("c1"), coppaCase("k1"), hostile, letterCase("L1"))
	e.opts.Secure = false // plain HTTP on loopback
	h, err := New(e.svc, e.opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	site := browsertest.Site{BaseURL: srv.URL, User: testUser, Password: testPassword}

	t.Run("script shows as text", func(t *testing.T) {
		for _, text := range []string{"<script>alert(1)</script>", "Hello <script>alert(2)</script>"} {
			if err := browsertest.ShowsAsText(ctx, site, "x1", text); err != nil {
				t.Error(err)
			}
		}
	})
	t.Run("approve from the queue", func(t *testing.T) {
		notice, err := browsertest.ApproveFromQueue(ctx, site, "c1")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(notice, "c1: answered with decline-not-california") {
			t.Errorf("the queue after approving says %q, want the case answered with its suggested decline", notice)
		}
		calls := e.svc.recorded("Approve")
		if len(calls) != 1 || calls[0].ID != "c1" || calls[0].Act.Actor != testUser ||
			calls[0].Template != "decline-not-california" || calls[0].Fields != nil {
			t.Errorf("Approve calls = %+v, want one on c1 by %s with decline-not-california (its ZIP is outside California) and the case's fields", calls, testUser)
		}
	})
	t.Run("letter styled under its CSP", func(t *testing.T) {
		got, err := browsertest.ComputedStyle(ctx, site, "/cases/L1/letter", "address.window", "position")
		if err != nil || got != "absolute" {
			t.Errorf("the print view's address is positioned %q, %v; want absolute (its style sheet allowed by hash)", got, err)
		}
	})
	t.Run("fits desktop and phone", func(t *testing.T) {
		for _, width := range []int64{1280, 390, 375} {
			for _, path := range []string{"/", "/?view=all", "/cases/k1", "/cases/x1", "/cases/c1?template=staff-reply&message=Hello", "/letters/new", "/cases/L1"} {
				if err := browsertest.FitsWidth(ctx, site, path, width); err != nil {
					t.Error(err)
				}
			}
		}
	})
	t.Run("every control labelled and in reach of the keyboard", func(t *testing.T) {
		for _, path := range []string{"/", "/?view=all", "/cases/c1", "/cases/k1", "/cases/L1", "/cases/c1?template=staff-reply&message=Hello"} {
			bad, err := browsertest.Unlabelled(ctx, site, path)
			if err != nil || len(bad) > 0 {
				t.Errorf("%s: unlabelled or out of reach: %q (%v)", path, bad, err)
			}
		}
	})
}
