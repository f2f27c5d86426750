package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/service"
)

// runConfig is `mailproc config check --config FILE [--connect]`: every
// problem at once, each naming its key; exit 1 when there is any. With
// --connect it then signs in to both servers and reports what it found.
func runConfig(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "check" {
		fmt.Fprintln(stderr, usageLine("config"))
		return 2
	}
	fs := newFlagSet("config check")
	f := newConfigFlags(fs)
	path, connect := f.path, f.connect
	if code, ok := parseFlags(fs, args[1:], stdout, stderr); !ok {
		return code
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
	if !*connect {
		return 0
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := service.CheckConnect(ctx, &l.Config, stdout, service.NewLogger(stderr, l.Log)); err != nil {
		fmt.Fprintf(stdout, "connect: %v\n", err)
		return 1
	}
	return 0
}

// configFlags are the flags of `mailproc config check`.
type configFlags struct {
	path    *string
	connect *bool
}

func newConfigFlags(fs *flag.FlagSet) *configFlags {
	return &configFlags{
		path:    configFlag(fs),
		connect: fs.Bool("connect", false, "also sign in to the IMAP and SMTP servers and report what they offer"),
	}
}
