package daemon

import (
	"time"

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
	Template cases.Template
	To       string
	Raw      []byte
}

// FilingObserver is an Observer that also hears of each filing of cases'
// mail (fileCases): for benchmarks and tests. Filed may be called from the
// goroutine that files a batch beside the reading.
type FilingObserver interface {
	Filed(e Filed)
}

// Filed is one filing of cases' mail: its replies' sent copies appended,
// its messages moved out of the inbox and both recorded.
type Filed struct {
	Cases int
	Took  time.Duration
}

// filed tells a FilingObserver of a filing that began at start.
func (d *Daemon) filed(cases int, start time.Time) {
	if o, ok := d.obs.(FilingObserver); ok {
		o.Filed(Filed{Cases: cases, Took: time.Since(start)})
	}
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
		"template", dec.Template, "reasons", cases.Join(dec.Reasons, ","), "state", e.State)
	d.metrics.Decided(dec.Kind, string(dec.Action), dec.Template, dec.Reasons)
}
