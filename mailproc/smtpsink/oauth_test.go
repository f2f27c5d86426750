package smtpsink_test

import (
	"testing"

	"github.com/emersion/go-sasl"

	"github.com/mailproc/mailproc/mailproc/oauth"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

func TestSinkTokenAuth(t *testing.T) {
	tests := []struct {
		name     string
		client   func(mech string) (sasl.Client, error)
		wantCode int
	}{
		{name: "right token", client: func(mech string) (sasl.Client, error) { return oauth.NewSASLClient(mech, "user", "tok-right") }},
		{name: "wrong token", wantCode: 535,
			client: func(mech string) (sasl.Client, error) { return oauth.NewSASLClient(mech, "user", "tok-wrong") }},
		{name: "wrong user", wantCode: 535,
			client: func(mech string) (sasl.Client, error) { return oauth.NewSASLClient(mech, "other", "tok-right") }},
		{name: "PLAIN not offered", wantCode: 504,
			client: func(string) (sasl.Client, error) { return sasl.NewPlainClient("", "user", "secret"), nil }},
		{name: "no auth", wantCode: 530},
	}
	for _, mech := range []string{oauth.XOAuth2, oauth.OAuthBearer} {
		for _, tt := range tests {
			t.Run(mech+"/"+tt.name, func(t *testing.T) {
				sink := start(t, smtpsink.Options{Username: "user", Password: "secret", AcceptToken: smtpsink.TokenEquals("tok-right")})
				c := dial(t, sink.Addr)
				var err error
				if tt.client != nil {
					client, cerr := tt.client(mech)
					if cerr != nil {
						t.Fatal(cerr)
					}
					err = c.Auth(client)
				}
				if err == nil {
					err = send(c, "me@example.test", []string{"a@example.test"})
				}
				if got := replyCode(err); got != tt.wantCode {
					t.Errorf("auth and send = %v (code %d), want code %d", err, got, tt.wantCode)
				}
			})
		}
	}
}

func TestSinkOffersTokenMechanisms(t *testing.T) {
	sink := start(t, smtpsink.Options{Username: "user", AcceptToken: smtpsink.TokenEquals("tok")})
	c := dial(t, sink.Addr)
	if err := c.Hello("test"); err != nil {
		t.Fatal(err)
	}
	if ok, mechs := c.Extension("AUTH"); !ok || mechs != "XOAUTH2 OAUTHBEARER" {
		t.Errorf(`Extension("AUTH") = %v, %q, want true, "XOAUTH2 OAUTHBEARER"`, ok, mechs)
	}
}
