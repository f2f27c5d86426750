package control

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// filterOf reads a Filter from URL parameters.
func filterOf(q url.Values) Filter {
	return Filter{State: cases.State(q.Get("state")), Kind: cases.Kind(q.Get("kind")), Reason: cases.Reason(q.Get("reason")),
		Overdue: q.Get("overdue") == "1", Open: q.Get("open") == "1", ToPost: q.Get("to_post") == "1"}
}

func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Search(QueryOf(r.URL.Query()))
	if p.Rows == nil {
		p.Rows = []Summary{}
	}
	reply(w, p, err)
}

func (h *handler) advise(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Advise(r.PathValue("id"))
	reply(w, a, err)
}

func (h *handler) bulk(w http.ResponseWriter, r *http.Request) {
	var b Bulk
	if !decodeAct(w, r, &b, &b.Act) {
		return
	}
	res, err := h.svc.Bulk(b)
	if res == nil {
		res = []BulkResult{}
	}
	reply(w, res, err)
}

func attachmentHandler(a Attachments) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.PathValue("n"))
		if err != nil || n < 1 {
			reply(w, nil, fmt.Errorf("attachment: %w: the message is a number from 1", ErrInvalid))
			return
		}
		f, err := a.Attachment(r.PathValue("id"), n, r.PathValue("part"))
		reply(w, f, err)
	}
}
