package jobs

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/store"
)

// TestStoreFailuresAreErrors: when the store cannot be read, a job's
// record cannot be read and the retention job fails. The record answered
// "none" before, which makes a notice look unsent.
func TestStoreFailuresAreErrors(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	c := config.Default()
	d, err := New(Options{Config: &c, Store: st, Cases: noCases{}})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, _, err := d.job("report/2026-01"); err == nil {
		t.Errorf("job on a closed store = nil error")
	}
	if err := d.retention(t.Context(), time.Now()); err == nil {
		t.Errorf("retention on a closed store = nil error")
	}
}

// noCases lists no case.
type noCases struct{}

func (noCases) List(control.Filter) ([]control.Summary, error) { return nil, nil }
