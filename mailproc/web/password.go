package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"

	"golang.org/x/crypto/bcrypt"

	"github.com/mailproc/mailproc/mailproc/config"
)

// PasswordCost is the bcrypt cost of the hashes HashPassword makes.
const PasswordCost = 12

// maxPasswordLen is what bcrypt can use; longer passwords are refused
// rather than silently cut.
const maxPasswordLen = 72

// HashPassword makes the bcrypt hash `mailproc passwd` prints (cost 12),
// for a [[web.users]] password_hash.
func HashPassword(password string) (string, error) {
	if password == "" {
		return "", errors.New("hash password: the password is empty")
	}
	if len(password) > maxPasswordLen {
		return "", fmt.Errorf("hash password: longer than %d bytes", maxPasswordLen)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), PasswordCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// staff holds who may sign in. Checking a name and password takes the
// same work whether or not the name is known.
type staff struct {
	users   []config.WebUser
	dummy   []byte                            // a hash to check against when the name is unknown
	compare func(hash, password []byte) error // bcrypt.CompareHashAndPassword
}

// newStaff checks the users' hashes and makes the stand-in hash at the
// highest cost among them, so unknown names cost as much as known ones.
func newStaff(users []config.WebUser) (*staff, error) {
	cost := bcrypt.MinCost
	for _, u := range users {
		if u.Name == "" {
			return nil, errors.New("web users: a user has no name")
		}
		c, err := bcrypt.Cost([]byte(u.PasswordHash))
		if err != nil {
			return nil, fmt.Errorf("web user %q: password_hash is not a bcrypt hash", u.Name)
		}
		cost = max(cost, c)
	}
	dummy, err := bcrypt.GenerateFromPassword([]byte("no such user"), cost)
	if err != nil {
		return nil, fmt.Errorf("web users: %w", err)
	}
	return &staff{users: users, dummy: dummy, compare: bcrypt.CompareHashAndPassword}, nil
}

// check returns the user's canonical name when name and password match.
func (s *staff) check(name, password string) (string, bool) {
	hash, found := s.dummy, 0
	canonical := ""
	for _, u := range s.users {
		if subtle.ConstantTimeCompare([]byte(u.Name), []byte(name)) == 1 {
			hash, found, canonical = []byte(u.PasswordHash), 1, u.Name
		}
	}
	ok := s.compare(hash, []byte(password)) == nil
	if found == 0 || !ok || len(password) > maxPasswordLen {
		return "", false
	}
	return canonical, true
}

// stamp returns a keyed fingerprint of the user's password hash, or ""
// for an unknown user: a session carries it, so changing the password
// ends the user's sessions.
func (s *staff) stamp(key []byte, name string) string {
	for _, u := range s.users {
		if u.Name == name {
			mac := hmac.New(sha256.New, key)
			mac.Write([]byte(u.Name + "\x00" + u.PasswordHash))
			return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:16])
		}
	}
	return ""
}
