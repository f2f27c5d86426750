package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/reply"
)

// digestHour is the company's hour from which the day's digest goes out.
const digestHour = 7

// digestWindow is how soon a due date must be for a case to be listed.
const digestWindow = 5 * 24 * time.Hour

// dailyDigest mails staff, once a day, the open cases due within five days
// and the overdue ones; nothing is sent when there are none.
func (d *Scheduler) dailyDigest(ctx context.Context, now time.Time) error {
	local := now.In(d.cfg.Location())
	if d.cfg.Company.StaffAddress == "" || local.Hour() < digestHour {
		return nil
	}
	key := "digest/" + local.Format("2006-01-02")
	j, ok, err := d.job(key)
	if err != nil {
		return err
	}
	if ok && j.State.Settled() {
		return nil
	}
	open, err := d.opts.Cases.List(control.Filter{Open: true})
	if err != nil {
		return err
	}
	var due []control.Summary
	machine := 0
	for _, s := range open {
		switch {
		case s.Due.IsZero():
			machine++
		case s.Overdue || s.Due.Sub(now) <= digestWindow:
			due = append(due, s)
		}
	}
	if len(due) == 0 {
		return d.setJob(key, cases.JobSkipped, "nothing due")
	}
	return d.sendNotice(ctx, key, reply.Notice{
		From: d.cfg.Company.ReplyFrom, To: d.cfg.Company.StaffAddress, Date: now,
		Subject:   fmt.Sprintf("%s privacy requests: %d due soon or overdue (%s)", d.cfg.Company.Name, len(due), local.Format("2 Jan 2006")),
		MessageID: d.noticeID("digest-" + local.Format("2006-01-02")),
		Text:      digestText(due, machine, now, d.cfg.Location()),
	})
}

// digestText lists cases one a line: no personal data, only what staff
// need to find them; machine mail waiting in review, which has no legal
// due date, is counted apart.
func digestText(due []control.Summary, machine int, now time.Time, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Open privacy requests due within 5 days or overdue, as of %s:\n\n", now.In(loc).Format("Mon 2 Jan 2006 15:04 MST"))
	for _, s := range due {
		when := "due " + s.Due.In(loc).Format("Mon 2 Jan")
		if s.Overdue {
			when = fmt.Sprintf("OVERDUE since %s", s.Due.In(loc).Format("Mon 2 Jan"))
		}
		fmt.Fprintf(&b, "  %s  %-10s %-18s %s", s.ID, s.Kind, s.State, when)
		if len(s.Reasons) > 0 {
			fmt.Fprintf(&b, "  (%s)", cases.Join(s.Reasons, ", "))
		}
		if s.ToPost {
			b.WriteString("  (a letter to print and post)")
		}
		if s.Kind == cases.Privacy {
			b.WriteString("  " + cases.PrivacyWords(s.Law, s.Rights))
		}
		b.WriteByte('\n')
	}
	if machine > 0 {
		fmt.Fprintf(&b, "\nAlso in review: %d machine message(s) (auto-replies, bounces) under a request's subject.\n"+
			"They have no legal due date and are never overdue; dismiss them when you can.\n", machine)
	}
	b.WriteString("\nSee them with `mailproc review list` or in the staff console.\n")
	return b.String()
}
