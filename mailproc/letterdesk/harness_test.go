package letterdesk_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/service"
	"github.com/mailproc/mailproc/mailproc/store"
)

var la = mustLoad("America/Los_Angeles")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// world is a store and a configuration as the daemon's tests have them;
// letters need no mailbox.
type world struct {
	t     *testing.T
	store *store.Store
	cfg   *config.Config
}

func newWorld(t *testing.T) *world {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := config.Default()
	c.Company = config.Company{Name: "Cooper", ReplyFrom: "Cooper Privacy <privacy@cooper.example>", Timezone: "America/Los_Angeles"}
	c.Disclosure = []config.Disclosure{{Year: 2024}, {Year: 2025, Categories: []string{"name and address"},
		ThirdParties: []config.ThirdParty{{Name: "Acme Catalogs", Address: "1 Market St, San Francisco, CA 94105", Business: "home goods catalogs"}}}}
	return &world{t: t, store: st, cfg: &c}
}

// desk builds the desk staff act through (staff actions, the letter desk,
// the reports) as service assembles it while no daemon runs, its clock at
// now.
func (w *world) desk(now time.Time) *service.Desk {
	w.t.Helper()
	tmpl, err := reply.Load("")
	if err != nil {
		w.t.Fatal(err)
	}
	p, err := service.Assemble(service.Wiring{Config: w.cfg, Store: w.store, Templates: tmpl, Now: func() time.Time { return now }})
	if err != nil {
		w.t.Fatal(err)
	}
	return p.Desk
}
