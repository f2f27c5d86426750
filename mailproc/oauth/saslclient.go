package oauth

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// SASLClient is the client side of XOAUTH2 or OAUTHBEARER for one token.
// It satisfies go-sasl's Client, which go-imap's Authenticate takes.
//
// A server that refuses the token sends a JSON error as a challenge and
// waits for a reply (RFC 7628 § 3.2.3; Gmail does the same for XOAUTH2):
// Next answers it as the mechanism says and remembers the status, and the
// server's final answer then tells the failure.
type SASLClient struct {
	mech    string
	initial []byte
	refused bool
	status  string
}

// NewSASLClient returns the client side of mech (XOAuth2 or OAuthBearer)
// for user and token. The error never shows the token.
func NewSASLClient(mech, user, token string) (*SASLClient, error) {
	if err := checkToken(token); err != nil {
		return nil, err
	}
	if strings.ContainsAny(user, "\x00\x01\r\n") {
		return nil, errors.New("the user name holds a control character")
	}
	var initial string
	switch mech {
	case XOAuth2:
		initial = "user=" + user + "\x01auth=Bearer " + token + "\x01\x01"
	case OAuthBearer:
		initial = "n,a=" + saslName(user) + ",\x01auth=Bearer " + token + "\x01\x01"
	default:
		return nil, fmt.Errorf("sasl mechanism %q: want %s or %s", mech, XOAuth2, OAuthBearer)
	}
	return &SASLClient{mech: mech, initial: []byte(initial)}, nil
}

// saslName escapes a GS2 authorization identity (RFC 5801 § 4).
func saslName(user string) string {
	return strings.NewReplacer("=", "=3D", ",", "=2C").Replace(user)
}

// Start returns the mechanism and the initial response, which holds the token.
func (c *SASLClient) Start() (string, []byte, error) {
	return c.mech, c.initial, nil
}

// Next answers the server's error challenge: an empty reply for XOAUTH2,
// %x01 for OAUTHBEARER. A second challenge is an error.
func (c *SASLClient) Next(challenge []byte) ([]byte, error) {
	if c.refused {
		return nil, fmt.Errorf("%s: unexpected second challenge from the server", c.mech)
	}
	c.refused, c.status = true, challengeStatus(challenge)
	if c.mech == OAuthBearer {
		return []byte{0x01}, nil
	}
	return []byte{}, nil
}

// Refused reports whether the server sent an error challenge, and the
// status in it ("invalid_token", "400", or "" when it had none).
func (c *SASLClient) Refused() (status string, refused bool) {
	return c.status, c.refused
}

// challengeStatus is the "status" of a JSON error challenge, made safe to
// print.
func challengeStatus(challenge []byte) string {
	var e struct {
		Status string `json:"status"`
	}
	if json.Unmarshal(challenge, &e) != nil {
		return ""
	}
	status := strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return -1
		}
		return r
	}, e.Status)
	return status[:min(len(status), 40)]
}
