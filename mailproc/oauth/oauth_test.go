package oauth

import "testing"

func TestMechanism(t *testing.T) {
	tests := []struct {
		auth, want string
		ok         bool
	}{
		{"xoauth2", XOAuth2, true}, {"OAuthBearer", OAuthBearer, true}, {"password", "", false}, {"", "", false},
	}
	for _, tt := range tests {
		if got, ok := Mechanism(tt.auth); got != tt.want || ok != tt.ok {
			t.Errorf("Mechanism(%q) = %q, %v, want %q, %v", tt.auth, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSource(t *testing.T) {
	if src, ok := Source("/run/token", "").(*File); !ok || src.path != "/run/token" {
		t.Errorf("Source(file, \"\") = %#v, want a *File for it", src)
	}
	if src, ok := Source("", "print-token").(*Command); !ok || src.command != "print-token" || src.timeout != DefaultCommandTimeout {
		t.Errorf("Source(\"\", command) = %#v, want a *Command for it", src)
	}
	if src := Source("", ""); src != nil {
		t.Errorf("Source(\"\", \"\") = %#v, want nil", src)
	}
}
