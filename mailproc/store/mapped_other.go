//go:build !linux

package store

import "os"

// dropMapped does nothing where madvise is not at hand.
func dropMapped(uintptr, int64) {}

// fdatasync writes f to disk (fsync where fdatasync is not at hand).
func fdatasync(f *os.File) error { return f.Sync() }
