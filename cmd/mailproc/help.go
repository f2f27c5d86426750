package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

// usage prints every command with its synopsis and summary.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: mailproc COMMAND [options]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n        %s\n", c.line(), c.summary)
	}
	fmt.Fprintln(w, "\n`mailproc COMMAND -h` lists a command's options; mailproc(8) has them all.")
}

// usageLine is the usage message of one command: "usage: mailproc NAME
// SYNOPSIS", a line for each form of it.
func usageLine(name string) string {
	var lines []string
	for _, c := range commands() {
		if c.name == name {
			lines = append(lines, c.line())
		}
	}
	return "usage: " + strings.Join(lines, "\n       ")
}

// line is "mailproc NAME SYNOPSIS".
func (c command) line() string {
	return strings.TrimSpace("mailproc " + c.name + " " + c.synopsis)
}

// flagSet is the command's flags, declared on a set that is never parsed
// (for help, the man page and completion).
func (c command) flagSet() *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
	return fs
}

// runHelp is `mailproc help [--man]`: the usage on stdout, or the
// mailproc(8) man page.
func runHelp(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("help", stderr)
	man := newHelpFlags(fs)
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, usageLine("help"))
		return 2
	}
	if *man {
		writeManPage(stdout)
	} else {
		usage(stdout)
	}
	return 0
}

func newHelpFlags(fs *flag.FlagSet) *bool {
	return fs.Bool("man", false, "print the mailproc(8) man page (roff) instead")
}
