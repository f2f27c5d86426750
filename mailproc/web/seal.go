package web

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// minKeyLen is the shortest session key New accepts.
const minKeyLen = 32

// errBadSeal is returned for a cookie value that was not made by this key.
var errBadSeal = errors.New("cookie not sealed by this console")

// sealer encrypts and authenticates cookie values (AES-256-GCM). The
// cookie's name is the additional data, so a value sealed for one cookie
// does not open as another.
type sealer struct {
	aead cipher.AEAD
}

// newSealer derives the cookie key from the session key.
func newSealer(sessionKey []byte) (*sealer, error) {
	if len(sessionKey) < minKeyLen {
		return nil, fmt.Errorf("session key: %d bytes, want at least %d", len(sessionKey), minKeyLen)
	}
	mac := hmac.New(sha256.New, sessionKey)
	mac.Write([]byte("mailproc web cookie v1"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, fmt.Errorf("session cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("session cipher: %w", err)
	}
	return &sealer{aead: aead}, nil
}

// seal encodes v as JSON, encrypts it and returns it as cookie-safe text.
func (s *sealer) seal(name string, v any) (string, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("seal %s: %w", name, err)
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal %s: %w", name, err)
	}
	sealed := s.aead.Seal(nonce, nonce, plain, []byte(name))
	return base64.RawURLEncoding.EncodeToString(sealed), nil
}

// open reverses seal into v.
func (s *sealer) open(name, value string, v any) error {
	raw, err := base64.RawURLEncoding.DecodeString(value)
	if err != nil || len(raw) < s.aead.NonceSize() {
		return errBadSeal
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(name))
	if err != nil {
		return errBadSeal
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return errBadSeal
	}
	return nil
}

// randomToken returns 32 random bytes as URL-safe text.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
