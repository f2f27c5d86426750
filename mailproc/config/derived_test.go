package config

import (
	"testing"
	"time"
)

// TestLocationLoadedOnce: the company's time zone is read from its file
// once, not for every message; another name gives its own zone, and a
// name that cannot be loaded gives UTC.
func TestLocationLoadedOnce(t *testing.T) {
	c := Default()
	c.Company.Timezone = "America/Los_Angeles"
	first := c.Location()
	if allocs := testing.AllocsPerRun(100, func() { c.Location() }); allocs != 0 {
		t.Errorf("Location allocates %.0f times a call after the first, want 0", allocs)
	}
	if c.Location() != first || first.String() != "America/Los_Angeles" {
		t.Errorf("Location = %v, want the zone loaded first, America/Los_Angeles", c.Location())
	}
	c.Company.Timezone = "Europe/Berlin"
	if got := c.Location().String(); got != "Europe/Berlin" {
		t.Errorf("after the zone changed, Location = %s, want Europe/Berlin", got)
	}
	c.Company.Timezone = "Nowhere/Else"
	if c.Location() != time.UTC {
		t.Errorf("an unknown zone: Location = %v, want UTC", c.Location())
	}
}
