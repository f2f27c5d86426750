package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/mailproc/mailproc/mailproc/buildinfo"
)

// manHead is the man page's text before the commands: what mailproc is.
const manHead = `.SH NAME
mailproc \- the privacy support mailbox: its daemon and staff tools
.SH SYNOPSIS
.B mailproc
.I COMMAND
.RI [ options ]
.SH DESCRIPTION
.B mailproc
reads a company's privacy support mailbox over IMAP, recognises California
\(lqShine the Light\(rq and COPPA requests by their subject, checks that each
carries what the privacy policy asks for, answers it by email from templates,
hands everything doubtful to staff, and keeps a record of every request and
its deadline in a bbolt database.
.PP
.B mailproc run
is the daemon, usually started by systemd as
.BR mailproc.service .
The staff commands
.RB ( review ,
.BR cases ,
.BR report ,
.BR backup ,
.BR export )
work through the running daemon's control socket, or open the database
themselves when no daemon runs; run them as the
.B mailproc
user.
`

// manTail is the man page's text after the commands.
const manTail = `.SH FILES
.TP
.I /etc/mailproc/mailproc.toml
the configuration
.RB ( "mailproc config check"
reports every problem of it at once).
.TP
.I /var/lib/mailproc/mailproc.db
the database (the default of
.BR "[store] path" ).
.TP
.I /var/lib/mailproc/control.sock
the control socket staff commands use (mode 0600), beside the database.
.TP
.I /var/lib/mailproc/reports/
the monthly reports.
.SH SIGNALS
.TP
.B SIGHUP
reload the templates and the disclosure data, keeping the mailbox connection
(a configuration with problems is refused and the running one kept).
.TP
.BR SIGTERM ", " SIGINT
finish the message in hand and stop.
.SH ENVIRONMENT
.TP
.BR NOTIFY_SOCKET ", " WATCHDOG_USEC
set by systemd: the daemon says READY once it has read the inbox, pets the
watchdog while it keeps reading it, and says STOPPING when it stops.
.SH EXIT STATUS
0 on success, 1 when the command failed, 2 for a usage error.
.SH SEE ALSO
.BR systemctl (1),
.BR systemd.exec (5),
.IR /usr/share/doc/mailproc/README.md
`

// writeManPage writes mailproc(8) in roff, its commands and options from
// commands().
func writeManPage(w io.Writer) {
	b := buildinfo.Read()
	date := b.Date
	if len(date) >= 10 {
		date = date[:10]
	}
	fmt.Fprintf(w, ".TH MAILPROC 8 %q %q \"System Administration\"\n", date, "mailproc "+b.Version)
	io.WriteString(w, manHead)
	io.WriteString(w, ".SH COMMANDS\n")
	shown := map[string]string{} // the flags' names -> the first command that listed them
	for _, c := range commands() {
		fmt.Fprintf(w, ".TP\n.B %s\n%s.\n", roff(c.line()), roff(c.summary))
		writeManFlags(w, c, shown)
	}
	io.WriteString(w, manTail)
}

// writeManFlags lists a command's options, or names the command above
// that has the same ones.
func writeManFlags(w io.Writer, c command, shown map[string]string) {
	fs := c.flagSet()
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return
	}
	key := strings.Join(names, " ")
	if first, ok := shown[key]; ok {
		fmt.Fprintf(w, "Its options are those of\n.BR \"mailproc %s\" .\n", first)
		return
	}
	shown[key] = c.key()
	io.WriteString(w, ".RS\n")
	fs.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		fmt.Fprintf(w, ".TP\n.B %s%s\n%s%s\n", roff("--"+f.Name), manValueName(name), roff(text), manDefault(f))
	})
	io.WriteString(w, ".RE\n")
}

// manValueName is " FILE" for a flag taking a value, "" for a switch.
func manValueName(name string) string {
	switch name {
	case "":
		return ""
	case "string":
		return ` \fIVALUE\fP`
	case "int":
		return ` \fIN\fP`
	}
	return ` \fI` + roff(name) + `\fP`
}

func manDefault(f *flag.Flag) string {
	switch f.DefValue {
	case "", "false", "0":
		return ""
	}
	return " (default: " + roff(f.DefValue) + ")"
}

// roff escapes text for a roff line: backslashes, hyphens as minus signs,
// and a leading dot or quote that would start a request.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
