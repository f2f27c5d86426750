package daemon

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// scanOf finds a letter's scan and computes its SHA-256; the file stays
// where it is, outside the database. "" is no scan.
func (d *Daemon) scanOf(name string) (*cases.Scan, error) {
	if name == "" {
		return nil, nil
	}
	path, err := d.scanPath(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", control.ErrInvalid, err)
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: scan %q: no such file", control.ErrInvalid, name)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: scan %q: %v", control.ErrInvalid, name, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: scan %q: not a regular file", control.ErrInvalid, name)
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, fmt.Errorf("read scan %s: %w", path, err)
	}
	return &cases.Scan{Path: path, SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

// scanPath is where a scan named by staff is: an absolute path, or, with
// [letters] scan_dir set, a path in that folder (relative to it, and
// never outside it, links followed).
func (d *Daemon) scanPath(name string) (string, error) {
	dir := d.cfg.Letters.ScanDir
	if dir == "" {
		if !filepath.IsAbs(name) {
			return "", fmt.Errorf("scan %q: give an absolute path ([letters] scan_dir is not set)", name)
		}
		return filepath.Clean(name), nil
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	real, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("scan %q: no such file", name)
	}
	if err != nil {
		return "", fmt.Errorf("scan %q: %v", name, err)
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("[letters] scan_dir %s: %v", dir, err)
	}
	if rel, err := filepath.Rel(realDir, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("scan %q: outside [letters] scan_dir %s", name, dir)
	}
	return filepath.Clean(path), nil
}
