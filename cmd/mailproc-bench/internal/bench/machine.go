package bench

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// Machine is where the figures came from.
type Machine struct {
	CPUs  int
	Model string // the CPU's model name, "" when unknown
	Go    string
	OS    string
	// Cgo is set when the bench (and so the daemon it runs) was built
	// with cgo: linked with the C library, whose pages its memory then
	// counts, unlike the package's binary (CGO_ENABLED=0).
	Cgo bool
}

// ThisMachine describes the machine the bench runs on.
func ThisMachine() Machine {
	return Machine{CPUs: runtime.NumCPU(), Model: cpuModel(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, Cgo: builtWithCgo()}
}

// builtWithCgo reports whether this binary was built with CGO_ENABLED=1.
func builtWithCgo() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "CGO_ENABLED" {
			return s.Value == "1"
		}
	}
	return false
}

// cpuModel is the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if name, value, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return ""
}
