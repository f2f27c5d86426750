package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mailproc/mailproc/mailproc/service"
)

func runDaemon(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "/etc/mailproc/mailproc.toml", "configuration file")
	once := fs.Bool("once", false, "handle the mail present and pending work, then exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	err := service.Run(ctx, service.Options{
		ConfigPath: *cfgPath,
		Once:       *once,
		Stderr:     stderr,
		Failpoint:  os.Getenv("MAILPROC_FAILPOINT"),
	})
	if err != nil {
		fmt.Fprintf(stderr, "mailproc run: %v\n", err)
		return 1
	}
	return 0
}
