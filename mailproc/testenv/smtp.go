package testenv

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// SMTP is an SMTP server a test sends to, and reads back what arrived from
// its own reply address.
type SMTP struct {
	Kind     string
	Host     string
	Port     int
	Security string
	CAFile   string
	// From is the test's own reply address: the daemon must send as it,
	// and only mail from it is counted.
	From string
	Sink *smtpsink.Sink // the in-process server (Memory and the OAuth2 kinds)
	// Username, Auth and Token sign in on the OAuth2 kinds, as From.
	Username string
	Auth     string
	Token    oauth.TokenSource
	api      string
	t        testing.TB
}

// NewSMTP gives the test an SMTP server of the kind.
func NewSMTP(t testing.TB, kind string) *SMTP {
	t.Helper()
	from := "privacy-" + unique(t) + "@cooper.example"
	if kind == Real {
		RequireReal(t)
		return &SMTP{Kind: Real, Host: "127.0.0.1", Port: 11025, Security: "starttls",
			CAFile: filepath.Join(ServersDir(), "cert.pem"), From: from, api: "http://127.0.0.1:18025", t: t}
	}
	if IsOAuth(kind) {
		return newOAuthSMTP(t, kind, from)
	}
	sink, err := smtpsink.Start(smtpsink.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	host, port, _ := strings.Cut(sink.Addr, ":")
	p, _ := strconv.Atoi(port)
	return &SMTP{Kind: Memory, Host: host, Port: p, Security: "none", From: from, Sink: sink, t: t}
}

// Messages returns what arrived from the test's reply address, oldest
// first.
func (s *SMTP) Messages() []smtpsink.Message {
	s.t.Helper()
	if s.Sink != nil {
		return s.Sink.Messages()
	}
	msgs, err := s.mailpit()
	if err != nil {
		s.t.Fatal(err)
	}
	return msgs
}

// WaitFor waits until at least n messages arrived, polling the real server
// until ctx ends.
func (s *SMTP) WaitFor(ctx context.Context, n int) ([]smtpsink.Message, error) {
	if s.Sink != nil {
		return s.Sink.WaitFor(ctx, n)
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		msgs, err := s.mailpit()
		if err == nil && len(msgs) >= n {
			return msgs, nil
		}
		select {
		case <-ctx.Done():
			return msgs, fmt.Errorf("%d of %d messages arrived: %w", len(msgs), n, ctx.Err())
		case <-tick.C:
		}
	}
}

type mailpitList struct {
	Messages []struct {
		ID      string
		Created time.Time
		To      []struct{ Address string }
	}
}

func (s *SMTP) mailpit() ([]smtpsink.Message, error) {
	q := url.Values{"query": {"from:" + s.From}, "limit": {"1000"}}
	var list mailpitList
	if err := s.get("/api/v1/search?"+q.Encode(), &list); err != nil {
		return nil, err
	}
	var out []smtpsink.Message
	for i := len(list.Messages) - 1; i >= 0; i-- { // mailpit lists the newest first
		m := list.Messages[i]
		raw, err := s.raw(m.ID)
		if err != nil {
			return nil, err
		}
		var to []string
		for _, a := range m.To {
			to = append(to, a.Address)
		}
		out = append(out, smtpsink.Message{From: s.From, To: to, Raw: raw, Received: m.Created})
	}
	return out, nil
}

func (s *SMTP) get(path string, v any) error {
	resp, err := http.Get(s.api + path)
	if err != nil {
		return fmt.Errorf("mailpit %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("mailpit %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func (s *SMTP) raw(id string) ([]byte, error) {
	resp, err := http.Get(s.api + "/api/v1/message/" + id + "/raw")
	if err != nil {
		return nil, fmt.Errorf("mailpit raw %s: %w", id, err)
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// newOAuthSMTP starts an in-process SMTP server that takes OAuth2 tokens
// only, checking each by introspection at Hydra as Dovecot does; the test
// signs in as its reply address.
func newOAuthSMTP(t testing.TB, kind, from string) *SMTP {
	t.Helper()
	id := NewIdentity(t, kind, from)
	sink, err := smtpsink.Start(smtpsink.Options{Username: from, AcceptToken: id.Hydra.AcceptsFor(from)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	host, port, _ := strings.Cut(sink.Addr, ":")
	p, _ := strconv.Atoi(port)
	return &SMTP{Kind: kind, Host: host, Port: p, Security: "none", From: from, Sink: sink, t: t,
		Username: from, Auth: id.Mechanism(), Token: id.Source(t)}
}
