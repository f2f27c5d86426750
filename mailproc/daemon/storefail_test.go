package daemon

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/store"
)

// TestStoreFailuresAreErrors: when the store cannot be read, the lookups
// that tell known mail from new and a reply's stored bytes fail. They
// answered "none" before, which makes known mail look new (a second case,
// a second reply) and a sent reply's copy look gone. (The jobs' own test
// of this is in package jobs.)
func TestStoreFailuresAreErrors(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := reply.Load("")
	if err != nil {
		t.Fatal(err)
	}
	c := config.Default()
	pl, err := plan.New(plan.Options{Config: &c, Store: st, Templates: tmpl})
	if err != nil {
		t.Fatal(err)
	}
	noMailbox := func(context.Context) (Mailbox, error) { return nil, errors.New("no mailbox") }
	d, err := New(Options{Config: &c, Store: st, Plan: pl, Dial: noMailbox, Sender: noSender{}})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	const id = "a@example.com"
	if _, _, err := d.caseForMessage("mid:" + id); err == nil {
		t.Errorf("caseForMessage on a closed store = nil error")
	}
	if _, err := d.caseForThread(parse.Header{InReplyTo: []string{id}}); err == nil {
		t.Errorf("caseForThread on a closed store = nil error")
	}
	if _, err := d.isOurReply(id); err == nil {
		t.Errorf("isOurReply on a closed store = nil error")
	}
	if _, err := d.rawOf(id); err == nil {
		t.Errorf("rawOf on a closed store = nil error")
	}
}

// noSender sends nothing.
type noSender struct{}

func (noSender) Send(context.Context, string, []string, []byte) error {
	return errors.New("no SMTP server")
}
