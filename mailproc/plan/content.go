package plan

import (
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/config"
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
func (d *Planner) Reload(cfg *config.Config, templates *reply.Set) {
	d.content.Store(newContent(cfg, templates))
	d.log.Info("reloaded templates and disclosure data", "disclosure_years", len(cfg.Disclosure))
}

func (d *Planner) templates() *reply.Set { return d.content.Load().templates }

// Ours is what machine mail that returns our replies is known by, from
// the current templates.
func (d *Planner) Ours() classify.Ours { return d.content.Load().ours }

func (d *Planner) collected() []string { return d.content.Load().collected }

// Disclosure returns the disclosure data of a covered year.
func (d *Planner) Disclosure(year int) (config.Disclosure, bool) {
	for _, x := range d.content.Load().disclosure {
		if x.Year == year {
			return x, true
		}
	}
	return config.Disclosure{}, false
}
