package staff_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/staff"
	"github.com/mailproc/mailproc/mailproc/store"
)

// TestActionsWakeTheLoop: an action staff take wakes the mail loop once,
// so that what it planned goes out at once; a refused one changes nothing
// and wakes nothing.
func TestActionsWakeTheLoop(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	var id string
	err = st.Update(func(tx *store.Tx) error {
		if id, err = tx.NewCaseID(2026); err != nil {
			return err
		}
		return tx.PutCase(&cases.Case{ID: id, Kind: cases.Other, Channel: cases.ChannelEmail, State: cases.Review,
			Reasons: []cases.Reason{cases.ReasonNearMiss}, Email: "zed@example.com", Received: now, Year: 2026})
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	tmpl, err := reply.Load("")
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return now }
	pl, err := plan.New(plan.Options{Config: &cfg, Store: st, Templates: tmpl, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	woken := 0
	d, err := staff.New(staff.Options{Config: &cfg, Store: st, Plan: pl, Wake: func() { woken++ }, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Dismiss(id, control.Act{Actor: "bob"}); !errors.Is(err, control.ErrInvalid) || woken != 0 {
		t.Fatalf("dismiss without a reason = %v, woken %d times; want invalid, not woken", err, woken)
	}
	c, err := d.Dismiss(id, control.Act{Actor: "bob", Reason: "spam"})
	if err != nil || c.State != cases.Dismissed || woken != 1 {
		t.Fatalf("dismiss = %v, state %s, woken %d times; want dismissed, woken once", err, c.State, woken)
	}
	if _, err := d.Dismiss(id, control.Act{Actor: "bob", Reason: "again"}); !errors.Is(err, control.ErrRefused) || woken != 1 {
		t.Errorf("dismiss a dismissed case = %v, woken %d times in all; want refused, still once", err, woken)
	}
}
