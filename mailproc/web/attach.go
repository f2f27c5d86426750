package web

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"
)

// downloadPolicy is the Content-Security-Policy of a downloaded file: were
// a browser ever to show one, it would run nothing and load nothing.
const downloadPolicy = "sandbox; default-src 'none'"

// attachment sends a file attached to a case's mail, fetched from the
// mailbox, as a download: always application/octet-stream with
// Content-Disposition: attachment, never shown in the page, whatever type
// the sender gave it.
func (c *console) attachment(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		c.notFound(w, r)
		return
	}
	id, part := r.PathValue("id"), r.PathValue("part")
	f, err := c.files.Attachment(id, n, part)
	if err != nil {
		c.serviceError(w, r, "fetch the attachment", err)
		return
	}
	c.log.Info("attachment downloaded", "case", id, "message", n, "part", part, "user", sessionOf(r).User, "bytes", len(f.Data))
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", disposition(f.Name, id, part))
	h.Set("Content-Security-Policy", downloadPolicy)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	w.WriteHeader(http.StatusOK)
	w.Write(f.Data)
}

// disposition is a download's Content-Disposition: attachment, with the
// sender's file name cleaned (no path, no control or quoting characters,
// at most 120 characters; RFC 2231 for what is not ASCII), or a name of
// our own when nothing is left of it.
func disposition(name, id, part string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || strings.ContainsRune(`"%;*<>?|:`, r) {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	name = strings.Trim(name, ". ")
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	if name == "" {
		name = fmt.Sprintf("%s-part-%s.bin", id, part)
	}
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return "attachment"
}
