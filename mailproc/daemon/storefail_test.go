package daemon

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/store"
)

// TestStoreFailuresAreErrors: when the store cannot be read, the lookups
// that tell known mail from new, a reply's stored bytes and a job's record
// fail. They answered "none" before, which makes known mail look new (a
// second case, a second reply), a sent reply's copy look gone, and a
// notice look unsent.
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
	d, err := New(Options{Config: &c, Store: st, Templates: tmpl})
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
	if _, _, err := d.job("report/2026-01"); err == nil {
		t.Errorf("job on a closed store = nil error")
	}
	if err := d.retention(t.Context(), time.Now()); err == nil {
		t.Errorf("retention on a closed store = nil error")
	}
}
