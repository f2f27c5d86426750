//go:build !linux

package bench

import "os"

// maxRSS is unknown (0) where ru_maxrss is not counted in KiB.
func maxRSS(*os.ProcessState) int64 { return 0 }

// peakRSS is unknown (0) here.
func peakRSS() int64 { return 0 }

// fileRSS is unknown (0, 0) here.
func fileRSS(string) (binary, store int64) { return 0, 0 }

// rssNow is unknown (0, 0) here.
func rssNow() (anon, file int64) { return 0, 0 }
