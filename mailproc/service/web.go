package service

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/daemon"
)

// serveWeb serves the staff console until ctx ends.
func serveWeb(ctx context.Context, cfg *config.Config, d *daemon.Daemon, log *slog.Logger) error {
	<-ctx.Done()
	return fmt.Errorf("web console: not built yet")
}
