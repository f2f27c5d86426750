package plan

import (
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Due is the due date of a case of a kind received at a moment, in the
// company's zone (SPEC §7, §10): california 30 days, coppa the configured
// target, a privacy request by its law; machine mail has none (the zero
// time).
func (d *Planner) Due(kind cases.Kind, law string, received time.Time) time.Time {
	loc := d.cfg.Location()
	if cases.KindOf(kind).NoDue {
		return time.Time{}
	}
	switch kind {
	case cases.Coppa:
		return cases.Due(received, d.cfg.Coppa.TargetDays, loc)
	case cases.Privacy:
		return cases.PrivacyDue(received, law, loc)
	}
	return cases.Due(received, cases.CaliforniaDays, loc)
}
