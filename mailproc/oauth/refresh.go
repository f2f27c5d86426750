package oauth

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/mailproc/mailproc/mailproc/atomicfile"
)

// refreshGrant refreshes the access token from the refresh token in
// refresh_token_file (RFC 6749 § 6), read at each refresh so that a new
// `mailproc oauth login` takes effect without a restart. When the server
// rotates the refresh token, the new one replaces the file's at once.
func (s Settings) refreshGrant() (grantFunc, error) {
	conf, err := s.authCodeConfig()
	if err != nil {
		return nil, err
	}
	path := s.RefreshTokenFile
	return func(ctx context.Context, _ time.Time) (*oauth2.Token, error) {
		old, err := readSecretFile("refresh_token_file", path)
		if err != nil {
			return nil, fmt.Errorf("%w (run `mailproc oauth login`)", err)
		}
		tok, err := conf.TokenSource(ctx, &oauth2.Token{RefreshToken: old}).Token()
		if err != nil {
			return nil, err
		}
		if tok.RefreshToken != "" && tok.RefreshToken != old {
			if err := WriteRefreshToken(path, tok.RefreshToken); err != nil {
				return nil, fmt.Errorf("keep the rotated refresh token: %w", err)
			}
		}
		return tok, nil
	}, nil
}

// authCodeConfig is the x/oauth2 configuration of the authorization-code
// flow and its refreshes.
func (s Settings) authCodeConfig() (*oauth2.Config, error) {
	conf := &oauth2.Config{
		ClientID: s.ClientID,
		Endpoint: oauth2.Endpoint{AuthURL: s.authURL(), TokenURL: s.tokenURL(), AuthStyle: oauth2.AuthStyleInParams},
		Scopes:   s.scopes(true),
	}
	if s.ClientSecretFile != "" {
		secret, err := readSecretFile("client_secret_file", s.ClientSecretFile)
		if err != nil {
			return nil, err
		}
		conf.ClientSecret = secret
	}
	return conf, nil
}

// WriteRefreshToken replaces the file at path with token, mode 0600,
// atomically (a new file renamed over the old), so that a crash leaves
// the old token or the new one, never half of one.
func WriteRefreshToken(path, token string) error {
	if strings.ContainsAny(token, "\r\n") {
		return fmt.Errorf("refresh token file %s: the token holds a line break", path)
	}
	err := atomicfile.Write(path, 0o600, func(w io.Writer) error {
		_, err := io.WriteString(w, token+"\n")
		return err
	})
	if err != nil {
		return fmt.Errorf("refresh token file: %w", err)
	}
	return nil
}
