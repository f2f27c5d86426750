// Command mailproc-bench measures mailproc against the protocol floor on
// the Dovecot and mailpit that scripts/test-servers.sh starts (issue 7):
// seeding, the read and work floors, mailproc's cold run, reply latency
// beside Dovecot's IDLE notification, peak RSS at two backlog sizes, and
// parse + classify + extract per message; it prints the figures beside
// their targets.
//
//	scripts/test-servers.sh start /tmp/srv && . /tmp/srv/env
//	CGO_ENABLED=0 go build -o bin/mailproc-bench ./cmd/mailproc-bench
//	bin/mailproc-bench                      # the full run: N=10,000, 200 latency requests
//	bin/mailproc-bench -n 500 -latency 20 -rss 200,2000
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/mailproc/mailproc/cmd/mailproc-bench/internal/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) > 1 && os.Args[1] == bench.ChildCommand {
		os.Exit(bench.ChildMain(ctx, os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run parses the flags, measures and prints the report.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return 2
	}
	res, err := bench.Run(ctx, o)
	if res != nil {
		bench.WriteReport(stdout, res)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mailproc-bench: %v\n", err)
		return 1
	}
	return 0
}
