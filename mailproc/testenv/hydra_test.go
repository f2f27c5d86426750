package testenv

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestHydraRetriesConcurrentUpdate: a write Hydra refuses because another
// met it (as when test packages register clients at once) is sent again;
// any other refusal is an error at once.
func TestHydraRetriesConcurrentUpdate(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n := calls.Add(1); {
		case r.URL.Path == "/bad":
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"error":"invalid"}`))
		case n < 3:
			w.WriteHeader(http.StatusBadRequest)
			w.Write([]byte(`{"error":"Unable to serialize access due to a concurrent update in another session"}`))
		default:
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"client_id":"x"}`))
		}
	}))
	defer srv.Close()
	h := &Hydra{Admin: srv.URL}
	var out Client
	if err := h.Do("POST", "/admin/clients", Client{ID: "x"}, &out, http.StatusCreated); err != nil {
		t.Fatalf("Do after two concurrent-update refusals: %v", err)
	}
	if out.ID != "x" || calls.Load() != 3 {
		t.Errorf("client %q after %d calls, want x after 3", out.ID, calls.Load())
	}
	calls.Store(0)
	if err := h.Do("POST", "/bad", nil, nil, http.StatusCreated); err == nil || calls.Load() != 1 {
		t.Errorf("a plain refusal: err %v after %d calls, want an error after 1", err, calls.Load())
	}
}
