package plan

import (
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Due is the due date of a case of a kind received at a moment, in the
// company's zone (SPEC §7, §10), as the kind's row says: california 30
// days, coppa the configured target, a privacy request by its law;
// machine mail has none (the zero time).
func (d *Planner) Due(kind cases.Kind, law string, received time.Time) time.Time {
	return cases.KindOf(kind).DueDate(received, law, d.cfg.AnswerDays(kind), d.cfg.Location())
}
