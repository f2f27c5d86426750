package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/mailproc/mailproc/mailproc/web"
)

// runPasswd reads a password from standard input (a line) and prints its
// bcrypt hash for [[web.users]] password_hash. The password is never echoed
// nor printed.
func runPasswd(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, usageLine("passwd"))
		return 2
	}
	line, err := readPassword(stderr)
	if err != nil || line == "" {
		fmt.Fprintln(stderr, "mailproc passwd: no password given")
		return 1
	}
	hash, err := web.HashPassword(strings.TrimRight(line, "\r\n"))
	if err != nil {
		fmt.Fprintf(stderr, "mailproc passwd: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, hash)
	return 0
}

// readPassword reads a line from standard input, without echo when it is a
// terminal.
func readPassword(stderr io.Writer) (string, error) {
	if fd := int(os.Stdin.Fd()); term.IsTerminal(fd) {
		fmt.Fprint(stderr, "password: ")
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if line != "" {
		err = nil
	}
	return line, err
}
