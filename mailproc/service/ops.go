package service

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/metrics"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/sdnotify"
)

// apiHandler serves the control API, /metrics and /healthz.
func apiHandler(d *daemon.Daemon, m *metrics.Metrics, poll time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/", control.NewHandler(d))
	mux.Handle("GET /metrics", m.Handler())
	mux.Handle("GET /healthz", m.Health(poll, time.Now(), time.Now))
	return mux
}

// reloadOnHangup reloads the templates and the disclosure data on SIGHUP,
// without touching the mailbox connection. A configuration with problems is
// refused and the old one kept.
func reloadOnHangup(ctx context.Context, path string, d *daemon.Daemon, log *slog.Logger) {
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

func reload(path string, d *daemon.Daemon) error {
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
