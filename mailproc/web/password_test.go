package web

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/mailproc/mailproc/mailproc/config"
)

func TestHashPasswordRoundTrip(t *testing.T) {
	t.Parallel() // cost 12 is slow on purpose, slower still with -race
	const pw = "a long and winding passphrase ✓"
	h, err := HashPassword(pw)
	if err != nil {
		t.Fatalf("HashPassword: %v", err)
	}
	if err := bcrypt.CompareHashAndPassword([]byte(h), []byte(pw)); err != nil {
		t.Errorf("bcrypt does not accept the password against its hash: %v", err)
	}
	if cost, err := bcrypt.Cost([]byte(h)); err != nil || cost != PasswordCost {
		t.Errorf("bcrypt.Cost(hash) = %d, %v, want %d", cost, err, PasswordCost)
	}
}

func TestHashPasswordRefuses(t *testing.T) {
	for _, pw := range []string{"", strings.Repeat("x", 73)} {
		if _, err := HashPassword(pw); err == nil {
			t.Errorf("HashPassword(%d bytes) = nil error, want one", len(pw))
		} else if pw != "" && strings.Contains(err.Error(), pw) {
			t.Errorf("the error repeats the password: %v", err)
		}
	}
}

func TestNewRefusesBadOptions(t *testing.T) {
	good := testUsers(t)
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"short key", Options{Users: good, SessionKey: []byte("short")}, "at least 32"},
		{"not a hash", Options{Users: []config.WebUser{{Name: "eve", PasswordHash: "secret"}}}, `"eve"`},
		{"no name", Options{Users: []config.WebUser{{PasswordHash: good[0].PasswordHash}}}, "no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(newFakeService(nil), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New = %v, want an error saying %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the configured value: %v", err)
			}
		})
	}
	if _, err := New(nil, Options{}); err == nil {
		t.Errorf("New(nil service) = nil error, want one")
	}
	if _, err := New(newFakeService(nil), Options{Users: good}); err != nil {
		t.Errorf("New with no key = %v, want a random key", err)
	}
}
