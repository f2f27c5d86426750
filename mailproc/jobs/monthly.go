package jobs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/mailproc/mailproc/mailproc/atomicfile"
	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/report"
	"github.com/mailproc/mailproc/mailproc/store"
)

// MonthReport builds the report of a month of the company's calendar from
// every case.
func (d *Scheduler) MonthReport(year int, month time.Month) (report.Report, error) {
	// Only the month's cases (give or take a day for time zones), read
	// without their messages' text, and only theirs with their history
	// (who acted on them): a report needs dates, states and outcomes. Each
	// case becomes its line as it is read: the month's cases are not held
	// all at once.
	loc := d.cfg.Location()
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc).AddDate(0, 0, -1)
	until := time.Date(year, month+1, 1, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	b := report.NewBuilder(year, month, loc, d.now(), d.cfg.Company.Name)
	err := d.store.View(func(tx *store.Tx) error {
		return tx.ForEachCaseHead(func(c *cases.Case, history func() ([]cases.Event, error)) error {
			if c.Received.Before(from) || !c.Received.Before(until) {
				return nil
			}
			var err error
			if c.History, err = history(); err != nil {
				return err
			}
			b.Add(*c)
			return nil
		})
	})
	if err != nil {
		return report.Report{}, err
	}
	return b.Report(), nil
}

// monthlyReport makes last month's report once: written to the reports
// folder, and mailed (HTML body, CSV attached) to the compliance address
// when the month had any case.
func (d *Scheduler) monthlyReport(ctx context.Context, now time.Time) error {
	local := now.In(d.cfg.Location())
	first := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, d.cfg.Location())
	prev := first.AddDate(0, -1, 0)
	key := fmt.Sprintf("report/%04d-%02d", prev.Year(), prev.Month())
	j, ok, err := d.job(key)
	if err != nil {
		return err
	}
	if ok && j.State.Settled() {
		return nil
	}
	r, err := d.MonthReport(prev.Year(), prev.Month())
	if err != nil {
		return err
	}
	files, err := WriteReport(r, d.cfg.ReportsDir())
	if err != nil {
		return err
	}
	d.log.Info("monthly report written", "month", r.Month, "files", len(files))
	if d.cfg.Company.ComplianceAddress == "" || len(r.Cases) == 0 {
		return d.setJob(key, cases.JobWritten, "not mailed: no compliance address or no case")
	}
	var html, csv bytes.Buffer
	if err := r.WriteHTML(&html); err != nil {
		return err
	}
	if err := r.WriteCSV(&csv); err != nil {
		return err
	}
	return d.sendNotice(ctx, key, reply.Notice{
		From: d.cfg.Company.ReplyFrom, To: d.cfg.Company.ComplianceAddress, Date: now,
		Subject:     fmt.Sprintf("%s privacy requests: report for %s", d.cfg.Company.Name, prev.Format("January 2006")),
		MessageID:   d.noticeID(fmt.Sprintf("report-%04d-%02d", prev.Year(), prev.Month())),
		Text:        fmt.Sprintf("The report of privacy requests received in %s is attached (CSV) and below (HTML).\nIt is also kept in %s.\n", prev.Format("January 2006"), d.cfg.ReportsDir()),
		HTML:        html.String(),
		Attachments: []reply.Attachment{{Name: fmt.Sprintf("mailproc-report-%s.csv", r.Month), ContentType: "text/csv", Data: csv.Bytes()}},
	})
}

// WriteReport writes a report in formats ("html", "csv", "json"; all three
// when none is named) as files in dir and returns their paths. Each file
// is written as it is rendered (a month of thousands of cases makes
// megabytes of HTML, which were held whole in memory before being
// written), whole or not at all (atomicfile).
func WriteReport(r report.Report, dir string, formats ...string) ([]string, error) {
	writers := map[string]func(io.Writer) error{"html": r.WriteHTML, "csv": r.WriteCSV, "json": r.WriteJSON}
	if len(formats) == 0 {
		formats = []string{"html", "csv", "json"}
	}
	for _, f := range formats {
		if writers[f] == nil {
			return nil, fmt.Errorf("report format %q: html, csv or json", f)
		}
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("reports folder %s: %w", dir, err)
	}
	var paths []string
	for _, f := range formats {
		p := filepath.Join(dir, fmt.Sprintf("mailproc-report-%s.%s", r.Month, f))
		if err := atomicfile.Write(p, 0o640, writers[f]); err != nil {
			return nil, fmt.Errorf("report %s as %s: %w", r.Month, f, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}
