package staff

import (
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Bulk does one action to many cases. Each case is checked and acted on
// on its own, as if staff acted on it alone, and gets its own result: one
// refused does not stop the others. A dry run says what each would do and
// changes nothing.
func (d *Desk) Bulk(b control.Bulk) ([]control.BulkResult, error) {
	if err := checkBulk(b); err != nil {
		return nil, err
	}
	out := make([]control.BulkResult, 0, len(b.IDs))
	for _, id := range b.IDs {
		r := control.BulkResult{ID: id}
		var err error
		switch b.Action {
		case control.BulkApprove:
			r.Template, r.Reported, err = d.bulkApprove(id, b)
		case control.BulkDismiss:
			r.Reported, err = d.bulkDismiss(id, b)
		}
		r.OK = err == nil
		if err != nil {
			r.Error = control.Plain(err)
		}
		out = append(out, r)
	}
	if !b.DryRun {
		d.log.Info("staff bulk action", "action", b.Action, "cases", len(b.IDs), "actor", b.Actor)
	}
	return out, nil
}

// checkBulk refuses a bulk action that is not one, or that names no case,
// too many, or no one acting.
func checkBulk(b control.Bulk) error {
	switch {
	case b.Action != control.BulkApprove && b.Action != control.BulkDismiss:
		return fmt.Errorf("bulk: %w: action %q is not %s or %s", control.ErrInvalid, b.Action, control.BulkApprove, control.BulkDismiss)
	case len(b.IDs) == 0:
		return fmt.Errorf("bulk %s: %w: no case named", b.Action, control.ErrInvalid)
	case len(b.IDs) > control.MaxBulk:
		return fmt.Errorf("bulk %s: %w: %d cases, at most %d at once", b.Action, control.ErrInvalid, len(b.IDs), control.MaxBulk)
	case b.Action == control.BulkDismiss && strings.TrimSpace(b.Reason) == "":
		return fmt.Errorf("bulk dismiss: %w: a reason is required", control.ErrInvalid)
	}
	if err := checkActor(b.Actor); err != nil {
		return fmt.Errorf("bulk %s: %w", b.Action, err)
	}
	return nil
}

// bulkApprove sends a case the answer suggested for it, as approving it
// alone would; a case whose suggestion is not an approval is refused.
func (d *Desk) bulkApprove(id string, b control.Bulk) (template cases.Template, reported string, err error) {
	c, err := d.Get(id)
	if err != nil {
		return "", "", err
	}
	var s cases.Suggestion
	err = d.store.View(func(tx *store.Tx) error {
		s = d.suggest(tx, c)
		return nil
	})
	if err != nil {
		return "", "", fmt.Errorf("suggest an answer for %s: %w", id, err)
	}
	if s.Action != cases.SuggestApprove {
		return "", "", control.Refuse(id, "approve", "what it needs is not an approval (%s): open it", suggestionWords(s))
	}
	if b.DryRun {
		p, err := d.Preview(id, control.Draft{Template: s.Template, Message: b.Message})
		return s.Template, p.Reported, err
	}
	c, err = d.Approve(id, control.Approval{Act: b.Act, Template: s.Template})
	if err != nil {
		return s.Template, "", err
	}
	return s.Template, cases.ReportedAs(c.Kind, c.Outcome), nil
}

// bulkDismiss closes a case without an answer, as dismissing it alone
// would.
func (d *Desk) bulkDismiss(id string, b control.Bulk) (reported string, err error) {
	if !b.DryRun {
		c, err := d.Dismiss(id, b.Act)
		if err != nil {
			return "", err
		}
		return cases.ReportedAs(c.Kind, c.Outcome), nil
	}
	c, err := d.Get(id)
	if err != nil {
		return "", err
	}
	if !c.State.Open() {
		return "", control.Refuse(id, "dismiss", "the case is %s", c.State)
	}
	return cases.ReportedAs(c.Kind, cases.JoinOutcome(cases.OutcomeDismissed, b.Reason)), nil
}

// suggestionWords says a suggestion in a few words.
func suggestionWords(s cases.Suggestion) string {
	switch s.Action {
	case cases.SuggestDecline:
		return "decline with " + string(s.Template)
	case cases.SuggestDismiss:
		return "dismiss: " + s.Reason
	case cases.SuggestReclassify:
		return "reclassify"
	case cases.SuggestReply:
		return "write a reply"
	case cases.SuggestDone:
		return "mark it done"
	case cases.SuggestClose:
		return "do what is asked, then close it with its outcome"
	}
	return "read it first"
}
