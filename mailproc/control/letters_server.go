package control

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// posting is the body of POST /v1/cases/{id}/posted.
type posting struct {
	Act
	Posted time.Time `json:"posted"`
}

// letterRoutes serve a LetterDesk.
func (h *handler) letterRoutes(mux *http.ServeMux, desk LetterDesk) {
	mux.HandleFunc("POST /v1/letters", func(w http.ResponseWriter, r *http.Request) {
		var l Letter
		if !decodeAct(w, r, &l, &l.Act) {
			return
		}
		c, err := desk.AddLetter(l)
		reply(w, c, err)
	})
	mux.HandleFunc("GET /v1/cases/{id}/letter", func(w http.ResponseWriter, r *http.Request) {
		n := 0
		if s := r.URL.Query().Get("n"); s != "" {
			var err error
			if n, err = strconv.Atoi(s); err != nil || n < 0 {
				reply(w, nil, fmt.Errorf("letter: %w: n=%q is not a reply number", ErrInvalid, s))
				return
			}
		}
		p, err := desk.PrintLetter(r.PathValue("id"), n)
		reply(w, p, err)
	})
	mux.HandleFunc("POST /v1/cases/{id}/posted", func(w http.ResponseWriter, r *http.Request) {
		var p posting
		if !decodeAct(w, r, &p, &p.Act) {
			return
		}
		c, err := desk.MarkPosted(r.PathValue("id"), p.Act, p.Posted)
		reply(w, c, err)
	})
}

// AddLetter implements LetterDesk.
func (c *Client) AddLetter(l Letter) (*cases.Case, error) {
	var out cases.Case
	if err := c.call("POST", "/v1/letters", l, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PrintLetter implements LetterDesk.
func (c *Client) PrintLetter(id string, n int) (Printable, error) {
	var out Printable
	return out, c.call("GET", "/v1/cases/"+url.PathEscape(id)+"/letter?n="+strconv.Itoa(n), nil, &out)
}

// MarkPosted implements LetterDesk.
func (c *Client) MarkPosted(id string, act Act, posted time.Time) (*cases.Case, error) {
	return c.post(id, "posted", posting{Act: act, Posted: posted})
}

// The client reaches every part of the daemon.
var (
	_ Service    = (*Client)(nil)
	_ LetterDesk = (*Client)(nil)
	_ Reporter   = (*Client)(nil)
	_ DataKeeper = (*Client)(nil)
)
