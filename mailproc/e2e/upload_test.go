package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/web"
	"github.com/mailproc/mailproc/mailproc/web/browsertest"
)

// TestBrowserUploadsScan: in headless Chromium against the real daemon,
// staff enter a letter with its scan uploaded; the daemon keeps the scan
// in the scan folder beside the database, mode 0600, under a name of its
// own, and the case names it with its SHA-256.
func TestBrowserUploadsScan(t *testing.T) {
	ctx := browsertest.Start(t) // skips without Chromium
	s := newSetup(t, "memory")
	s.withPostalAddress(t)
	addr := freeAddr(t)
	hash, err := web.HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	appendConfig(t, s.config, fmt.Sprintf("\n[web]\nlisten = %q\nsecure_cookies = false\n[[web.users]]\nname = \"alice\"\npassword_hash = %q\n", addr, hash))
	scan := filepath.Join(t.TempDir(), "Ada Byron letter.pdf")
	if err := os.WriteFile(scan, []byte("%PDF-1.4 the scanned letter of Ada Byron"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := s.start(t)
	waitListening(t, addr)
	site := browsertest.Site{BaseURL: "http://" + addr, User: "alice", Password: "correct horse"}
	notice, err := browsertest.EnterLetter(ctx, site, map[string]string{"name": "Ada Byron", "street": "12 Oak Street",
		"city": "Fresno", "state": "CA", "zip": "93704"}, scan)
	if err != nil {
		t.Fatalf("enter the letter: %v\n%s", err, p.out.String())
	}
	t.Logf("the console said: %s", notice)
	c, err := control.Dial(filepath.Join(filepath.Dir(s.db), "control.sock"))
	if err != nil {
		t.Fatal(err)
	}
	list, _ := c.List(control.Filter{})
	if len(list) != 1 {
		t.Fatalf("%d cases, want the letter's", len(list))
	}
	cs, _ := c.Get(list[0].ID)
	if cs.Letter == nil || cs.Letter.Scan == nil {
		t.Fatalf("the case has no scan: %+v", cs.Letter)
	}
	kept := cs.Letter.Scan.Path
	dir := filepath.Join(filepath.Dir(s.db), "scans")
	if filepath.Dir(kept) != dir || !strings.HasPrefix(filepath.Base(kept), "upload-") || strings.Contains(kept, "Ada") {
		t.Errorf("the scan is kept as %s, want a name of the daemon's in %s", kept, dir)
	}
	if fi, err := os.Stat(kept); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the kept scan: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(kept); string(b) != "%PDF-1.4 the scanned letter of Ada Byron" {
		t.Errorf("the kept scan holds %q", b)
	}
	p.stop(t)
}
