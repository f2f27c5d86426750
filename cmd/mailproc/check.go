package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/mailproc/mailproc/mailproc/checker"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/decide"
)

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print one JSON object a line")
	cfgPath := fs.String("config", "", "read limits, trusted authserv-ids and our own addresses from this config")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: mailproc check [--json] [--config FILE] FILE.eml...")
		return 2
	}
	c, err := newChecker(*cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc check: %v\n", err)
		return 1
	}
	status := 0
	for _, path := range files {
		r := c.File(path)
		write := checker.WriteText
		if *asJSON {
			write = checker.WriteJSON
		}
		if err := write(stdout, r); err != nil {
			return 1
		}
		if r.Error != "" {
			status = 1
		}
	}
	return status
}

func newChecker(path string) (checker.Checker, error) {
	c := checker.Checker{Policy: decide.Policy{MaxMessageBytes: config.DefaultMaxMessageBytes}}
	if path == "" {
		return c, nil
	}
	l, err := config.Load(path)
	if l == nil {
		return c, err
	}
	c.Policy = decide.Policy{
		MaxMessageBytes:    l.Limits.MaxMessageBytes,
		TrustedAuthServIDs: l.Auth.TrustedAuthServIDs,
		OwnAddresses:       l.OwnAddresses(),
	}
	return c, nil
}
