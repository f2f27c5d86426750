package bench

import (
	"bufio"
	"os"
	"runtime"
	"strings"
)

// Machine is where the figures came from.
type Machine struct {
	CPUs  int
	Model string // the CPU's model name, "" when unknown
	Go    string
	OS    string
}

// ThisMachine describes the machine the bench runs on.
func ThisMachine() Machine {
	return Machine{CPUs: runtime.NumCPU(), Model: cpuModel(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
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
