package oauth

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/oauth2"
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
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("refresh token file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("refresh token file: %w", err)
	}
	_, err = tmp.WriteString(token + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("refresh token file %s: %w", path, err)
	}
	return nil
}
