package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mailproc/mailproc/mailproc/service"
)

// runFlags are the flags of `mailproc run`.
type runFlags struct {
	config *string
	once   *bool
}

func newRunFlags(fs *flag.FlagSet) *runFlags {
	return &runFlags{
		config: configFlag(fs),
		once:   fs.Bool("once", false, "handle the mail present and pending work, then exit"),
	}
}

func runDaemon(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("run")
	f := newRunFlags(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	err := service.Run(ctx, service.Options{
		ConfigPath: *f.config,
		Once:       *f.once,
		Stderr:     stderr,
		Failpoint:  os.Getenv("MAILPROC_FAILPOINT"),
	})
	if err != nil {
		fmt.Fprintf(stderr, "mailproc run: %v\n", err)
		return 1
	}
	return 0
}
