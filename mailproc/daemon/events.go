package daemon

import (
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
)

// Observer hears what the daemon does, for the demo and tests. Its methods
// are called from the daemon's goroutine and must not block for long.
type Observer interface {
	Decided(e Decided)
	Sent(e Sent)
}

// Decided is one message decided.
type Decided struct {
	UID      uint32
	Subject  string
	From     string
	CaseID   string // "" when ignored
	FollowUp bool   // merged into an existing case
	Decision decide.Decision
	State    cases.State
	Folder   string // where the message goes ("" when it stays)
}

// Sent is one reply accepted by the SMTP server.
type Sent struct {
	CaseID   string
	Template string
	To       string
	Raw      []byte
}

type nopObserver struct{}

func (nopObserver) Decided(Decided) {}
func (nopObserver) Sent(Sent)       {}

// decided reports a decision to the observer, the log (no personal data:
// no address, no subject) and the metrics.
func (d *Daemon) decided(e Decided) {
	dec := e.Decision
	d.obs.Decided(e)
	d.log.Info("decided", "uid", e.UID, "case", e.CaseID, "kind", dec.Kind, "action", dec.Action,
		"template", dec.Template, "reasons", strings.Join(dec.Reasons, ","), "state", e.State)
	d.metrics.Decided(string(dec.Kind), string(dec.Action), dec.Template, dec.Reasons)
}
