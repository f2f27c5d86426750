package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// search prints a page of the cases a search finds: `mailproc review
// search TEXT [--view V] [--page N]`.
func search(svc control.Service, text string, f *staffFlags, out io.Writer) error {
	p, err := svc.Search(control.Query{Text: text, View: *f.view, Page: *f.page})
	if err != nil {
		return err
	}
	if *f.json {
		return json.NewEncoder(out).Encode(p)
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tKIND\tSTATE\tDUE\tREQUESTER\tWHY OR OUTCOME")
	for _, s := range p.Rows {
		due := "no legal due date"
		if !s.Due.IsZero() {
			due = s.Due.Format("2006-01-02")
		}
		if s.Overdue {
			due += " OVERDUE"
		}
		why := string(s.Outcome)
		if len(s.Reasons) > 0 {
			var labels []string
			for _, r := range s.Reasons {
				labels = append(labels, cases.ReasonOf(r).Label)
			}
			why = strings.Join(labels, "; ")
		}
		kind := string(s.Kind)
		if s.About != "" {
			kind = s.About // "GDPR access request, due 4 April"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, kind, s.State, due, oneLine(strings.TrimSpace(s.Name+" "+s.Email), 60), oneLine(why, 60))
	}
	fmt.Fprintf(tw, "(page %d of %d; %d cases in %s; per view: %s)\n", p.Page, p.Pages(), p.Total, *f.view, views(p))
	return tw.Flush()
}

// views says how many cases matched in each view.
func views(p control.Page) string {
	var parts []string
	for _, v := range control.Views {
		parts = append(parts, fmt.Sprintf("%s %d", v, p.InViews[v]))
	}
	return strings.Join(parts, ", ")
}

// advise prints why a case is with staff and what to do.
func advise(svc control.Service, id string, out io.Writer) error {
	a, err := svc.Advise(id)
	if err != nil {
		return err
	}
	for _, r := range a.Reasons {
		fmt.Fprintf(out, "%s (%s): %s\n  → %s\n", r.Label, r.Code, r.Words, r.Advice)
	}
	s := a.Suggested
	fmt.Fprintf(out, "Suggested: %s", s.Action)
	if s.Template != "" {
		fmt.Fprintf(out, " with %s", s.Template)
	}
	if s.Reason != "" {
		fmt.Fprintf(out, " (%s)", s.Reason)
	}
	fmt.Fprintln(out)
	if s.Action == cases.SuggestClose {
		fmt.Fprintf(out, "When it is done: mailproc review close %s --outcome %s (denied needs --reason)\n", id, cases.Join(cases.Closings, "|"))
	}
	if len(a.Fields) > 0 {
		fmt.Fprintf(out, "Look at: %s\n", strings.Join(a.Fields, ", "))
	}
	fmt.Fprintln(out, "Answers (mailproc review preview|approve ID --template T):")
	for _, ans := range a.Answers {
		fmt.Fprintf(out, "  %-24s %s; reported as %s\n", ans.Template, ans.Words, ans.Reported)
	}
	for _, o := range a.Others {
		fmt.Fprintf(out, "Other case of the requester: %s %s %s received %s %s\n", o.ID, o.Kind, o.State, o.Received.Format("2006-01-02"), o.Outcome)
	}
	return nil
}

// bulk approves each case with its suggested answer, or dismisses each:
// `mailproc review bulk approve|dismiss [--reason R] [--dry-run] ID...`;
// one line a case.
func bulk(svc control.Service, action string, f *staffFlags, out io.Writer) error {
	ids := f.fs.Args()
	if action == "" || len(ids) == 0 {
		return errUsage
	}
	res, err := svc.Bulk(control.Bulk{Act: control.Act{Actor: actor(svc, asName(*f.as)), Reason: *f.reason, Note: *f.note},
		Action: action, IDs: ids, DryRun: *f.dryRun})
	if err != nil {
		return err
	}
	if *f.json {
		return json.NewEncoder(out).Encode(res)
	}
	failed := 0
	for _, r := range res {
		switch {
		case !r.OK:
			failed++
			fmt.Fprintf(out, "%s  %s: %s\n", r.ID, map[bool]string{true: "would not be done", false: "not done"}[*f.dryRun], oneLine(r.Error, 300))
		case action == control.BulkApprove:
			fmt.Fprintf(out, "%s  %s; reported as %s\n", r.ID, r.Template, r.Reported)
		default:
			fmt.Fprintf(out, "%s  dismissed; reported as %s\n", r.ID, oneLine(r.Reported, 300))
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d cases not done", failed, len(res))
	}
	return nil
}

// attachment writes an attachment, fetched from the mailbox, to a file:
// `mailproc review attachment ID --part P [--message-number N] --out FILE`.
func attachment(svc control.Service, id string, f *staffFlags, out io.Writer) error {
	a, ok := svc.(control.Attachments)
	if !ok {
		return fmt.Errorf("only the running daemon fetches attachments from the mailbox")
	}
	if *f.part == "" || *f.out == "" {
		return fmt.Errorf("give --part (as `mailproc review show` lists it) and --out FILE")
	}
	file, err := a.Attachment(id, *f.msgN, *f.part)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*f.out, file.Data, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", *f.out, err)
	}
	fmt.Fprintf(out, "%s: %d bytes (%s, %s)\n", *f.out, len(file.Data), oneLine(file.Name, 200), oneLine(file.Type, 100))
	return nil
}
