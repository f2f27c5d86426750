// Package service wires mailproc's parts together from a configuration:
// the store, the mailbox dialer, the SMTP sender and the templates; the
// planner, the mail loop (daemon), the staff desk (staff), the letter desk
// (letterdesk) and the scheduled jobs (jobs); then runs the daemon with
// its control API and console. cmd/mailproc and the demo call it.
package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/mailproc/mailproc/mailproc/buildinfo"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/metrics"
	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/sdnotify"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Options say how to run.
type Options struct {
	ConfigPath string
	Once       bool      // handle what is there, then return
	Stderr     io.Writer // logs; nil = os.Stderr
	Failpoint  string    // see daemon.Options.Failpoint
}

// Run loads the configuration and runs the daemon until ctx ends.
func Run(ctx context.Context, o Options) error {
	cfg, err := config.Load(o.ConfigPath)
	if err != nil {
		return fmt.Errorf("config %s:\n%w", o.ConfigPath, err)
	}
	if o.Stderr == nil {
		o.Stderr = os.Stderr
	}
	log := NewLogger(o.Stderr, cfg.Log)
	for _, w := range cfg.Warnings {
		log.Warn("config", "warning", w)
	}
	build := buildinfo.Read()
	limits := LimitRuntime()
	log.Info("starting", append(build.LogAttrs(), "config", o.ConfigPath, "procs", limits.Procs, "memory_limit", memoryLimitAttr(limits.Memory), "effective", Redacted(&cfg.Config))...)
	st, err := store.Open(cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := os.MkdirAll(cfg.ScanDir(), 0o700); err != nil {
		log.Warn("scan folder cannot be made; letters cannot name scans", "err", err)
	}
	m := metrics.New(build)
	notify := sdnotify.FromEnv()
	p, closeSender, err := Build(&cfg.Config, st, log, o.Failpoint, func(opts *daemon.Options) {
		opts.Metrics = m
		opts.Ready = func() {
			notify.Ready()
			notify.Status("reading " + cfg.Mailbox.Inbox)
		}
	})
	if err != nil {
		return err
	}
	defer closeSender()
	if o.Once {
		return p.Daemon.RunOnce(ctx)
	}
	go reloadOnHangup(ctx, o.ConfigPath, p.Plan, log)
	go petWatchdog(ctx, notify, m, cfg.Mailbox.PollInterval.Duration)
	err = runWithServers(ctx, &cfg.Config, st, p, m, log)
	notify.Stopping()
	return err
}

// runWithServers runs the daemon with its control API (and, when
// configured, the staff console) beside it; they stop together.
func runWithServers(ctx context.Context, cfg *config.Config, st *store.Store, p *Parts, m *metrics.Metrics, log *slog.Logger) error {
	listeners, err := controlListeners(cfg)
	if err != nil {
		return err
	}
	listeners.Logger = log.With("part", "control")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, 3)
	go func() {
		public := publicHandler(m, cfg.Mailbox.PollInterval.Duration)
		errs <- control.Serve(ctx, listeners, control.NewHandler(p.Desk), public)
	}()
	servers := 1
	if cfg.Web.Listen != "" {
		servers++
		go func() { errs <- serveWeb(ctx, cfg, p.Desk, NewWebSessions(st), log.With("part", "web")) }()
	}
	go func() { errs <- p.Daemon.Run(ctx) }()
	err = <-errs
	cancel()
	for i := 0; i < servers; i++ {
		if e := <-errs; err == nil {
			err = e
		}
	}
	return err
}

// Build makes mailproc's parts, the daemon among them, from a
// configuration and an open store. The returned func closes the SMTP
// connection.
func Build(cfg *config.Config, st *store.Store, log *slog.Logger, failpoint string, more ...func(*daemon.Options)) (*Parts, func(), error) {
	tmpl, err := reply.Load(cfg.Templates.Dir)
	if err != nil {
		return nil, nil, fmt.Errorf("load templates: %w", err)
	}
	mcfg, sender, err := connections(cfg, log)
	if err != nil {
		return nil, nil, err
	}
	p, err := Assemble(Wiring{
		Config: cfg, Store: st, Sender: sender, Templates: tmpl, Logger: log,
		Dial: func(ctx context.Context) (Mailbox, error) {
			c, err := mailbox.Dial(ctx, mcfg)
			if err != nil {
				return nil, err
			}
			return c, nil
		},
		Daemon: append([]func(*daemon.Options){func(o *daemon.Options) { o.Failpoint = failpoint }}, more...),
	})
	if err != nil {
		sender.Close()
		return nil, nil, err
	}
	return p, func() { sender.Close() }, nil
}

// password reads a section's password with read, or gives "" when the
// section signs in with an OAuth2 token instead.
func password(auth string, read func() (string, error)) (string, error) {
	if _, isOAuth := oauth.Mechanism(auth); isOAuth || auth == "oauth2" {
		return "", nil
	}
	return read()
}

// NewLogger makes the daemon's logger from [log].
func NewLogger(w io.Writer, l config.Log) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(l.Level)); err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	if l.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

//
