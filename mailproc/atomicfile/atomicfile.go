// Package atomicfile writes a file whole or not at all: into a temporary
// file beside it, synced, then renamed over it, so that a crash or a
// failed write leaves the earlier file (or none), never a part of the new.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write replaces the file at path with what write writes, with mode perm.
// The temporary file is named after path with a leading dot and is
// removed when anything fails; write's error is returned as it is, wrapped
// with the path.
func Write(path string, perm os.FileMode, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is there
	err = tmp.Chmod(perm)
	if err == nil {
		w := bufio.NewWriterSize(tmp, 64<<10)
		if err = write(w); err == nil {
			err = w.Flush()
		}
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
