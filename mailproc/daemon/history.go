package daemon

import (
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/store"
)

// history answers decide.History from a store transaction and the
// configuration.
type history struct {
	*store.Tx
	cfg *config.Config
}

// HasDisclosure reports whether disclosure data for a covered year is
// configured.
func (h history) HasDisclosure(year int) bool {
	_, ok := h.cfg.DisclosureFor(year)
	return ok
}
