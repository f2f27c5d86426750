package oauth

import (
	"errors"
	"strings"
	"testing"
)

var errRefused = errors.New("refused")

// exchange runs a SASL exchange between client and server in memory, as a
// protocol with initial responses would, and returns the server's verdict.
func exchange(t *testing.T, client *SASLClient, server *SASLServer) error {
	t.Helper()
	_, resp, _ := client.Start()
	for range 3 {
		challenge, done, err := server.Next(resp)
		if done || err != nil {
			return err
		}
		if resp, err = client.Next(challenge); err != nil {
			t.Fatalf("client Next: %v", err)
		}
	}
	t.Fatal("exchange did not end after three rounds")
	return nil
}

func TestSASLExchange(t *testing.T) {
	const rightUser, rightToken = "privacy,team=1@example.test", "tok-right"
	tests := []struct {
		name, user, token string
		wantErr           error
		wantStatus        string
	}{
		{"right token", rightUser, rightToken, nil, ""},
		{"wrong token", rightUser, "tok-wrong", errRefused, "invalid_token"},
		{"wrong user", "other@example.test", rightToken, errRefused, "invalid_token"},
	}
	for _, mech := range []string{XOAuth2, OAuthBearer} {
		for _, tt := range tests {
			t.Run(mech+"/"+tt.name, func(t *testing.T) {
				client, err := NewSASLClient(mech, tt.user, tt.token)
				if err != nil {
					t.Fatalf("NewSASLClient: %v", err)
				}
				server := NewSASLServer(mech, func(user, token string) error {
					if user != rightUser || token != rightToken {
						return errRefused
					}
					return nil
				})
				if err := exchange(t, client, server); err != tt.wantErr {
					t.Errorf("exchange(%q, %q) = %v, want %v", tt.user, tt.token, err, tt.wantErr)
				}
				status, refused := client.Refused()
				if status != tt.wantStatus || refused != (tt.wantErr != nil) {
					t.Errorf("Refused() = %q, %v, want %q, %v", status, refused, tt.wantStatus, tt.wantErr != nil)
				}
			})
		}
	}
}

func TestSASLInitialResponses(t *testing.T) {
	tests := []struct{ mech, want string }{
		{XOAuth2, "user=a,b@example.test\x01auth=Bearer tok\x01\x01"},
		{OAuthBearer, "n,a=a=2Cb@example.test,\x01auth=Bearer tok\x01\x01"},
	}
	for _, tt := range tests {
		client, err := NewSASLClient(tt.mech, "a,b@example.test", "tok")
		if err != nil {
			t.Fatalf("NewSASLClient(%s): %v", tt.mech, err)
		}
		mech, ir, err := client.Start()
		if mech != tt.mech || string(ir) != tt.want || err != nil {
			t.Errorf("Start() = %q, %q, %v, want %q, %q, nil", mech, ir, err, tt.mech, tt.want)
		}
	}
}

func TestNewSASLClientErrorsHideTheToken(t *testing.T) {
	tests := []struct {
		name, mech, user, token, want string
	}{
		{"space in token", XOAuth2, "u", "SECRET tok", "space"},
		{"control in user", OAuthBearer, "u\x01", "SECRET-tok", "user name"},
		{"unknown mechanism", "PLAIN", "u", "SECRET-tok", "want XOAUTH2 or OAUTHBEARER"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewSASLClient(tt.mech, tt.user, tt.token)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "SECRET") {
				t.Errorf("NewSASLClient(%s, %q, token) = %v, want an error saying %q without the token", tt.mech, tt.user, err, tt.want)
			}
		})
	}
}

func TestSASLServerMalformed(t *testing.T) {
	tests := []struct{ mech, resp string }{
		{XOAuth2, "auth=Bearer tok\x01\x01"},
		{XOAuth2, "user=u\x01\x01"},
		{OAuthBearer, "y,a=u,\x01auth=Bearer tok\x01\x01"},
		{OAuthBearer, "n,a=u,\x01\x01"},
		{"PLAIN", "\x00u\x00p"},
	}
	for _, tt := range tests {
		server := NewSASLServer(tt.mech, func(string, string) error { return nil })
		if _, done, err := server.Next([]byte(tt.resp)); !done || !errors.Is(err, ErrMalformed) {
			t.Errorf("%s Next(%q) = done %v, %v, want done, ErrMalformed", tt.mech, tt.resp, done, err)
		}
	}
}
