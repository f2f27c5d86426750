package oauth

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/oauth2/google"
)

// New returns the token source s describes, for the mailbox user (the
// default subject of a Google service account). It reads the secret
// files now, so that a missing or unreadable one is found at start; the
// refresh token file is read at each refresh. Errors name the key and the
// file, never a secret.
func New(s Settings, user string) (*Grant, error) {
	if p := s.Problems("[oauth2]"); len(p) > 0 {
		return nil, errors.New(strings.Join(p, "; "))
	}
	grant, err := s.grant(user)
	if err != nil {
		return nil, err
	}
	return newGrant(s.Provider, s.tokenURL(), grant, s.Logger), nil
}

// grant chooses the grant: a refresh token when refresh_token_file is
// set, else the app-only grant of the provider.
func (s Settings) grant(user string) (grantFunc, error) {
	switch {
	case s.RefreshTokenFile != "":
		return s.refreshGrant()
	case s.Provider == Google:
		return s.serviceAccountGrant(user)
	}
	return s.clientCredentialsGrant()
}

// clientCredentialsGrant is the client-credentials grant (RFC 6749 § 4.4),
// authenticated by the client secret, or by a client assertion signed with
// the certificate's key (RFC 7523 § 2.2), made afresh for each request.
func (s Settings) clientCredentialsGrant() (grantFunc, error) {
	conf := clientcredentials.Config{ClientID: s.ClientID, TokenURL: s.tokenURL(), Scopes: s.scopes(false)}
	if s.ClientSecretFile != "" {
		secret, err := readSecretFile("client_secret_file", s.ClientSecretFile)
		if err != nil {
			return nil, err
		}
		conf.ClientSecret = secret
		conf.AuthStyle = oauth2.AuthStyleInParams
		return func(ctx context.Context, _ time.Time) (*oauth2.Token, error) { return conf.Token(ctx) }, nil
	}
	signer, err := loadAssertionSigner(s.CertificateFile, s.PrivateKeyFile)
	if err != nil {
		return nil, err
	}
	conf.AuthStyle = oauth2.AuthStyleInParams
	return func(ctx context.Context, now time.Time) (*oauth2.Token, error) {
		assertion, err := signer.sign(s.ClientID, conf.TokenURL, now)
		if err != nil {
			return nil, err
		}
		c := conf
		c.EndpointParams = url.Values{
			"client_assertion_type": {clientAssertionType},
			"client_assertion":      {assertion},
		}
		return c.Token(ctx)
	}, nil
}

// serviceAccountGrant is a Google service account's JWT-bearer grant
// (RFC 7523 § 2.1) for the mailbox it acts for (domain-wide delegation).
func (s Settings) serviceAccountGrant(user string) (grantFunc, error) {
	key, err := readSecretFile("service_account_file", s.ServiceAccountFile)
	if err != nil {
		return nil, err
	}
	conf, err := google.JWTConfigFromJSON([]byte(key), s.scopes(false)...)
	if err != nil {
		return nil, fmt.Errorf("[oauth2] service_account_file %s: %w", s.ServiceAccountFile, err)
	}
	conf.Subject = user
	if s.Subject != "" {
		conf.Subject = s.Subject
	}
	if s.TokenURL != "" {
		conf.TokenURL = s.TokenURL
	}
	if conf.TokenURL == "" {
		conf.TokenURL = googleTokenURL
	}
	return func(ctx context.Context, _ time.Time) (*oauth2.Token, error) {
		return conf.TokenSource(ctx).Token()
	}, nil
}

// readSecretFile reads a secret from path, without its final line end.
// The error names key and path, never what is in the file.
func readSecretFile(key, path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("[oauth2] %s: %w", key, err)
	}
	secret := strings.TrimRight(string(b), "\r\n")
	if secret == "" {
		return "", fmt.Errorf("[oauth2] %s %s: empty", key, path)
	}
	return secret, nil
}
