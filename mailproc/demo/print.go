package demo

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// printer writes the daemon's events as the demo's story.
type printer struct {
	out     io.Writer
	loc     *time.Location
	decided int
}

// Decided prints one decision.
func (p *printer) Decided(e daemon.Decided) {
	p.decided++
	d := e.Decision
	fmt.Fprintf(p.out, "-- uid %d  %q\n", e.UID, e.Subject)
	what := fmt.Sprintf("%s, %s", d.Kind, d.Action)
	if d.Template != "" {
		what += " " + d.Template
	}
	if len(d.Reasons) > 0 {
		what += " (" + strings.Join(d.Reasons, ", ") + ")"
	}
	if len(d.Missing) > 0 {
		what += "; missing " + strings.Join(d.Missing, ", ")
	}
	fmt.Fprintf(p.out, "   decision: %s\n", what)
	switch {
	case d.Action == decide.Ignore:
		fmt.Fprintln(p.out, "   left in INBOX untouched (not read, not flagged, not moved)")
	case e.FollowUp:
		fmt.Fprintf(p.out, "   merged into case %s, now %s; message goes to %s\n", e.CaseID, e.State, e.Folder)
	default:
		fmt.Fprintf(p.out, "   case %s, %s; message goes to %s\n", e.CaseID, e.State, e.Folder)
	}
}

// Sent prints one reply accepted by the SMTP server.
func (p *printer) Sent(e daemon.Sent) {
	m := parse.Parse(e.Raw, parse.Limits{})
	fmt.Fprintf(p.out, "   reply sent to %s: %q\n", e.To, m.Header.Subject)
	n := 0
	for _, l := range strings.Split(m.Text, "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		fmt.Fprintf(p.out, "   | %s\n", l)
		if n++; n == 4 {
			break
		}
	}
}
