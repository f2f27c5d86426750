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

// Listeners say where the control API and its public endpoints listen.
type Listeners struct {
	// Socket is the unix socket, mode 0600: only the daemon's user (and
	// root) reach it; a caller is known by its OS user (SO_PEERCRED).
	Socket string
	// HTTP is a loopback address for the API over HTTP; "" = none. Its
	// callers need one of Tokens and a Host that names the address.
	HTTP   string
	Tokens []Token
	// Metrics is the address of the public handler (/metrics and
	// /healthz, no personal data, no token); "" = none.
	Metrics string
	// Logger logs the listeners and refused callers; nil discards.
	Logger *slog.Logger
}

// served is a server and the listener it serves.
type served struct {
	srv *http.Server
	ln  net.Listener
}

// Serve serves the API on the unix socket (a stale socket is replaced)
// and, as configured, over HTTP behind its guard, and public on its own
// address, until ctx ends.
func Serve(ctx context.Context, l Listeners, api, public http.Handler) error {
	log := l.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	servers, err := listen(l, api, public, log)
	if err != nil {
		return err
	}
	for _, s := range servers {
		log.Info("control api listening", "addr", s.ln.Addr().String())
	}
	err = serveAll(ctx, servers)
	os.Remove(l.Socket)
	return err
}

// listen opens every listener, or none.
func listen(l Listeners, api, public http.Handler, log *slog.Logger) ([]served, error) {
	if l.HTTP != "" && len(l.Tokens) == 0 {
		return nil, fmt.Errorf("control api on %s: no token to check callers against", l.HTTP)
	}
	if l.Metrics != "" && public == nil {
		return nil, fmt.Errorf("metrics on %s: nothing to serve", l.Metrics)
	}
	ln, err := listenUnix(l.Socket)
	if err != nil {
		return nil, err
	}
	servers := []served{{&http.Server{Handler: api, ConnContext: unixCallerContext, ReadHeaderTimeout: 10 * time.Second}, ln}}
	closeAll := func() {
		for _, s := range servers {
			s.ln.Close()
		}
	}
	if l.HTTP != "" {
		tl, err := net.Listen("tcp", l.HTTP)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("control api on %s: %w", l.HTTP, err)
		}
		guard := newHTTPGuard(api, l.HTTP, tl.Addr(), l.Tokens, log)
		servers = append(servers, served{&http.Server{Handler: guard, ReadHeaderTimeout: 10 * time.Second}, tl})
	}
	if l.Metrics != "" {
		ml, err := net.Listen("tcp", l.Metrics)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("metrics on %s: %w", l.Metrics, err)
		}
		servers = append(servers, served{&http.Server{Handler: public, ReadHeaderTimeout: 10 * time.Second}, ml})
	}
	return servers, nil
}

// unixCallerContext makes a connection on the socket known by its peer's
// OS user.
func unixCallerContext(ctx context.Context, c net.Conn) context.Context {
	who := "unknown unix user"
	if uid, ok := peerUID(c); ok {
		who = OSUser(uid)
	}
	return withCaller(ctx, unixCaller{who})
}

// serveAll runs each server until ctx ends or one fails, then stops all.
func serveAll(ctx context.Context, servers []served) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(servers))
	for _, s := range servers {
		go func() { errs <- ServeOn(ctx, s.srv, s.ln) }()
	}
	err := <-errs
	cancel()
	for range servers[1:] {
		if e := <-errs; err == nil {
			err = e
		}
	}
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
