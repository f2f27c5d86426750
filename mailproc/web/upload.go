package web

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/mailproc/mailproc/mailproc/control"
)

// maxUploadBytes bounds a form that carries a scan: the scan and the
// form's other fields.
const maxUploadBytes = control.MaxScanBytes + maxFormBytes

// checkedUpload is checked for a form that may carry a file: same
// origin, read whole within maxUploadBytes (in memory, never into a
// temporary file), and the session's CSRF token, compared in constant
// time. A form without a file goes through checked.
func (c *console) checkedUpload(next http.HandlerFunc) http.Handler {
	plain := c.checked(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
			plain.ServeHTTP(w, r)
			return
		}
		if !c.fromHere(r) {
			c.forbidden(w, r, "The request did not come from this console.")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUploadBytes)
		if err := r.ParseMultipartForm(maxUploadBytes); err != nil {
			if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
				c.showError(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("The scan is too large: at most %d MiB.", control.MaxScanBytes>>20))
				return
			}
			c.showError(w, r, http.StatusBadRequest, "The form could not be read.")
			return
		}
		defer r.MultipartForm.RemoveAll()
		token := r.PostFormValue("csrf")
		if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(sessionOf(r).CSRF)) != 1 {
			c.forbidden(w, r, "The form was stale or did not come from this console. Reload the page and try again.")
			return
		}
		next(w, r)
	})
}

// uploadedScan is the scan file chosen in the form, or nil.
func uploadedScan(r *http.Request) *multipart.FileHeader {
	if r.MultipartForm == nil {
		return nil
	}
	for _, fh := range r.MultipartForm.File["scan_file"] {
		if fh.Size > 0 {
			return fh
		}
	}
	return nil
}

// keepUpload has the service keep the scan uploaded with the form and
// returns its name for the letter; without an upload, the name typed.
// The second result says why an upload was refused.
func (c *console) keepUpload(r *http.Request, typed string) (string, string) {
	fh := uploadedScan(r)
	if fh == nil {
		return typed, ""
	}
	if fh.Size > control.MaxScanBytes {
		return typed, fmt.Sprintf("The scan is too large: at most %d MiB.", control.MaxScanBytes>>20)
	}
	keeper, ok := c.svc.(control.ScanKeeper)
	if !ok {
		return typed, "This console cannot keep scans: give the name of a file in the scan folder instead."
	}
	file, err := fh.Open()
	if err != nil {
		return typed, "The scan could not be read."
	}
	defer file.Close()
	name, err := keeper.KeepScan(file)
	if err != nil {
		_, msg := explain("keep the scan", err)
		c.log.Info("scan refused", "user", sessionOf(r).User, "err", err)
		return typed, msg
	}
	c.log.Info("scan uploaded", "user", sessionOf(r).User, "file", name)
	return name, ""
}
