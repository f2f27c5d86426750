package bench

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// peakRSS is this process's peak resident set in bytes: VmHWM of
// /proc/self/status, the high-water mark of this program image alone. (A
// child's ru_maxrss is not that: Linux carries into it the resident set of
// the parent it was forked from as it stood before exec.)
func peakRSS() int64 { return procStatus()["VmHWM"] }

// rssNow is this process's anonymous and file-backed resident set now.
func rssNow() (anon, file int64) {
	st := procStatus()
	return st["RssAnon"], st["RssFile"] + st["RssShmem"]
}

// procStatus reads the "kB" fields of /proc/self/status, in bytes.
func procStatus() map[string]int64 {
	out := map[string]int64{}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), ":")
		v, kb := strings.CutSuffix(strings.TrimSpace(v), " kB")
		if !ok || !kb {
			continue
		}
		if kib, err := strconv.ParseInt(v, 10, 64); err == nil {
			out[name] = kib * 1024
		}
	}
	return out
}

// maxRSS is a finished process's peak resident set in bytes (Linux counts
// ru_maxrss in KiB).
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := rusage(ps); ok {
		return ru.Maxrss * 1024
	}
	return 0
}

func rusage(ps *os.ProcessState) (*syscall.Rusage, bool) {
	if ps == nil {
		return nil, false
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	return ru, ok
}

// fileRSS is how much of this process's executable and of the file at
// storePath is resident now, from /proc/self/smaps.
func fileRSS(storePath string) (binary, store int64) {
	exe, _ := os.Executable()
	if abs, err := filepath.Abs(storePath); err == nil {
		storePath = abs
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	var into *int64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) >= 5 && strings.Contains(fields[0], "-") {
			into = nil // a mapping's first line: address range, perms, offset, device, inode [, path]
			switch path := fields[len(fields)-1]; {
			case len(fields) < 6:
			case path == exe:
				into = &binary
			case path == storePath:
				into = &store
			}
			continue
		}
		if v, ok := strings.CutPrefix(line, "Rss:"); ok && into != nil {
			if kib, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64); err == nil {
				*into += kib * 1024
			}
		}
	}
	return binary, store
}
