package main

import (
	"context"
	"fmt"
	"io"

	"github.com/mailproc/mailproc/mailproc/buildinfo"
)

// runVersion is `mailproc version` (and `--version`): which build this is.
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, usageLine("version"))
		return 2
	}
	fmt.Fprint(stdout, buildinfo.Read())
	return 0
}
