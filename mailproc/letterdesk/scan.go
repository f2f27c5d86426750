package letterdesk

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// The desk keeps the scans staff upload.
var _ control.ScanKeeper = (*Desk)(nil)

// noScan is the one answer to a scan that cannot be taken, whatever the
// reason (no such file, a link, a FIFO, a folder, a path out of the scan
// folder), so that it tells nothing about other files.
func noScan(name string) error {
	return fmt.Errorf("%w: scan %q: not found in the scan folder (a regular file there, named relative to it; links are not followed)", control.ErrInvalid, name)
}

// scanOf finds a letter's scan in the scan folder and computes its
// SHA-256; the file stays where it is, outside the database. "" is no
// scan.
func (d *Desk) scanOf(name string) (*cases.Scan, error) {
	if name == "" {
		return nil, nil
	}
	dir := d.cfg.ScanDir()
	rel, ok := scanRel(dir, name)
	if !ok {
		d.log.Info("scan refused", "why", "a path out of the scan folder")
		return nil, noScan(name)
	}
	f, err := openScan(dir, rel)
	if err != nil {
		d.log.Info("scan refused", "why", reason(err))
		return nil, noScan(name)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, fmt.Errorf("read scan %s: %w", f.Name(), err)
	}
	return &cases.Scan{Path: filepath.Join(dir, rel), SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

// scanRel is a scan's name relative to the scan folder: a relative name
// as it is, an absolute one only inside the folder; never one that
// leaves it.
func scanRel(dir, name string) (string, bool) {
	if filepath.IsAbs(name) {
		rel, err := filepath.Rel(filepath.Clean(dir), filepath.Clean(name))
		if err != nil {
			return "", false
		}
		name = rel
	}
	if !filepath.IsLocal(name) {
		return "", false
	}
	return filepath.Clean(name), true
}

// reason is why a scan could not be opened, for the log: the system's
// words, without the path (a file's name may name a requester).
func reason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// errNotRegular refuses a folder, a FIFO, a device or a socket.
var errNotRegular = errors.New("not a regular file")

// KeepScan stores a scan staff upload in the scan folder, mode 0600,
// under a name the daemon chooses ("upload-DATE-TIME-RANDOM.pdf"), and
// returns that name. Only PDF, PNG, JPEG and TIFF files up to
// control.MaxScanBytes are taken.
func (d *Desk) KeepScan(r io.Reader) (string, error) {
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("keep scan: read: %w", err)
	}
	ext := scanType(head[:n])
	if ext == "" {
		return "", fmt.Errorf("keep scan: %w: a scan must be a PDF, PNG, JPEG or TIFF file", control.ErrInvalid)
	}
	dir := d.cfg.ScanDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("keep scan: %w", err)
	}
	name, err := d.scanName(ext)
	if err != nil {
		return "", err
	}
	body := io.MultiReader(bytes.NewReader(head[:n]), io.LimitReader(r, control.MaxScanBytes+1-int64(n)))
	if err := writeScan(dir, name, body); err != nil {
		return "", err
	}
	d.log.Info("scan uploaded", "file", name)
	return name, nil
}

// scanName is a new file name for an upload: the time and random hex.
func (d *Desk) scanName(ext string) (string, error) {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("keep scan: %w", err)
	}
	return fmt.Sprintf("upload-%s-%s%s", d.now().In(d.cfg.Location()).Format("20060102-150405"), hex.EncodeToString(b), ext), nil
}

// writeScan creates name in dir (never through a link, never over a
// file) and copies body into it; a body over control.MaxScanBytes is
// refused and the file removed.
func writeScan(dir, name string, body io.Reader) error {
	f, err := createScan(dir, name)
	if err != nil {
		return fmt.Errorf("keep scan: %w", err)
	}
	n, err := io.Copy(f, body)
	if err == nil && n > control.MaxScanBytes {
		err = fmt.Errorf("%w: a scan may be at most %d MiB", control.ErrInvalid, control.MaxScanBytes>>20)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(filepath.Join(dir, name))
		return fmt.Errorf("keep scan: %w", err)
	}
	return nil
}

// scanType is the file extension of a scan's type, from its first
// bytes, or "" for anything else.
func scanType(head []byte) string {
	for _, t := range []struct{ magic, ext string }{
		{"%PDF-", ".pdf"}, {"\x89PNG\r\n\x1a\n", ".png"}, {"\xff\xd8\xff", ".jpg"}, {"II*\x00", ".tif"}, {"MM\x00*", ".tif"},
	} {
		if bytes.HasPrefix(head, []byte(t.magic)) {
			return t.ext
		}
	}
	return ""
}
