package smtpout_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/smtpout"
)

// fakeProvider plays the OAuth2 provider on a fake clock: a token is valid
// for tokenLife from the first time the server sees it (the source fetches
// it just before), and refused after.
type fakeProvider struct {
	mu      sync.Mutex
	now     time.Time
	issued  map[string]time.Time
	expired []string // tokens offered after their expiry
}

const tokenLife = time.Hour

// Now is the fake time.
func (p *fakeProvider) Now() time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.now
}

// advance moves the fake time on.
func (p *fakeProvider) advance(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.now = p.now.Add(d)
}

// valid is the sink's check.
func (p *fakeProvider) valid(token string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	issued, ok := p.issued[token]
	if !ok {
		p.issued[token], issued = p.now, p.now
	}
	if !p.now.Before(issued.Add(tokenLife)) {
		p.expired = append(p.expired, token)
		return false
	}
	return true
}

// Over hours of sending, the token is fetched again before it expires:
// the server never sees an expired one, and the command runs about once an
// hour, not once a send.
func TestSendRefreshesTokenBeforeExpiry(t *testing.T) {
	provider := &fakeProvider{now: time.Date(2025, 12, 31, 22, 0, 0, 0, time.UTC), issued: map[string]time.Time{}}
	sink, checker, _ := startTokenSink(t, provider.valid, false)
	src := countingToken(t, "\\n3600").WithClock(provider.Now)
	sender, _ := newSender(t, tokenConfig(t, sink, smtpout.SecurityNone, "", smtpout.AuthXOAuth2, src))
	for step := range 20 { // every 10 minutes for 200 minutes
		if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("long")); err != nil {
			t.Fatalf("Send at minute %d = %v, want nil", step*10, err)
		}
		_ = sender.Close() // the next send signs in again
		provider.advance(10 * time.Minute)
	}
	if len(provider.expired) != 0 {
		t.Errorf("sink was offered expired tokens %q", provider.expired)
	}
	if got := len(provider.issued); got != 4 {
		t.Errorf("%d tokens were used (%s), want 4: one an hour", got, checker.seen())
	}
}
