//go:build !linux

package store

import "os"

// fdatasync writes f to disk (fsync where fdatasync is not at hand).
func fdatasync(f *os.File) error { return f.Sync() }
