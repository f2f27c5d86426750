package control

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// maxBody bounds a request body.
const maxBody = 1 << 20

// NewHandler serves a Service as JSON:
//
//	GET  /v1/cases?state=&kind=&reason=&overdue=1&open=1
//	GET  /v1/cases/{id}
//	POST /v1/cases/{id}/preview     Draft (changes nothing)
//	POST /v1/cases/{id}/approve     Approval
//	POST /v1/cases/{id}/dismiss     Act
//	POST /v1/cases/{id}/reclassify  {"kind": "...", Act}
//	POST /v1/cases/{id}/done        Act
//	POST /v1/cases/{id}/reopen      Act
//	GET  /v1/search?view=&q=&state=&kind=&reason=&overdue=1&to_post=1&page=&per_page=
//	                                Page: a page of the cases a Query asks for
//	GET  /v1/cases/{id}/advice      Advice: the reasons in words, what to do, the requester's other cases
//	POST /v1/bulk                   Bulk: one action on many cases, []BulkResult
//	GET  /v1/cases/{id}/messages/{n}/attachments/{part}
//	                                File, read from the mailbox (when the Service is Attachments)
//	POST /v1/cases/{id}/close       Closing: a privacy case complied, partly complied, denied or not a request
//	GET  /v1/reports/{YYYY-MM}      (when the Service is also a Reporter)
//	GET  /v1/backup                 the database, consistent (a DataKeeper)
//	GET  /v1/export?email=ADDRESS   every case about one requester (a DataKeeper)
//	POST /v1/letters                Letter: a letter entered as a case (a LetterDesk)
//	GET  /v1/cases/{id}/letter?n=N  Printable: the case's letter N, 0 = the one to post
//	POST /v1/cases/{id}/posted      {"posted": "DATE", Act}: the letter to post was posted
//
// A body must be Content-Type: application/json (415 otherwise). The
// actor of an action is the caller its listener vouches for (see
// Listeners), never one the body chooses. Errors are {"error": "..."}
// with 404 (ErrNotFound), 409 (ErrRefused), 400 (ErrInvalid) or 500.
func NewHandler(svc Service) http.Handler {
	h := &handler{svc: svc}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/cases", h.list)
	mux.HandleFunc("GET /v1/cases/{id}", h.get)
	mux.HandleFunc("POST /v1/cases/{id}/preview", h.preview)
	mux.HandleFunc("POST /v1/cases/{id}/approve", h.approve)
	mux.HandleFunc("POST /v1/cases/{id}/dismiss", h.act(svc.Dismiss))
	mux.HandleFunc("POST /v1/cases/{id}/done", h.act(svc.Done))
	mux.HandleFunc("POST /v1/cases/{id}/reopen", h.act(svc.Reopen))
	mux.HandleFunc("POST /v1/cases/{id}/reclassify", h.reclassify)
	mux.HandleFunc("GET /v1/search", h.search)
	mux.HandleFunc("GET /v1/cases/{id}/advice", h.advise)
	mux.HandleFunc("POST /v1/bulk", h.bulk)
	if a, ok := svc.(Attachments); ok {
		mux.HandleFunc("GET /v1/cases/{id}/messages/{n}/attachments/{part}", attachmentHandler(a))
	}
	mux.HandleFunc("POST /v1/cases/{id}/close", h.close)
	if k, ok := svc.(DataKeeper); ok {
		mux.HandleFunc("GET /v1/backup", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			k.Backup(w) // a failure cuts the stream short: the client checks the length
		})
		mux.HandleFunc("GET /v1/export", func(w http.ResponseWriter, req *http.Request) {
			email := req.URL.Query().Get("email")
			if !strings.Contains(email, "@") {
				reply(w, nil, fmt.Errorf("export: %w: give ?email=ADDRESS", ErrInvalid))
				return
			}
			cs, err := k.Export(email)
			if cs == nil {
				cs = []cases.Case{}
			}
			reply(w, cs, err)
		})
	}
	if desk, ok := svc.(LetterDesk); ok {
		h.letterRoutes(mux, desk)
	}
	if r, ok := svc.(Reporter); ok {
		mux.HandleFunc("GET /v1/reports/{month}", func(w http.ResponseWriter, req *http.Request) {
			m, err := time.Parse("2006-01", req.PathValue("month"))
			if err != nil {
				reply(w, nil, fmt.Errorf("month %q: %w: want YYYY-MM", req.PathValue("month"), ErrInvalid))
				return
			}
			rep, err := r.MonthReport(m.Year(), m.Month())
			reply(w, rep, err)
		})
	}
	return mux
}

type handler struct{ svc Service }

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.List(filterOf(r.URL.Query()))
	if list == nil {
		list = []Summary{}
	}
	reply(w, list, err)
}

func (h *handler) get(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Get(r.PathValue("id"))
	reply(w, c, err)
}

func (h *handler) preview(w http.ResponseWriter, r *http.Request) {
	var d Draft
	if !decode(w, r, &d) {
		return
	}
	p, err := h.svc.Preview(r.PathValue("id"), d)
	reply(w, p, err)
}

func (h *handler) approve(w http.ResponseWriter, r *http.Request) {
	var a Approval
	if !decodeAct(w, r, &a, &a.Act) {
		return
	}
	c, err := h.svc.Approve(r.PathValue("id"), a)
	reply(w, c, err)
}

func (h *handler) reclassify(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Kind cases.Kind `json:"kind"`
		Act
	}
	if !decodeAct(w, r, &body, &body.Act) {
		return
	}
	c, err := h.svc.Reclassify(r.PathValue("id"), body.Kind, body.Act)
	reply(w, c, err)
}

func (h *handler) close(w http.ResponseWriter, r *http.Request) {
	var cl Closing
	if !decodeAct(w, r, &cl, &cl.Act) {
		return
	}
	c, err := h.svc.Close(r.PathValue("id"), cl)
	reply(w, c, err)
}

func (h *handler) act(fn func(string, Act) (*cases.Case, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var a Act
		if !decodeAct(w, r, &a, &a) {
			return
		}
		c, err := fn(r.PathValue("id"), a)
		reply(w, c, err)
	}
}

// decode reads a JSON request body into v.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, map[string]string{"error": "a request body must be Content-Type: application/json"})
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad request body: " + err.Error()})
		return false
	}
	return true
}

// decodeAct reads a request body that holds act, and makes the caller
// its actor.
func decodeAct(w http.ResponseWriter, r *http.Request, v any, act *Act) bool {
	if !decode(w, r, v) {
		return false
	}
	actor, err := actorOf(r, act.Actor)
	if err != nil {
		reply(w, nil, err)
		return false
	}
	act.Actor = actor
	return true
}

func reply(w http.ResponseWriter, v any, err error) {
	if err != nil {
		writeJSON(w, statusOf(err), map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func statusOf(err error) int {
	switch {
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrRefused):
		return http.StatusConflict
	case errors.Is(err, ErrInvalid):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// errorOf rebuilds a Service error from an API error reply.
func errorOf(status int, msg string) error {
	msg = strings.TrimSpace(msg)
	switch status {
	case http.StatusNotFound:
		return &apiError{msg, ErrNotFound}
	case http.StatusConflict:
		return &apiError{msg, ErrRefused}
	case http.StatusBadRequest:
		return &apiError{msg, ErrInvalid}
	}
	return &apiError{msg, nil}
}

// apiError is an error the daemon reported, still matching the Service's
// sentinel errors.
type apiError struct {
	msg  string
	kind error
}

func (e *apiError) Error() string { return e.msg }
func (e *apiError) Unwrap() error { return e.kind }
