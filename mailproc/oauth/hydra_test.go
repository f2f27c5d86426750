package oauth_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// certificateClient registers at Hydra a client that authenticates with
// a certificate's key (private_key_jwt, as Microsoft's certificate
// credentials), and returns the [oauth2] settings for it.
func certificateClient(t *testing.T, h *testenv.Hydra) oauth.Settings {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "mailproc"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}), 0o600)
	thumb, err := oauth.Thumbprint(certFile)
	if err != nil {
		t.Fatal(err)
	}
	id := "cert-" + strings.ToLower(thumb[:8]) + "@example.test"
	jwk := map[string]string{"kty": "RSA", "kid": thumb, "use": "sig", "alg": "RS256",
		"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes())}
	h.CreateClient(t, testenv.Client{ID: id, GrantTypes: []string{"client_credentials"}, Scope: "https://outlook.office365.com/.default",
		TokenEndpointAuthMethod: "private_key_jwt", JWKS: map[string]any{"keys": []any{jwk}}})
	return oauth.Settings{Provider: oauth.Microsoft, Tenant: "mailproc-test", ClientID: id, TokenURL: h.TokenURL(),
		CertificateFile: certFile, PrivateKeyFile: keyFile}
}

// The certificate credential against Hydra, with this machine's clock
// off by as much as a badly kept server's: a few minutes either way are
// taken (the assertion is backdated); more is refused with an error that
// says how far the clock is off. A token is fetched with the clock two
// hours off too, and lives as long as the server said: its lifetime is
// counted from expires_in, not from the server's clock.
func TestClockSkewAgainstHydra(t *testing.T) {
	h := testenv.NewHydra(t)
	s := certificateClient(t, h)
	tests := []struct {
		skew     time.Duration
		wantErr  string
		wantLive bool
	}{
		{0, "", true},
		{3 * time.Minute, "", true},
		{-3 * time.Minute, "", true},
		{10 * time.Minute, "clock is 10m0s ahead of the token server's", false},
		{-20 * time.Minute, "clock is 20m0s behind the token server's", false},
	}
	for _, tt := range tests {
		t.Run(tt.skew.String(), func(t *testing.T) {
			g, err := oauth.New(s, s.ClientID)
			if err != nil {
				t.Fatal(err)
			}
			g.WithClock(func() time.Time { return time.Now().Add(tt.skew) })
			tok, err := g.Token(t.Context())
			if tt.wantErr != "" {
				// Hydra answers an assertion outside its time window with
				// a 500 (Microsoft: 400 invalid_client, AADSTS700024).
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("Token() with the clock %s off = %v, want an error saying %q", tt.skew, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Token() with the clock %s off: %v", tt.skew, err)
			}
			sub, active, err := h.Introspect(tok)
			if err != nil || !active || sub != s.ClientID {
				t.Errorf("Hydra says of the token: sub %q, active %v, %v; want %q, active", sub, active, err, s.ClientID)
			}
		})
	}
}

// A client-secret token fetched with the clock two hours off is taken by
// the server, and replaced on the server's expires_in as counted on this
// machine's clock, not on either clock's date.
func TestSecretGrantIgnoresClockSkew(t *testing.T) {
	id := testenv.NewIdentity(t, testenv.OAuthClientCredentials, "skew-"+time.Now().Format("150405.000")+"@example.test")
	id.Hydra.SetLifespan(t, id.ClientID, 20*time.Second)
	for _, skew := range []time.Duration{2 * time.Hour, -2 * time.Hour} {
		g, err := oauth.New(id.Settings, id.User)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().Add(skew)
		g.WithClock(func() time.Time { return now })
		first, err := g.Token(t.Context())
		if err != nil {
			t.Fatalf("Token() with the clock %s off: %v", skew, err)
		}
		if sub, active, _ := id.Hydra.Introspect(first); !active || sub != id.User {
			t.Errorf("clock %s off: Hydra says the token is for %q, active %v", skew, sub, active)
		}
		now = now.Add(17 * time.Second) // before the refresh margin (2 s of 20)
		if again, _ := g.Token(t.Context()); again != first {
			t.Errorf("clock %s off: token replaced after 17 s of 20", skew)
		}
		now = now.Add(2 * time.Second)
		if again, _ := g.Token(t.Context()); again == first {
			t.Errorf("clock %s off: token kept after 19 s of 20", skew)
		}
	}
}
