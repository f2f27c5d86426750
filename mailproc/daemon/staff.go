package daemon

import (
	"errors"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/store"
)

// ErrRefused is returned for a staff action that does not fit the case.
var ErrRefused = errors.New("refused")

// Complete marks a coppa case done on behalf of a staff member and plans
// the completion notice (coppa-completed); note, when given, tells the
// parent what was done. The daemon sends it on its next cycle.
func (d *Daemon) Complete(caseID, actor, note string) error {
	if actor == "" {
		return fmt.Errorf("complete %s: %w: who acts must be named", caseID, ErrRefused)
	}
	return d.store.Update(func(tx *store.Tx) error {
		c, err := tx.Case(caseID)
		if err != nil {
			return err
		}
		if c.Kind != cases.Coppa {
			return fmt.Errorf("complete %s: %w: a %s case, not coppa", caseID, ErrRefused, c.Kind)
		}
		if c.State != cases.AwaitingStaff && c.State != cases.Review {
			return fmt.Errorf("complete %s: %w: the case is %s", caseID, ErrRefused, c.State)
		}
		if c.Reply(decide.CoppaCompleted) != nil {
			return fmt.Errorf("complete %s: %w: the completion notice was already sent", caseID, ErrRefused)
		}
		ans := decide.Answer{Decision: decide.Decision{Kind: cases.Coppa, Action: decide.Reply, Template: decide.CoppaCompleted}}
		if err := d.planReply(tx, c, ans, caseTarget(c), actor, note); err != nil {
			return fmt.Errorf("complete %s: %w", caseID, err)
		}
		c.State, c.Outcome, c.Reasons = cases.Done, "completed", nil
		c.Answered = d.now()
		c.Log(d.now(), actor, "marked done", note)
		return tx.PutCase(c)
	})
}
