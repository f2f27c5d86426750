package main

import (
	"context"
	"fmt"
	"io"

	"github.com/mailproc/mailproc/mailproc/demo"
)

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, usageLine("demo"))
		return 2
	}
	if err := demo.Run(ctx, stdout); err != nil {
		fmt.Fprintf(stderr, "mailproc demo: %v\n", err)
		return 1
	}
	return 0
}
