package service

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/web"
)

// serveWeb serves the staff console until ctx ends.
func serveWeb(ctx context.Context, cfg *config.Config, d *Desk, sessions WebSessions, log *slog.Logger) error {
	var key []byte
	if cfg.Web.SessionKeyFile != "" {
		b, err := os.ReadFile(cfg.Web.SessionKeyFile)
		if err != nil {
			return fmt.Errorf("[web] session_key_file: %w", err)
		}
		key = b
	}
	h, err := web.New(d, web.Options{
		Users: cfg.Web.Users, SessionKey: key, Secure: cfg.Web.SecureCookiesOn(), SessionTTL: cfg.Web.SessionTTL.Duration,
		Company: cfg.Company.Name, Location: cfg.Location(), Logger: log, TrustedProxies: cfg.Web.TrustedProxyPrefixes(),
		IdleTimeout: cfg.Web.IdleTimeout.Duration, Sessions: sessions,
	})
	if err != nil {
		return fmt.Errorf("web console: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Web.Listen)
	if err != nil {
		return fmt.Errorf("web console on %s: %w", cfg.Web.Listen, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: time.Minute}
	log.Info("web console listening", "addr", ln.Addr().String())
	return control.ServeOn(ctx, srv, ln)
}
