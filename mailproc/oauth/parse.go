package oauth

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// parseOutput reads a token and its lifetime (0 when not given) from what a
// command printed or a file holds: either the token on the first line and
// optionally its lifetime in seconds on a second, or a JSON object with
// "access_token" and optionally "expires_in". No error shows the text.
func parseOutput(out []byte) (string, time.Duration, error) {
	text := strings.TrimSpace(string(out))
	if text == "" {
		return "", 0, errors.New("no token in it")
	}
	if strings.HasPrefix(text, "{") {
		return parseJSON(text)
	}
	return parseLines(text)
}

// parseLines reads "TOKEN" or "TOKEN\nSECONDS".
func parseLines(text string) (string, time.Duration, error) {
	lines := strings.Split(text, "\n")
	if len(lines) > 2 {
		return "", 0, fmt.Errorf("%d lines: want the token, and optionally its lifetime in seconds on a second line", len(lines))
	}
	token := strings.TrimSpace(lines[0])
	if err := checkToken(token); err != nil {
		return "", 0, err
	}
	if len(lines) == 1 {
		return token, 0, nil
	}
	life, err := parseSeconds(strings.TrimSpace(lines[1]))
	if err != nil {
		return "", 0, fmt.Errorf("second line: %w", err)
	}
	return token, life, nil
}

// tokenResponse is the part of an OAuth2 token response (RFC 6749 § 5.1)
// that matters here.
type tokenResponse struct {
	AccessToken string          `json:"access_token"`
	ExpiresIn   json.RawMessage `json:"expires_in"`
}

// parseJSON reads {"access_token": "...", "expires_in": 3599}; some
// endpoints send expires_in as a string of digits.
func parseJSON(text string) (string, time.Duration, error) {
	var resp tokenResponse
	if err := json.Unmarshal([]byte(text), &resp); err != nil {
		return "", 0, errors.New("not a JSON object with access_token and expires_in")
	}
	if err := checkToken(resp.AccessToken); err != nil {
		return "", 0, fmt.Errorf("access_token: %w", err)
	}
	if len(resp.ExpiresIn) == 0 || string(resp.ExpiresIn) == "null" {
		return resp.AccessToken, 0, nil
	}
	life, err := parseSeconds(strings.Trim(string(resp.ExpiresIn), `"`))
	if err != nil {
		return "", 0, fmt.Errorf("expires_in: %w", err)
	}
	return resp.AccessToken, life, nil
}

// parseSeconds reads a positive whole number of seconds.
func parseSeconds(s string) (time.Duration, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil || n <= 0 {
		return 0, errors.New("not a lifetime in seconds")
	}
	return time.Duration(n) * time.Second, nil
}
