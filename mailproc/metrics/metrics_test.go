package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/buildinfo"
	"github.com/mailproc/mailproc/mailproc/cases"
)

func TestScrape(t *testing.T) {
	m := New(buildinfo.Info{Version: "1.2.3", Commit: "abc123", Date: "2026-01-02T03:04:05Z", GoVersion: "go1.26.8"})
	m.Seen()
	m.Seen()
	m.Decided("california", "reply", "california-disclosure", nil)
	m.Decided("other", "review", "", []cases.Reason{"near-miss"})
	m.Reply("california-disclosure", "sent")
	m.Reconnect()
	m.Polled(time.Unix(1700000000, 0))
	m.Cases(4, 1)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		"mailproc_messages_seen_total 2",
		`mailproc_decisions_total{action="reply",kind="california",reason="",template="california-disclosure"} 1`,
		`mailproc_decisions_total{action="review",kind="other",reason="near-miss",template=""} 1`,
		`mailproc_replies_total{outcome="sent",template="california-disclosure"} 1`,
		"mailproc_imap_reconnects_total 1",
		"mailproc_last_poll_timestamp_seconds 1.7e+09",
		"mailproc_cases_open 4",
		"mailproc_cases_overdue 1",
		`mailproc_build_info{built="2026-01-02T03:04:05Z",goversion="go1.26.8",revision="abc123",version="1.2.3"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
}

func TestHealth(t *testing.T) {
	m := New(buildinfo.Info{})
	start := time.Unix(1000, 0)
	now := start
	h := m.Health(time.Minute, start, func() time.Time { return now })
	status := func() int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		return rec.Code
	}
	if status() != 200 {
		t.Error("healthz at start = not 200")
	}
	now = start.Add(4 * time.Minute)
	if status() != 503 {
		t.Error("healthz 4 intervals after start with no poll = not 503")
	}
	m.Polled(now)
	now = now.Add(2 * time.Minute)
	if status() != 200 {
		t.Error("healthz 2 intervals after a poll = not 200")
	}
	now = now.Add(2 * time.Minute)
	if status() != 503 {
		t.Error("healthz 4 intervals after a poll = not 503")
	}
	var nilM *Metrics
	nilM.Seen() // a daemon without metrics calls these freely
}
