//go:build !linux

package letterdesk

import (
	"errors"
	"os"
)

// errNoOpenat2 says why scans are refused here: only Linux's openat2
// opens a file inside a folder without following any link.
var errNoOpenat2 = errors.New("scans need Linux (openat2)")

func openScan(dir, rel string) (*os.File, error)    { return nil, errNoOpenat2 }
func createScan(dir, name string) (*os.File, error) { return nil, errNoOpenat2 }
