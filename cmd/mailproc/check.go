package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/mailproc/mailproc/mailproc/checker"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/reply"
)

// checkFlags are the flags of `mailproc check`.
type checkFlags struct {
	json   *bool
	config *string
}

func newCheckFlags(fs *flag.FlagSet) *checkFlags {
	return &checkFlags{
		json:   fs.Bool("json", false, "print one JSON object a line"),
		config: fs.String("config", "", "configuration `FILE` to read limits, trusted authserv-ids, our own addresses and templates from"),
	}
}

func runCheck(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check")
	f := newCheckFlags(fs)
	files, err := parseInterspersed(fs, args)
	if code, ok := flagResult(fs, err, stdout, stderr); !ok {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, usageLine("check"))
		return 2
	}
	c, err := newChecker(*f.config)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc check: %v\n", err)
		return 1
	}
	status := 0
	for _, path := range files {
		r := c.File(path)
		write := checker.WriteText
		if *f.json {
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
	dir := ""
	if path != "" {
		l, err := config.Load(path)
		if l == nil {
			return c, err
		}
		c.Policy = decide.Policy{
			MaxMessageBytes:    l.Limits.MaxMessageBytes,
			TrustedAuthServIDs: l.Auth.TrustedAuthServIDs,
			OwnAddresses:       l.OwnAddresses(),
		}
		dir = l.Templates.Dir
	}
	set, err := reply.Load(dir)
	if err != nil {
		return c, err
	}
	c.Policy.Ours = set.Ours(c.Policy.OwnAddresses)
	return c, nil
}
