package service

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/metrics"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/sdnotify"
)

// publicHandler serves /metrics and /healthz, which carry no personal
// data, on their own address ([control] metrics).
func publicHandler(m *metrics.Metrics, poll time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	mux.Handle("GET /healthz", m.Health(poll, time.Now(), time.Now))
	return mux
}

// controlListeners are where the control API listens, with the tokens of
// its callers over HTTP read from their files (refused when others can
// read them).
func controlListeners(cfg *config.Config) (control.Listeners, error) {
	l := control.Listeners{Socket: cfg.ControlSocket(), HTTP: cfg.Control.HTTP, Metrics: cfg.Control.Metrics}
	for i, t := range cfg.Control.Tokens {
		secret, err := config.ReadToken(t.File)
		if err != nil {
			return l, fmt.Errorf("[[control.tokens]] #%d file: %w", i+1, err)
		}
		l.Tokens = append(l.Tokens, control.Token{Name: t.Name, Secret: secret})
	}
	return l, nil
}

// reloadOnHangup reloads the templates and the disclosure data on SIGHUP,
// without touching the mailbox connection. A configuration with problems is
// refused and the old one kept.
func reloadOnHangup(ctx context.Context, path string, d *plan.Planner, log *slog.Logger) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			if err := reload(path, d); err != nil {
				log.Error("reload refused; keeping the running configuration", "err", err)
			}
		}
	}
}

func reload(path string, d *plan.Planner) error {
	cfg, err := config.Load(path)
	if err != nil {
		return err
	}
	tmpl, err := reply.Load(cfg.Templates.Dir)
	if err != nil {
		return err
	}
	d.Reload(&cfg.Config, tmpl)
	return nil
}

// petWatchdog tells systemd the daemon lives, as long as it reads the
// inbox: a daemon stuck for three poll intervals stops petting and systemd
// restarts it.
func petWatchdog(ctx context.Context, n sdnotify.Notifier, m *metrics.Metrics, poll time.Duration) {
	every := sdnotify.WatchdogInterval()
	if every == 0 {
		return
	}
	start := time.Now()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			last := m.LastPoll()
			if last.IsZero() {
				last = start
			}
			if time.Since(last) < 3*poll {
				n.Watchdog()
			}
		}
	}
}
