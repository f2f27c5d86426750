package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/report"
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
	paths, err := writeFormats(r, *out, strings.Split(*formats, ","))
	if err != nil {
		fmt.Fprintf(stderr, "mailproc report: %v\n", err)
		return 1
	}
	for _, p := range paths {
		fmt.Fprintln(stdout, p)
	}
	return 0
}

func writeFormats(r report.Report, dir string, formats []string) ([]string, error) {
	writers := map[string]func(io.Writer) error{"html": r.WriteHTML, "csv": r.WriteCSV, "json": r.WriteJSON}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range formats {
		write, ok := writers[strings.TrimSpace(f)]
		if !ok {
			return nil, fmt.Errorf("--format %q: html, csv or json", f)
		}
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, fmt.Sprintf("mailproc-report-%s.%s", r.Month, strings.TrimSpace(f)))
		if err := os.WriteFile(p, b.Bytes(), 0o640); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
