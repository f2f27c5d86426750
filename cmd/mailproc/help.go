package main

import (
	"context"
	"errors"
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

// key names a command's form: "review list", "cases add", "run".
func (c command) key() string {
	if c.verbs == "" || strings.Contains(c.verbs, "|") {
		return c.name
	}
	return c.name + " " + c.verbs
}

// line is "mailproc NAME SYNOPSIS".
func (c command) line() string {
	return strings.TrimSpace("mailproc " + c.name + " " + c.synopsis)
}

// flagSet is the command's flags, declared on a set that is never parsed
// (for help, the man page and completion).
func (c command) flagSet() *flag.FlagSet {
	fs := flag.NewFlagSet(c.key(), flag.ContinueOnError)
	if c.flags != nil {
		c.flags(fs)
	}
	return fs
}

// parseFlags parses a command form's flags. Asked for help (-h, --help)
// it prints the form's usage and options on stdout, and the command ends
// with 0; a bad flag is said on stderr with the usage, and it ends with 2.
// ok is false when the command is to end with code.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	return flagResult(fs, fs.Parse(args), stdout, stderr)
}

// flagResult is what parseFlags does with the error of a parse.
func flagResult(fs *flag.FlagSet, err error, stdout, stderr io.Writer) (code int, ok bool) {
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		formHelp(stdout, fs)
		return 0, false
	}
	fmt.Fprintf(stderr, "mailproc %s: %v\n", fs.Name(), err)
	formHelp(stderr, fs)
	return 2, false
}

// formHelp writes the usage of the command form fs is the flags of, and
// its options.
func formHelp(w io.Writer, fs *flag.FlagSet) {
	for _, c := range commands() {
		if c.key() == fs.Name() {
			fmt.Fprintf(w, "usage: %s\n", c.line())
		}
	}
	writeOptions(w, fs)
}

// commandHelp writes the usage of every form of a command, and the
// options of each.
func commandHelp(w io.Writer, name string) {
	var forms []command
	for _, c := range commands() {
		if c.name == name {
			forms = append(forms, c)
		}
	}
	if len(forms) == 1 {
		formHelp(w, forms[0].flagSet())
		return
	}
	fmt.Fprintln(w, usageLine(name))
	for _, c := range forms {
		if hasFlags(c.flagSet()) {
			fmt.Fprintf(w, "\n%s:\n", c.line())
			writeOptions(w, c.flagSet())
		}
	}
}

// writeOptions lists the flags of fs as Go's flag package does.
func writeOptions(w io.Writer, fs *flag.FlagSet) {
	if !hasFlags(fs) {
		return
	}
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// hasFlags reports whether fs declares any flag.
func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// runHelp is `mailproc help [--man]`: the usage on stdout, or the
// mailproc(8) man page.
func runHelp(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("help")
	man := newHelpFlags(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 0 {
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
