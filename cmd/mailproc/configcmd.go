package main

import (
	"context"
	"fmt"
	"io"

	"github.com/mailproc/mailproc/mailproc/config"
)

// runConfig is `mailproc config check --config FILE`: every problem at
// once, each naming its key; exit 1 when there is any.
func runConfig(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprintln(stderr, usageLine("config"))
		return 2
	}
	fs := newFlagSet("config check", stderr)
	path := configFlag(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	l, err := config.Load(*path)
	if l != nil {
		for _, w := range l.Warnings {
			fmt.Fprintf(stdout, "warning: %s\n", w)
		}
	}
	if err != nil {
		fmt.Fprintf(stdout, "%s:\n%v\n", *path, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok\n", *path)
	return 0
}
