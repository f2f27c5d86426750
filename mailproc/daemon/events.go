package daemon

import (
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
