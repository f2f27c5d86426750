// Package metrics counts what the daemon does, for Prometheus: messages
// seen, decisions, replies, reconnects, the last successful poll, the
// open and overdue cases, and which build is running. It also answers
// /healthz.
package metrics

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/mailproc/mailproc/mailproc/buildinfo"
	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is the daemon's set of metrics, in a registry of its own.
type Metrics struct {
	reg        *prometheus.Registry
	seen       prometheus.Counter
	decisions  *prometheus.CounterVec
	replies    *prometheus.CounterVec
	reconnects prometheus.Counter
	lastPoll   prometheus.Gauge
	open       prometheus.Gauge
	overdue    prometheus.Gauge
	polled     atomic.Int64 // unix nanoseconds of the last successful poll
}

// New makes the metrics; build is the running build, exported as
// mailproc_build_info.
func New(build buildinfo.Info) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		seen: prometheus.NewCounter(prometheus.CounterOpts{Name: "mailproc_messages_seen_total",
			Help: "New messages found in the inbox."}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mailproc_decisions_total",
			Help: "Decisions, by kind, action, template and review reason."}, []string{"kind", "action", "template", "reason"}),
		replies: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "mailproc_replies_total",
			Help: "Replies by outcome: sent, failed (refused for good), unknown (never confirmed), retry (temporary failure)."}, []string{"template", "outcome"}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{Name: "mailproc_imap_reconnects_total",
			Help: "Mailbox sessions that ended and were started again."}),
		lastPoll: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mailproc_last_poll_timestamp_seconds",
			Help: "When the inbox was last read successfully (Unix time)."}),
		open: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mailproc_cases_open",
			Help: "Cases waiting for the requester or staff."}),
		overdue: prometheus.NewGauge(prometheus.GaugeOpts{Name: "mailproc_cases_overdue",
			Help: "Open cases past their due date."}),
	}
	m.reg.MustRegister(m.seen, m.decisions, m.replies, m.reconnects, m.lastPoll, m.open, m.overdue, buildGauge(build),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// buildGauge is mailproc_build_info: always 1, the build in its labels,
// as Prometheus' own prometheus_build_info.
func buildGauge(b buildinfo.Info) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "mailproc_build_info",
		Help:        "The running build: version, VCS revision, commit time and Go version (always 1).",
		ConstLabels: prometheus.Labels{"version": b.Version, "revision": b.Commit, "built": b.Date, "goversion": b.GoVersion}})
	g.Set(1)
	return g
}

// Seen counts a new message.
func (m *Metrics) Seen() {
	if m != nil {
		m.seen.Inc()
	}
}

// Decided counts a decision; a decision with several reasons counts once
// under each.
func (m *Metrics) Decided(kind cases.Kind, action string, template cases.Template, reasons []cases.Reason) {
	if m == nil {
		return
	}
	if len(reasons) == 0 {
		reasons = []cases.Reason{""}
	}
	for _, r := range reasons {
		m.decisions.WithLabelValues(string(kind), action, string(template), string(r)).Inc()
	}
}

// Reply counts a reply's outcome.
func (m *Metrics) Reply(template cases.Template, outcome string) {
	if m != nil {
		m.replies.WithLabelValues(string(template), outcome).Inc()
	}
}

// Reconnect counts a mailbox session started again.
func (m *Metrics) Reconnect() {
	if m != nil {
		m.reconnects.Inc()
	}
}

// Polled records a successful read of the inbox.
func (m *Metrics) Polled(at time.Time) {
	if m != nil {
		m.lastPoll.Set(float64(at.Unix()))
		m.polled.Store(at.UnixNano())
	}
}

// Cases sets the open and overdue case counts.
func (m *Metrics) Cases(open, overdue int) {
	if m != nil {
		m.open.Set(float64(open))
		m.overdue.Set(float64(overdue))
	}
}

// LastPoll is when the inbox was last read successfully (zero: never).
func (m *Metrics) LastPoll() time.Time {
	if m == nil || m.polled.Load() == 0 {
		return time.Time{}
	}
	return time.Unix(0, m.polled.Load())
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// Health serves /healthz: 200 while the inbox was read within three poll
// intervals (or since start, for a daemon younger than that), else 503.
func (m *Metrics) Health(interval time.Duration, started time.Time, now func() time.Time) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		last := m.LastPoll()
		ref := last
		if ref.IsZero() {
			ref = started
		}
		age := now().Sub(ref)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if age > 3*interval {
			w.WriteHeader(http.StatusServiceUnavailable)
			if last.IsZero() {
				w.Write([]byte("unhealthy: the inbox has not been read since start\n"))
				return
			}
			w.Write([]byte("unhealthy: the inbox was last read " + age.Round(time.Second).String() + " ago\n"))
			return
		}
		w.Write([]byte("ok\n"))
	})
}
