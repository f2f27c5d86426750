package smtpout_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/smtpout"
)

// mailpitChaos is the body of mailpit's PUT /api/v1/chaos.
type mailpitChaos map[string]struct{ ErrorCode, Probability int }

// setChaos sets mailpit's failure triggers; it reports false when mailpit
// was started without --enable-chaos.
func setChaos(t *testing.T, api string, chaos mailpitChaos) bool {
	t.Helper()
	body, err := json.Marshal(chaos)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPut, strings.TrimRight(api, "/")+"/api/v1/chaos", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("mailpit chaos API: %v", err)
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// TestRealServerRefusals makes mailpit refuse at MAIL, RCPT and AUTH, with
// its chaos triggers, and checks how each refusal is classified. It needs
// a mailpit of its own started with --enable-chaos (chaos is global to a
// mailpit, so no other test may share it): MAILPROC_TEST_SMTP_CHAOS
// ("host:port,security,cafile") and MAILPROC_TEST_MAILPIT_CHAOS_API.
func TestRealServerRefusals(t *testing.T) {
	cfg := realServerConfigFrom(t, "MAILPROC_TEST_SMTP_CHAOS")
	api := os.Getenv("MAILPROC_TEST_MAILPIT_CHAOS_API")
	if api == "" || !setChaos(t, api, mailpitChaos{}) {
		t.Skip("needs MAILPROC_TEST_MAILPIT_CHAOS_API and a mailpit of its own with --enable-chaos")
	}
	t.Cleanup(func() { setChaos(t, api, mailpitChaos{}) })
	tests := []struct {
		trigger    string
		code       int
		want       string
		wantStage  string
		wantConfig bool
	}{
		{trigger: "Sender", code: 451, want: "temporary", wantStage: smtpout.StageMail},
		{trigger: "Recipient", code: 550, want: "permanent", wantStage: smtpout.StageRcpt},
		{trigger: "Recipient", code: 452, want: "temporary", wantStage: smtpout.StageRcpt},
		{trigger: "Authentication", code: 535, want: "permanent", wantStage: smtpout.StageAuth, wantConfig: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.trigger, tt.code), func(t *testing.T) {
			if tt.trigger == "Authentication" && cfg.Username == "" {
				t.Skip("needs MAILPROC_TEST_SMTP_USERNAME")
			}
			setChaos(t, api, mailpitChaos{tt.trigger: {ErrorCode: tt.code, Probability: 100}})
			sender, _ := newSender(t, cfg)
			err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("chaos"))
			if got := outcome(t, err); got != tt.want {
				t.Fatalf("Send = %v (%s), want %s", err, got, tt.want)
			}
			checkFailure(t, err, tt.wantStage, tt.code)
			if got := errors.Is(err, smtpout.ErrConfig); got != tt.wantConfig {
				t.Errorf("errors.Is(%v, ErrConfig) = %v, want %v", err, got, tt.wantConfig)
			}
		})
	}
}
