// Command mailproc runs a company's privacy support mailbox: it answers
// California "Shine the Light" and COPPA requests and hands everything
// doubtful to staff. See README.md.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"run", "run --config FILE          run the daemon", runDaemon},
		{"check", "check [--json] [--config FILE] FILE.eml...   decide messages as the daemon would, send nothing", runCheck},
		{"demo", "demo                       run the daemon on an embedded demo mailbox", runDemo},
		{"review", "review " + reviewVerbs + " [ID] [--config FILE] [--as NAME] ...   work the review queue; print a letter (--out FILE.pdf|.html) and mark it posted (--date DAY)", runReview},
		{"config", "config check --config FILE   report every problem of a configuration", runConfig},
		{"report", "report --month YYYY-MM [--format html,csv,json] [--out DIR] [--config FILE]   the month's compliance report", runReport},
		{"backup", "backup [--config FILE] FILE    a consistent copy of the database, while the daemon runs", runBackup},
		{"export", "export [--config FILE] --email ADDRESS   everything held about one requester, as JSON", runExport},
		{"passwd", "passwd < password           print the bcrypt hash for a [[web.users]] entry", runPasswd},
		{"cases", "cases [--config FILE] [--state S] [--kind K] [--overdue] [--json]   list all cases", runCases},
		{"cases", "cases add --channel letter --kind california|coppa --received DATE [--name --street --city --state --zip --first-line] [--parent --child --child-email --child-username] [--return-name ... --return-zip] [--scan FILE]   enter a letter", runCases},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "mailproc: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: mailproc COMMAND [options]")
	for _, c := range commands() {
		fmt.Fprintf(w, "  mailproc %s\n", c.usage)
	}
}
