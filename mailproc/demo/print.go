package demo

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// printer writes the daemon's events as the demo's story, message by
// message: a decision that plans a reply is printed with that reply, which
// the daemon sends on a goroutine of its own while it reads on, so a block
// waits until its reply is in (or until flush) and the blocks keep the
// order of the messages.
type printer struct {
	out io.Writer
	loc *time.Location
	// acknowledge: a privacy request is answered privacy-received, though
	// its decision is review ([privacy] acknowledge).
	acknowledge bool
	mu          sync.Mutex
	decided     int
	blocks      []*block
}

// block is one message's part of the story.
type block struct {
	caseID   string         // the case of the reply it waits for; "" when none
	template cases.Template // the reply it waits for
	text     strings.Builder
}

// Decided records one decision.
func (p *printer) Decided(e daemon.Decided) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.decided++
	b := &block{caseID: e.CaseID}
	if e.Decision.Action == decide.Reply {
		b.template = e.Decision.Template
	}
	if p.acknowledge && e.Decision.Kind == cases.Privacy && !e.FollowUp && slices.Equal(e.Decision.Reasons, []cases.Reason{cases.ReasonPrivacyRequest}) {
		b.template = decide.PrivacyReceived
	}
	writeDecision(&b.text, e)
	p.blocks = append(p.blocks, b)
	p.printReady()
}

func writeDecision(w io.Writer, e daemon.Decided) {
	d := e.Decision
	fmt.Fprintf(w, "-- uid %d  %q\n", e.UID, e.Subject)
	what := fmt.Sprintf("%s, %s", d.Kind, d.Action)
	if d.Template != "" {
		what += " " + string(d.Template)
	}
	if len(d.Reasons) > 0 {
		what += " (" + cases.Join(d.Reasons, ", ") + ")"
	}
	if len(d.Missing) > 0 {
		what += "; missing " + strings.Join(d.Missing, ", ")
	}
	fmt.Fprintf(w, "   decision: %s\n", what)
	if d.Kind == cases.Privacy {
		fmt.Fprintf(w, "   understood as: %s\n", cases.PrivacyWords(d.Law, d.Rights))
	}
	switch {
	case d.Action == decide.Ignore:
		fmt.Fprintln(w, "   left in INBOX untouched (not read, not flagged, not moved)")
	case e.FollowUp:
		fmt.Fprintf(w, "   merged into case %s, now %s; message goes to %s\n", e.CaseID, e.State, e.Folder)
	default:
		fmt.Fprintf(w, "   case %s, %s; message goes to %s\n", e.CaseID, e.State, e.Folder)
	}
}

// Sent adds one reply accepted by the SMTP server to the block that waits
// for it.
func (p *printer) Sent(e daemon.Sent) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.waiting(e.CaseID, e.Template)
	if b == nil {
		b = &block{}
		p.blocks = append(p.blocks, b)
	}
	writeReply(&b.text, e)
	b.caseID, b.template = "", ""
	p.printReady()
}

// waiting is the first block that waits for this reply.
func (p *printer) waiting(caseID string, template cases.Template) *block {
	for _, b := range p.blocks {
		if b.caseID == caseID && b.template == template && template != "" {
			return b
		}
	}
	return nil
}

func writeReply(w io.Writer, e daemon.Sent) {
	m := parse.Parse(e.Raw, parse.Limits{})
	fmt.Fprintf(w, "   reply sent to %s: %q\n", e.To, m.Header.Subject)
	n := 0
	for _, l := range strings.Split(m.Text, "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		fmt.Fprintf(w, "   | %s\n", l)
		if n++; n == 4 {
			break
		}
	}
}

// printReady prints the blocks at the head of the story that wait for
// nothing more.
func (p *printer) printReady() {
	for len(p.blocks) > 0 && p.blocks[0].template == "" {
		io.WriteString(p.out, p.blocks[0].text.String())
		p.blocks = p.blocks[1:]
	}
}

// flush prints what is left, replies that never came included, and
// returns how many messages were decided.
func (p *printer) flush() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, b := range p.blocks {
		if b.template != "" {
			fmt.Fprintf(&b.text, "   reply %s not sent in this pass\n", b.template)
		}
		io.WriteString(p.out, b.text.String())
	}
	p.blocks = nil
	return p.decided
}
