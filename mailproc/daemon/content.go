package daemon

import (
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/reply"
)

// content is what SIGHUP reloads without touching the mailbox connection:
// the templates (and what machine mail that returns our replies is known
// by), the disclosure data and the description of what is collected from
// children.
type content struct {
	templates  *reply.Set
	ours       classify.Ours
	disclosure []config.Disclosure
	collected  []string
}

func newContent(cfg *config.Config, templates *reply.Set) *content {
	return &content{templates: templates, ours: templates.Ours(cfg.OwnAddresses()), disclosure: cfg.Disclosure, collected: cfg.Coppa.Collected}
}

// Reload swaps in new templates and the disclosure data and coppa
// description of cfg; mail in hand finishes with the old ones.
func (d *Daemon) Reload(cfg *config.Config, templates *reply.Set) {
	d.content.Store(newContent(cfg, templates))
	d.log.Info("reloaded templates and disclosure data", "disclosure_years", len(cfg.Disclosure))
}

func (d *Daemon) templates() *reply.Set { return d.content.Load().templates }

// decidePolicy is the policy messages are decided with, knowing the
// current templates' replies.
func (d *Daemon) decidePolicy() decide.Policy {
	p := d.policy
	p.Ours = d.content.Load().ours
	return p
}

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
