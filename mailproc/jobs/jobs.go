package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Run does the scheduled work after a cycle: last month's report on
// the 1st (or at the first cycle after, if the daemon was down), the daily
// digest to staff, and the erasure of cases past their retention. A failed
// job is logged and tried again on a later cycle; it never stops the mail.
func (d *Scheduler) Run(ctx context.Context) {
	now := d.now()
	if now.Sub(d.tried) < time.Minute {
		return
	}
	d.tried = now
	for name, job := range map[string]func(context.Context, time.Time) error{
		"monthly report": d.monthlyReport, "daily digest": d.dailyDigest, "retention": d.retention,
	} {
		if err := job(ctx, now); err != nil {
			d.log.Error(name+" failed; will try again", "err", err)
		}
	}
}

// job returns the record of a job.
func (d *Scheduler) job(key string) (j store.Job, ok bool, err error) {
	err = d.store.View(func(tx *store.Tx) error {
		j, ok = tx.Job(key)
		return nil
	})
	if err != nil {
		return store.Job{}, false, fmt.Errorf("read job %s: %w", key, err)
	}
	return j, ok, nil
}

func (d *Scheduler) setJob(key string, state cases.JobState, note string) error {
	return d.store.Update(func(tx *store.Tx) error {
		return tx.SetJob(key, store.Job{State: state, At: d.now(), Note: note})
	})
}

// sendNotice sends a notice once under a job key: the intent is recorded
// first, so a process that dies mid-send never sends it twice (the job is
// then "unknown" and logged). A temporary failure marks the job "retry",
// which the jobs take as not done, so a later cycle tries again.
func (d *Scheduler) sendNotice(ctx context.Context, key string, n reply.Notice) error {
	j, ok, err := d.job(key)
	if err != nil {
		return err
	}
	if ok && j.State == cases.JobSending {
		d.log.Error("a notice's sending was begun but not confirmed before a restart; not sent again", "job", key)
		return d.setJob(key, cases.JobUnknown, "sending begun, never confirmed")
	}
	if d.opts.Sender == nil {
		return nil
	}
	raw, err := reply.ComposeNotice(n)
	if err != nil {
		return err
	}
	if err := d.setJob(key, cases.JobSending, n.To); err != nil {
		return err
	}
	sctx, cancel := context.WithTimeout(ctx, sendTimeout)
	err = d.opts.Sender.Send(sctx, d.cfg.ReplyAddress(), []string{n.To}, raw)
	cancel()
	if err == nil {
		d.log.Info("notice sent", "job", key)
		return d.setJob(key, cases.JobSent, n.To)
	}
	sendErr := fmt.Errorf("send %s: %w", key, err)
	var se *smtpout.Error
	switch {
	case errors.As(err, &se) && se.Unknown:
		err = d.setJob(key, cases.JobUnknown, err.Error())
	case errors.As(err, &se) && se.Permanent && !errors.Is(err, smtpout.ErrConfig):
		err = d.setJob(key, cases.JobFailed, err.Error())
	default:
		err = d.setJob(key, cases.JobRetry, "")
	}
	return errors.Join(sendErr, err)
}

// noticeID is a notice's Message-ID: "<job>.<instance>@<our domain>".
func (d *Scheduler) noticeID(job string) string {
	id, err := reply.MessageID(job, d.store.Instance(), d.cfg.Company.ReplyFrom)
	if err != nil {
		return job + "@mailproc.invalid"
	}
	return id
}
