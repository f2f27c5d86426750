package daemon

import (
	"errors"
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/store"
)

// noteReports records on their cases the bounces, read reports and
// automatic answers that machine mail returns about our replies (found by
// our Message-ID in what it returns, in its text, or in In-Reply-To). A
// message already noted is not noted twice. When there is nothing to note
// the transaction is rolled back, not committed.
func (d *Daemon) noteReports(s mailbox.Summary, key string, m *parse.Message) error {
	returned := append(append([]string{}, m.ReturnedMessageIDs...), d.plan.Ours().ReturnedReplyIDs(m)...)
	ids := append(append([]string{}, returned...), m.Header.InReplyTo...)
	bounce := isBounce(m, returned)
	report := bounce || m.Header.MediaType == "multipart/report"
	now := d.now()
	err := d.store.Update(func(tx *store.Tx) error {
		noted := false
		for _, id := range ids {
			caseID, ok := tx.CaseForThread([]string{id})
			if !ok {
				continue
			}
			c, err := tx.Case(caseID)
			if err != nil {
				return err
			}
			if noteReport(c, id, key, report, bounce, now) {
				d.log.Info("report on our reply recorded", "case", c.ID, "uid", s.UID, "bounce", bounce)
				if err := tx.PutCase(c); err != nil {
					return err
				}
				noted = true
			}
		}
		if !noted {
			return errSkip
		}
		return nil
	})
	if errors.Is(err, errSkip) {
		return nil
	}
	return err
}

// isBounce reports whether machine mail says our reply could not be
// delivered: a delivery-status report with a failed recipient, or an
// old-style bounce (from a mailer daemon or a null sender, returning the
// message, attached or in its text) that is no report at all. Read
// receipts and delay warnings are not bounces.
func isBounce(m *parse.Message, returned []string) bool {
	h := m.Header
	if h.MediaType == "multipart/report" {
		return h.ReportType == "delivery-status" && m.DeliveryFailed
	}
	return len(returned) > 0 && (h.NullReturnPath || classify.FromMachine(h))
}

// noteReport records one report on reply id of c; false when the reply is
// not ours or the report was noted already.
func noteReport(c *cases.Case, id, key string, report, bounce bool, now time.Time) bool {
	detail := fmt.Sprintf("<%s> by %s", id, shortKey(key))
	for _, e := range c.History {
		if e.Detail == detail {
			return false
		}
	}
	for i := range c.Replies {
		if c.Replies[i].MessageID != id {
			continue
		}
		action := "automatic answer to our reply"
		if report {
			action = "bounce or report on our reply"
		}
		if bounce {
			c.Replies[i].Bounced = now
		}
		c.Log(now, cases.ActorDaemon, action, detail)
		return true
	}
	return false
}
