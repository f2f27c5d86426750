// Package buildinfo says which build of mailproc is running: its version,
// the commit and time it was built from, and the Go that built it. It reads
// them from the binary's build information (runtime/debug.ReadBuildInfo),
// which `go build` stamps from the module and its VCS checkout; a package
// build may set them instead at link time:
//
//	go build -ldflags "-X github.com/mailproc/mailproc/mailproc/buildinfo.version=1.2.3 \
//	  -X github.com/mailproc/mailproc/mailproc/buildinfo.commit=abc123 \
//	  -X github.com/mailproc/mailproc/mailproc/buildinfo.date=2026-01-02T03:04:05Z"
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set by the linker (-ldflags -X) for a package build; "" means "from the
// build information".
var version, commit, date string

// Info is what a build says about itself.
type Info struct {
	Version   string // the release ("1.2.3"), the module's version, or "(devel)"
	Commit    string // the VCS revision, "" when unknown
	Date      string // the commit's time (RFC 3339), "" when unknown
	Modified  bool   // built from a checkout with uncommitted changes
	GoVersion string // "go1.26.8"
	Platform  string // "linux/amd64"
}

// Read is this binary's Info.
func Read() Info {
	bi, _ := debug.ReadBuildInfo()
	return From(bi, Overrides{Version: version, Commit: commit, Date: date})
}

// Overrides are values given at link time; each one set wins over the
// build information.
type Overrides struct{ Version, Commit, Date string }

// From makes an Info from build information (nil when the binary has
// none) and link-time overrides.
func From(bi *debug.BuildInfo, o Overrides) Info {
	info := Info{Version: "(devel)", GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		info.GoVersion = bi.GoVersion
		if bi.Main.Version != "" {
			info.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Commit = s.Value
			case "vcs.time":
				info.Date = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	info.Version = first(o.Version, info.Version)
	info.Commit = first(o.Commit, info.Commit)
	info.Date = first(o.Date, info.Date)
	return info
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// String is the text `mailproc version` prints: the version on the first
// line, then one "name value" line for each of the rest.
func (i Info) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "mailproc %s\n", i.Version)
	fmt.Fprintf(&b, "commit   %s\n", i.commitText())
	fmt.Fprintf(&b, "built    %s\n", orUnknown(i.Date))
	fmt.Fprintf(&b, "go       %s %s\n", i.GoVersion, i.Platform)
	return b.String()
}

func (i Info) commitText() string {
	if i.Commit == "" {
		return "unknown"
	}
	if i.Modified {
		return i.Commit + " (modified)"
	}
	return i.Commit
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// LogAttrs are the fields of the daemon's start-up log line.
func (i Info) LogAttrs() []any {
	return []any{"version", i.Version, "commit", orUnknown(i.Commit), "modified", i.Modified, "built", orUnknown(i.Date), "go", i.GoVersion}
}
