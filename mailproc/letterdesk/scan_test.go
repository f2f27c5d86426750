package letterdesk_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/service"
)

// scanWorld is a world whose database lives in a folder of its own, with
// a scan folder, "scans" beside it (set as [letters] scan_dir when
// configured, else the default), holding one good scan, ada.pdf, and a
// secret beside it.
func scanWorld(t *testing.T, configured bool) (*world, *service.Desk, string) {
	w := newWorld(t)
	root := t.TempDir()
	w.cfg.Store.Path = filepath.Join(root, "mailproc.db")
	dir := filepath.Join(root, "scans")
	if configured {
		w.cfg.Letters.ScanDir = dir
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{filepath.Join(dir, "ada.pdf"): "%PDF scan", filepath.Join(root, "secret.txt"): "hunter2"} {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return w, w.desk(letterNow), dir
}

// addWithin enters a letter with a scan, failing the test when the call
// does not return within five seconds (a FIFO that blocks open()).
func addWithin(t *testing.T, d *service.Desk, scan string) error {
	t.Helper()
	l := adaLetter()
	l.Scan = scan
	done := make(chan error, 1)
	go func() {
		_, err := d.AddLetter(l)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("AddLetter(scan %q) still blocks after 5 s", scan)
		return nil
	}
}

// TestScanRefusals: a scan is a regular file in the scan folder, opened
// without following links; everything else is refused with one message,
// so that the answer tells nothing about files outside.
func TestScanRefusals(t *testing.T) {
	_, d, dir := scanWorld(t, true)
	root := filepath.Dir(dir)
	fifo := filepath.Join(dir, "fifo.pdf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unblockFIFO(fifo) })
	must(t, os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.pdf")))
	must(t, os.Symlink(filepath.Join(dir, "ada.pdf"), filepath.Join(dir, "alias.pdf")))
	must(t, os.Symlink(root, filepath.Join(dir, "up")))
	must(t, os.Mkdir(filepath.Join(dir, "folder.pdf"), 0o700))
	refused := []string{
		"none.pdf",                          // no such file
		"passwd.pdf",                        // a link out of the folder
		"alias.pdf",                         // a link, even to a scan
		"up/secret.txt",                     // through a linked folder
		"folder.pdf",                        // a folder
		"../secret.txt",                     // a path out of the folder
		filepath.Join(root, "secret.txt"),   // an absolute path outside
		"/etc/shadow",                       // a 0600 file of root's
		"/etc/passwd",                       // a file anyone may read
		filepath.Join(dir, "../secret.txt"), // absolute, out by ..
		"fifo.pdf",                          // a FIFO: open() would block for ever
	}
	want := ""
	for _, name := range refused {
		err := addWithin(t, d, name)
		if !errors.Is(err, control.ErrInvalid) {
			t.Errorf("scan %q: %v, want refused as invalid", name, err)
			continue
		}
		msg := strings.Replace(err.Error(), strconv.Quote(name), "NAME", 1)
		t.Logf("scan %q: %s", name, msg)
		if want == "" {
			want = msg
		}
		if msg != want {
			t.Errorf("scan %q refused with\n  %s\nwant the same words as for every other refusal:\n  %s", name, msg, want)
		}
		if strings.Contains(err.Error(), "sha256") {
			t.Errorf("scan %q: the refusal shows a hash", name)
		}
	}
	for _, name := range []string{"ada.pdf", filepath.Join(dir, "ada.pdf")} {
		if err := addWithin(t, d, name); err != nil {
			t.Errorf("scan %q: %v, want accepted", name, err)
		}
	}
}

// TestScanFIFONeitherBlocksNorLeaks: 200 letters naming a FIFO are each
// refused at once, and leave no thread behind.
func TestScanFIFONeitherBlocksNorLeaks(t *testing.T) {
	_, d, dir := scanWorld(t, true)
	fifo := filepath.Join(dir, "fifo.pdf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unblockFIFO(fifo) })
	before := threads(t)
	for range 200 {
		if err := addWithin(t, d, "fifo.pdf"); !errors.Is(err, control.ErrInvalid) {
			t.Fatalf("scan fifo.pdf: %v, want refused", err)
		}
	}
	if after := threads(t); after > before+5 {
		t.Errorf("threads %d before, %d after 200 FIFO scans: they leak", before, after)
	}
}

// TestScanDirDefault: with no [letters] scan_dir, scans are in the scans
// folder beside the database, and an absolute path elsewhere is refused.
func TestScanDirDefault(t *testing.T) {
	w, d, dir := scanWorld(t, false)
	if got := w.cfg.ScanDir(); got != dir {
		t.Errorf("ScanDir() = %s, want %s", got, dir)
	}
	if err := addWithin(t, d, "/etc/passwd"); !errors.Is(err, control.ErrInvalid) {
		t.Errorf("scan /etc/passwd with no scan_dir: %v, want refused", err)
	}
	if err := addWithin(t, d, "ada.pdf"); err != nil {
		t.Errorf("scan ada.pdf: %v", err)
	}
}

// threads is how many threads the process has.
func threads(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Threads:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatal("no Threads: line in /proc/self/status")
	return 0
}

// unblockFIFO opens a FIFO for writing and closes it, so that a reader
// blocked in open() (on code that opened it blocking) goes on.
func unblockFIFO(path string) {
	if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestKeepScan: an uploaded scan is stored 0600 in the scan folder under
// a name the daemon chooses, and a letter can name it; what is not a
// PDF, PNG, JPEG or TIFF, or is over the limit, is refused and not kept.
func TestKeepScan(t *testing.T) {
	_, d, dir := scanWorld(t, false)
	pdf := "%PDF-1.4 the scanned letter"
	name, err := d.KeepScan(strings.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := filepath.Match("upload-20260310-110000-????????????.pdf", name); !ok {
		t.Errorf("KeepScan named it %q, want upload-DATE-TIME-RANDOM.pdf", name)
	}
	fi, err := os.Stat(filepath.Join(dir, name))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the kept scan: %v, mode %v; want mode 0600", err, fi.Mode())
	}
	if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != pdf {
		t.Errorf("the kept scan holds %q", b)
	}
	if err := addWithin(t, d, name); err != nil {
		t.Errorf("a letter with the uploaded scan: %v", err)
	}
	big := io.MultiReader(strings.NewReader("%PDF-1.4 "), io.LimitReader(zeros{}, control.MaxScanBytes))
	for what, r := range map[string]io.Reader{"html": strings.NewReader("<html><script>"), "empty": strings.NewReader(""), "over 20 MiB": big} {
		if _, err := d.KeepScan(r); !errors.Is(err, control.ErrInvalid) {
			t.Errorf("KeepScan(%s) = %v, want refused", what, err)
		}
	}
	if files, _ := os.ReadDir(dir); len(files) != 2 {
		t.Errorf("the scan folder holds %d files, want ada.pdf and the one upload", len(files))
	}
}

// zeros reads as endless zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
