package jobs

import (
	"context"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// replyLogKept is how long the log of automatic replies is kept: the rate
// limits look back a day at most.
const replyLogKept = 48 * time.Hour

// retention erases, once a day, the personal data of cases received more
// than [store] retention_months ago: only what the reports count remains,
// and the once-a-year record keeps only keyed hashes anyway. It also
// forgets the automatic replies logged for the rate limits more than
// replyLogKept ago (each a keyed hash of the recipient), which were
// otherwise kept for ever.
func (d *Scheduler) retention(_ context.Context, now time.Time) error {
	key := "retention/" + now.In(d.cfg.Location()).Format("2006-01-02")
	_, ok, err := d.job(key)
	if ok || err != nil {
		return err
	}
	cutoff := now.AddDate(0, -d.cfg.Store.RetentionMonths, 0)
	erased := 0
	err = d.store.Update(func(tx *store.Tx) error {
		var old []string
		if err := tx.ForEachCaseHead(func(c *cases.Case, _ func() ([]cases.Event, error)) error {
			if !c.Erased && c.Received.Before(cutoff) && !c.State.Open() {
				old = append(old, c.ID)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, id := range old {
			c, err := tx.Case(id) // whole: erasure rewrites its history
			if err != nil {
				return err
			}
			if err := eraseCase(tx, c, now); err != nil {
				return err
			}
		}
		erased = len(old)
		if err := tx.PruneReplies(now.Add(-replyLogKept)); err != nil {
			return err
		}
		return tx.SetJob(key, store.Job{State: cases.JobDone, At: now})
	})
	if erased > 0 {
		d.log.Info("personal data erased from old cases", "cases", erased)
	}
	return err
}

// eraseCase erases the personal data of c, a whole case: its message keys
// are forgotten, and PutCase of the erased case deletes its messages'
// texts and the kept bytes of its replies, and rewrites its history with
// the details blanked.
func eraseCase(tx *store.Tx, c *cases.Case, now time.Time) error {
	for _, m := range c.Messages {
		if err := tx.Forget(m.Key, m.MessageID); err != nil {
			return err
		}
	}
	c.Erase(now)
	return tx.PutCase(c)
}
