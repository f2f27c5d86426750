//go:build !linux

package store

// dropMapped does nothing where madvise is not at hand.
func dropMapped(uintptr, int64) {}
