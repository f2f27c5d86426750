package control

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// Serve serves h on a unix socket at socketPath (mode 0600; a stale socket
// is replaced) and, when httpAddr is set, on that loopback TCP address,
// until ctx ends.
func Serve(ctx context.Context, socketPath, httpAddr string, h http.Handler, log *slog.Logger) error {
	ln, err := listenUnix(socketPath)
	if err != nil {
		return err
	}
	listeners := []net.Listener{ln}
	if httpAddr != "" {
		tl, err := net.Listen("tcp", httpAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("control api on %s: %w", httpAddr, err)
		}
		listeners = append(listeners, tl)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	for _, l := range listeners {
		log.Info("control api listening", "addr", l.Addr().String())
	}
	err = ServeOn(ctx, srv, listeners...)
	os.Remove(socketPath)
	return err
}

// ServeOn serves srv on each listener until ctx ends or one fails, then
// shuts it down, giving requests in flight five seconds.
func ServeOn(ctx context.Context, srv *http.Server, listeners ...net.Listener) error {
	errs := make(chan error, len(listeners))
	for _, l := range listeners {
		go func() { errs <- srv.Serve(l) }()
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-errs:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func listenUnix(path string) (net.Listener, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("control socket %s: %w", path, err)
	}
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, fmt.Errorf("control socket %s: another daemon answers on it", path)
	}
	os.Remove(path) // stale, from a process that died
	old := umask(0o177)
	ln, err := net.Listen("unix", path)
	umask(old)
	if err != nil {
		return nil, fmt.Errorf("control socket %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("control socket %s: %w", path, err)
	}
	return ln, nil
}
