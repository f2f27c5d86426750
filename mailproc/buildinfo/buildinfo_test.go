package buildinfo

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFrom(t *testing.T) {
	stamped := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/mailproc/mailproc", Version: "v0.0.0-20260102030405-abcdef123456+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "abcdef1234567890"},
			{Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	bare := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/mailproc/mailproc"}}
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		o    Overrides
		want Info
	}{
		{"from the checkout", stamped, Overrides{},
			Info{Version: "v0.0.0-20260102030405-abcdef123456+dirty", Commit: "abcdef1234567890", Date: "2026-01-02T03:04:05Z", Modified: true, GoVersion: "go1.26.8"}},
		{"link-time values win", stamped, Overrides{Version: "1.2.3", Commit: "fedcba", Date: "2026-02-03T00:00:00Z"},
			Info{Version: "1.2.3", Commit: "fedcba", Date: "2026-02-03T00:00:00Z", Modified: true, GoVersion: "go1.26.8"}},
		{"only the version given", stamped, Overrides{Version: "1.2.3"},
			Info{Version: "1.2.3", Commit: "abcdef1234567890", Date: "2026-01-02T03:04:05Z", Modified: true, GoVersion: "go1.26.8"}},
		{"no VCS", bare, Overrides{},
			Info{Version: "(devel)", GoVersion: "go1.26.8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := From(tt.bi, tt.o)
			got.Platform = ""
			if got != tt.want {
				t.Errorf("From = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFromNoBuildInfo(t *testing.T) {
	got := From(nil, Overrides{Version: "1.2.3"})
	if got.Version != "1.2.3" || got.GoVersion == "" || got.Platform == "" {
		t.Errorf("From(nil) = %+v, want the given version and this runtime's Go", got)
	}
}

func TestString(t *testing.T) {
	i := Info{Version: "1.2.3", Commit: "abc", Modified: true, GoVersion: "go1.26.8", Platform: "linux/amd64"}
	want := "mailproc 1.2.3\ncommit   abc (modified)\nbuilt    unknown\ngo       go1.26.8 linux/amd64\n"
	if got := i.String(); got != want {
		t.Errorf("String =\n%s\nwant\n%s", got, want)
	}
}

// TestRead checks the test binary's own build information is read: a test
// binary has a Go version but no VCS stamp.
func TestRead(t *testing.T) {
	got := Read()
	if !strings.HasPrefix(got.GoVersion, "go") {
		t.Errorf("Read().GoVersion = %q, want go…", got.GoVersion)
	}
}
