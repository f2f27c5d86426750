package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"net/http"

	"github.com/mailproc/mailproc/mailproc/visible"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static/style.css
var styleSheet string

// pages holds each page's parsed template, by name.
type pages map[string]*template.Template

// layoutData is what the layout shows around every page.
type layoutData struct {
	Title   string
	Company string
	User    string // "" when nobody is signed in
	CSRF    string // for the sign-out form
	Body    any
	// Refresh: the page reloads itself in a few seconds (a reply it
	// reports on is still being sent).
	Refresh bool
}

// loadPages parses every page with the layout and fmt's helpers.
func loadPages(f template.FuncMap) (pages, error) {
	names := []string{"login", "queue", "case", "error", "intake", "bulk"}
	p := make(pages, len(names))
	for _, name := range names {
		t, err := template.New("layout.html").Funcs(f).ParseFS(templateFiles, "templates/layout.html", "templates/"+name+"*.html")
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		p[name] = t
	}
	return p, nil
}

// render writes a page. It is rendered whole before anything is sent, so a
// template error gives a clean 500 rather than half a page; characters
// that would hide or reorder what a sender wrote are then written out
// (visible.HTML), wherever the page shows it.
func (c *console) render(w http.ResponseWriter, r *http.Request, status int, name, title string, body any) {
	c.renderRefresh(w, r, status, name, title, body, false)
}

// renderRefresh is render, with a page that reloads itself when refresh
// is set.
func (c *console) renderRefresh(w http.ResponseWriter, r *http.Request, status int, name, title string, body any, refresh bool) {
	s, signedIn := r.Context().Value(ctxSessionKey{}).(session)
	if !signedIn {
		s, _ = c.currentSession(r)
	}
	data := layoutData{Title: title, Company: c.company, User: s.User, CSRF: s.CSRF, Body: body, Refresh: refresh}
	var buf bytes.Buffer
	if err := c.pages[name].Execute(&buf, data); err != nil {
		c.log.Error("render page", "page", name, "err", err)
		http.Error(w, "The page could not be shown; the error was logged.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	io.WriteString(w, visible.HTML(buf.String()))
}

// errorView fills the error page.
type errorView struct {
	Status  int
	Message string
}

// showError renders the error page with a message staff can read.
func (c *console) showError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	c.render(w, r, status, "error", http.StatusText(status), errorView{Status: status, Message: msg})
}

// forbidden refuses a request that failed a CSRF or origin check.
func (c *console) forbidden(w http.ResponseWriter, r *http.Request, msg string) {
	c.logRefusal(r, msg)
	c.showError(w, r, http.StatusForbidden, msg)
}

// notFound answers any path the console does not have.
func (c *console) notFound(w http.ResponseWriter, r *http.Request) {
	c.showError(w, r, http.StatusNotFound, "There is no such page.")
}

// internalError logs an unexpected failure and says so plainly.
func (c *console) internalError(w http.ResponseWriter, r *http.Request, err error) {
	c.log.Error("web console", "path", r.URL.Path, "err", err)
	c.showError(w, r, http.StatusInternalServerError, "Something went wrong; the error was logged.")
}

// serveStyle serves the style sheet, which holds nothing personal and
// may be cached briefly.
func (c *console) serveStyle(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	io.WriteString(w, styleSheet)
}

// maxLogText is how much of a text a client sent goes into a log line.
const maxLogText = 100

// logText makes text a client sent fit for a log line: hidden characters
// written out (visible.Text), cut at maxLogText characters. The log
// handler quotes and escapes the rest.
func logText(s string) string {
	s = visible.Text(s)
	if r := []rune(s); len(r) > maxLogText {
		return string(r[:maxLogText]) + "…"
	}
	return s
}
