package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/jobs"
)

// reportFlags are the flags of `mailproc report`.
type reportFlags struct{ config, month, formats, out *string }

func newReportFlags(fs *flag.FlagSet) *reportFlags {
	return &reportFlags{
		config:  configFlag(fs),
		month:   fs.String("month", "", "the `YYYY-MM` month (the company's calendar; default: last month)"),
		formats: fs.String("format", "html,csv,json", "which files to write"),
		out:     fs.String("out", ".", "the `DIR` to write them in"),
	}
}

// runReport is `mailproc report --month YYYY-MM [--format html,csv,json]
// [--out DIR]`: the month's report, from the running daemon or the
// database.
func runReport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("report")
	f := newReportFlags(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	cfgPath, month, formats, out := f.config, f.month, f.formats, f.out
	if *month == "" {
		*month = time.Now().AddDate(0, -1, 0).Format("2006-01")
	}
	m, err := time.Parse("2006-01", *month)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc report: --month %q: want YYYY-MM\n", *month)
		return 2
	}
	svc, closeFn, err := openStaff(*cfgPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc report: %v\n", err)
		return 1
	}
	defer closeFn()
	rep, err := part[control.Reporter](svc, "cannot make reports")
	if err != nil {
		fmt.Fprintf(stderr, "mailproc report: %v\n", err)
		return 1
	}
	r, err := rep.MonthReport(m.Year(), m.Month())
	if err != nil {
		fmt.Fprintf(stderr, "mailproc report: %v\n", err)
		return 1
	}
	var names []string
	for _, f := range strings.Split(*formats, ",") {
		names = append(names, strings.TrimSpace(f))
	}
	paths, err := jobs.WriteReport(r, *out, names...)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc report: %v\n", err)
		return 1
	}
	for _, p := range paths {
		fmt.Fprintln(stdout, p)
	}
	return 0
}
