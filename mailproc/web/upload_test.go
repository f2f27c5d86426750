package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/control"
)

// postUpload sends the intake form as a browser does when a file is
// chosen: multipart, with the scan last.
func (c *client) postUpload(fields map[string]string, scan []byte, headers map[string]string) *http.Response {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if scan != nil {
		fw, _ := mw.CreateFormFile("scan_file", "letter.pdf")
		fw.Write(scan)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "https://console.example/letters", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return c.do(req)
}

var sameOrigin = map[string]string{"Origin": "https://console.example", "Sec-Fetch-Site": "same-origin"}

// TestIntakeUpload: staff upload the scan with the letter; the service
// keeps it under its own name and the letter names that.
func TestIntakeUpload(t *testing.T) {
	e := newEnv(t)
	c, token := e.signedIn()
	page := readBody(t, c.get("/letters/new"))
	for _, want := range []string{`enctype="multipart/form-data"`, `name="scan_file" type="file"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the intake form lacks %s", want)
		}
	}
	fields := map[string]string{"csrf": token, "kind": "california", "received": "2025-05-09", "first_line": "1",
		"name": "Ada Byron", "street": "12 Oak St", "city": "Fresno", "state": "CA", "zip": "93704", "scan": "typed.pdf"}
	res := c.postUpload(fields, []byte("%PDF-1.4 scan"), sameOrigin)
	wantRedirect(t, res, "/cases/L-1?done=letter")
	kept, added := e.svc.recorded("KeepScan"), e.svc.recorded("AddLetter")
	if len(kept) != 1 || kept[0].Scan != "%PDF-1.4 scan" {
		t.Errorf("KeepScan calls %+v, want the uploaded bytes once", kept)
	}
	if len(added) != 1 || added[0].Letter.Scan != "upload-1.pdf" || added[0].Letter.Fields.ZIP != "93704" {
		t.Errorf("AddLetter calls %+v, want the letter with the kept scan's name", added)
	}
}

// TestIntakeUploadRefused: no upload is kept from a form without the
// CSRF token, from another site, or over the size limit.
func TestIntakeUploadRefused(t *testing.T) {
	tests := []struct {
		name    string
		csrf    bool
		headers map[string]string
		size    int
		status  int
	}{
		{"no csrf", false, sameOrigin, 100, http.StatusForbidden},
		{"another site", true, map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, 100, http.StatusForbidden},
		{"the form too large", true, sameOrigin, maxUploadBytes, http.StatusRequestEntityTooLarge},
		{"the scan too large", true, sameOrigin, control.MaxScanBytes, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			c, token := e.signedIn()
			fields := map[string]string{"kind": "california", "received": "2025-05-09", "name": "Ada Byron", "zip": "93704"}
			if tt.csrf {
				fields["csrf"] = token
			}
			scan := append([]byte("%PDF-1.4 "), make([]byte, tt.size)...)
			res := c.postUpload(fields, scan, tt.headers)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			if n := len(e.svc.recorded("KeepScan")) + len(e.svc.recorded("AddLetter")); n != 0 {
				t.Errorf("%d calls to the service, want none", n)
			}
		})
	}
}
