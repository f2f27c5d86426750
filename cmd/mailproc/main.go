// Command mailproc runs a company's privacy support mailbox: it answers
// California "Shine the Light" and COPPA requests and hands everything
// doubtful to staff. See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand. Its synopsis, summary and flags are the one
// source of `mailproc help`, the man page and the shell completion.
type command struct {
	name     string
	verbs    string // the words that may follow name ("check", or "list|show|..."), "" for none
	synopsis string // the arguments after "mailproc NAME"
	summary  string
	flags    func(*flag.FlagSet) // declares the command's flags; nil for none
	run      func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	cs := []command{
		{name: "run", synopsis: "[--config FILE] [--once]", summary: "run the daemon",
			flags: flagsOf(newRunFlags), run: runDaemon},
		{name: "check", synopsis: "[--json] [--config FILE] FILE.eml...", summary: "decide messages as the daemon would; send nothing",
			flags: flagsOf(newCheckFlags), run: runCheck},
		{name: "demo", summary: "run the daemon on an embedded demo mailbox", run: runDemo},
		{name: "config", verbs: "check", synopsis: "check [--config FILE] [--connect]",
			summary: "report every problem of a configuration at once; --connect signs in to both servers and reports what they offer",
			flags:   flagsOf(newConfigFlags), run: runConfig},
		{name: "oauth", verbs: "login", synopsis: "login [--config FILE] [--listen 127.0.0.1:PORT]",
			summary: "sign in once in a browser and keep the refresh token ([oauth2] refresh_token_file)",
			flags:   flagsOf(newOAuthFlags), run: runOAuth},
	}
	cs = append(cs, reviewCommands()...)
	return append(cs, []command{
		{name: "cases", synopsis: "[--config FILE] [--state S] [--kind K] [--reason R] [--overdue] [--json]", summary: "list all cases",
			flags: staffFlagsOf("list"), run: runCases},
		{name: "cases", verbs: "add", synopsis: "add --channel letter --kind california|coppa --received DATE [--scan FILE] [options]",
			summary: "enter a request that came by post: california with --name --street --city --state --zip [--first-line]; coppa with --parent --child --child-email --child-username and the --return-* address",
			flags:   flagsOf(newLetterArgs), run: runCases},
		{name: "report", synopsis: "[--month YYYY-MM] [--format html,csv,json] [--out DIR] [--config FILE]", summary: "write a month's compliance report",
			flags: flagsOf(newReportFlags), run: runReport},
		{name: "backup", synopsis: "[--config FILE] FILE", summary: "write a consistent copy of the database, while the daemon runs",
			flags: func(fs *flag.FlagSet) { configFlag(fs) }, run: runBackup},
		{name: "export", synopsis: "[--config FILE] --email ADDRESS", summary: "print everything held about one requester, as JSON",
			flags: flagsOf(newExportFlags), run: runExport},
		{name: "passwd", synopsis: "< password", summary: "print the bcrypt hash of the password on standard input, for a [[web.users]] entry", run: runPasswd},
		{name: "version", summary: "print the version, commit, build date and Go version", run: runVersion},
		{name: "help", synopsis: "[--man]", summary: "print this help (--man: the mailproc(8) man page)",
			flags: flagsOf(newHelpFlags), run: runHelp},
		{name: "completion", verbs: "bash", synopsis: "bash", summary: "print the bash completion script", run: runCompletion},
	}...)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "-help":
		args[0] = "help"
	case "--version", "-version":
		args[0] = "version"
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		if len(args) == 2 && isHelpFlag(args[1]) {
			commandHelp(stdout, c.name)
			return 0
		}
		return c.run(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "mailproc: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

// newFlagSet is the flag set of a command's form ("run", "review list"):
// it prints nothing itself; parseFlags says what went wrong.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// isHelpFlag reports whether arg asks for help, as Go's flag package
// takes it.
func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "--help" || arg == "-help" || arg == "--h"
}

// configFlag is the --config flag the commands share.
func configFlag(fs *flag.FlagSet) *string {
	return fs.String("config", "/etc/mailproc/mailproc.toml", "the configuration `FILE`")
}

// flagsOf turns a command's flag constructor into command.flags.
func flagsOf[T any](declare func(*flag.FlagSet) T) func(*flag.FlagSet) {
	return func(fs *flag.FlagSet) { declare(fs) }
}
