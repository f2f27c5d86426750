package mailbox

import (
	"context"
	"errors"
	"fmt"

	"github.com/emersion/go-imap/v2"

	"github.com/mailproc/mailproc/mailproc/oauth"
)

// oauthLogin signs in with AUTHENTICATE mech (XOAUTH2 or OAUTHBEARER; go-imap
// sends the token with the command where the server has SASL-IR) and a
// token from cfg.Token. A token the server refuses is invalidated, so that
// the next Dial fetches a new one; when the source has a different token at
// once, that one is tried on this connection before giving up. Tokens are in
// no error or log line.
func (c *Client) oauthLogin(ctx context.Context, mech string) error {
	if !c.imap.Caps().Has(imap.AuthCap(mech)) {
		return fmt.Errorf("log in as %q: the server does not offer AUTH=%s", c.cfg.Username, mech)
	}
	token, err := c.cfg.Token.Token(ctx)
	if err != nil {
		return fmt.Errorf("log in as %q with %s: get token: %w", c.cfg.Username, mech, err)
	}
	err = c.authenticate(mech, token)
	if !errors.Is(err, ErrAuthFailed) {
		return err
	}
	c.cfg.Token.Invalidate()
	fresh, ferr := c.cfg.Token.Token(ctx)
	switch {
	case ferr != nil:
		return fmt.Errorf("%w (and no new token: %v)", err, ferr)
	case fresh == token:
		return err
	}
	c.log.Info("imap token refused; trying a new one", "auth", mech)
	err = c.authenticate(mech, fresh)
	if errors.Is(err, ErrAuthFailed) {
		c.cfg.Token.Invalidate()
	}
	return err
}

// authenticate runs one AUTHENTICATE mech with token. A refusal wraps
// ErrAuthFailed: the server's NO, or any failure after it sent the error
// challenge that refuses a token.
func (c *Client) authenticate(mech, token string) error {
	client, err := oauth.NewSASLClient(mech, c.cfg.Username, token)
	if err != nil {
		return fmt.Errorf("log in as %q with %s: %w", c.cfg.Username, mech, err)
	}
	err = c.imap.Authenticate(client)
	if err == nil {
		return nil
	}
	if status, refused := client.Refused(); refused {
		return fmt.Errorf("log in as %q with %s: %w: the server refused the token (status %q): %w",
			c.cfg.Username, mech, ErrAuthFailed, status, err)
	}
	return fmt.Errorf("log in as %q with %s: %w", c.cfg.Username, mech, loginError(err))
}
