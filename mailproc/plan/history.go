package plan

import (
	"github.com/mailproc/mailproc/mailproc/store"
)

// history answers decide.History from a store transaction and the
// configuration.
type history struct {
	*store.Tx
	d *Planner
}

// HasDisclosure reports whether disclosure data for a covered year is
// configured.
func (h history) HasDisclosure(year int) bool {
	_, ok := h.d.Disclosure(year)
	return ok
}
