package daemon

import (
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/reply"
)

// content is what SIGHUP reloads without touching the mailbox connection:
// the templates, the disclosure data and the description of what is
// collected from children.
type content struct {
	templates  *reply.Set
	disclosure []config.Disclosure
	collected  []string
}

// Reload swaps in new templates and the disclosure data and coppa
// description of cfg; mail in hand finishes with the old ones.
func (d *Daemon) Reload(cfg *config.Config, templates *reply.Set) {
	d.content.Store(&content{templates: templates, disclosure: cfg.Disclosure, collected: cfg.Coppa.Collected})
	d.log.Info("reloaded templates and disclosure data", "disclosure_years", len(cfg.Disclosure))
}

func (d *Daemon) templates() *reply.Set { return d.content.Load().templates }

func (d *Daemon) collected() []string { return d.content.Load().collected }

// disclosureFor returns the disclosure data of a covered year.
func (d *Daemon) disclosureFor(year int) (config.Disclosure, bool) {
	for _, x := range d.content.Load().disclosure {
		if x.Year == year {
			return x, true
		}
	}
	return config.Disclosure{}, false
}
