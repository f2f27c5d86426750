package smtpout_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// A token endpoint that is down is a temporary failure (the reply waits
// and is sent later); one that refuses our client is a configuration
// error (sending pauses, as for a wrong password).
func TestTokenEndpointFailures(t *testing.T) {
	sink, _, _ := startTokenSink(t, smtpsink.TokenEquals("tok"), false)
	tests := []struct {
		name       string
		status     int
		body       string
		wantConfig bool
		wantStage  string
	}{
		{"endpoint down", 503, "down", false, smtpout.StageToken},
		{"client refused", 401, `{"error":"invalid_client","error_description":"client revoked"}`, true, smtpout.StageAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			}))
			defer as.Close()
			secret := filepath.Join(t.TempDir(), "secret")
			os.WriteFile(secret, []byte("s3cret"), 0o600)
			src, err := oauth.New(oauth.Settings{Provider: oauth.Generic, TokenURL: as.URL, ClientID: "c", ClientSecretFile: secret}, testUser)
			if err != nil {
				t.Fatal(err)
			}
			sender, _ := newSender(t, tokenConfig(t, sink, smtpout.SecurityNone, "", smtpout.AuthXOAuth2, src))
			err = sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("x"))
			e := asError(t, err)
			if errors.Is(err, smtpout.ErrConfig) != tt.wantConfig || e.Stage != tt.wantStage || e.Temporary() == tt.wantConfig {
				t.Errorf("Send = %v (stage %s, temporary %v), want ErrConfig %v at %s", err, e.Stage, e.Temporary(), tt.wantConfig, tt.wantStage)
			}
		})
	}
}
