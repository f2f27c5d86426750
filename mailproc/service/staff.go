package service

import (
	"errors"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Staff returns the Service staff tools use: the running daemon through its
// socket, or, when no daemon runs, the database itself (replies planned
// then go out when the daemon next runs). how says which. When neither is
// possible the error says why, plainly.
func Staff(cfgPath string) (svc control.Service, how string, closeFn func(), err error) {
	cfg, err := config.Load(cfgPath)
	if cfg == nil {
		return nil, "", nil, err
	}
	sock := cfg.ControlSocket()
	if c, derr := control.Dial(sock); derr == nil {
		return c, "daemon at " + sock, func() {}, nil
	}
	st, err := store.Open(cfg.Store.Path)
	if errors.Is(err, store.ErrLocked) {
		return nil, "", nil, fmt.Errorf("the daemon holds %s but does not answer on %s: is it still starting, or stuck? (check its log)", cfg.Store.Path, sock)
	}
	if err != nil {
		return nil, "", nil, fmt.Errorf("no daemon answers on %s, and the database cannot be opened: %w", sock, err)
	}
	tmpl, err := reply.Load(cfg.Templates.Dir)
	if err != nil {
		st.Close()
		return nil, "", nil, fmt.Errorf("load templates: %w", err)
	}
	p, err := Assemble(Wiring{Config: &cfg.Config, Store: st, Templates: tmpl})
	if err != nil {
		st.Close()
		return nil, "", nil, err
	}
	return p.Desk, "database " + cfg.Store.Path + " (no daemon running)", func() { st.Close() }, nil
}
