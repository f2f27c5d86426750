package oauth

import (
	"strings"
	"testing"
	"time"
)

func TestParseOutput(t *testing.T) {
	tests := []struct {
		name      string
		out       string
		wantToken string
		wantLife  time.Duration
	}{
		{"token alone", "ya29.a0AfB_by-x~y+z/w=\n", "ya29.a0AfB_by-x~y+z/w=", 0},
		{"token and lifetime", "tok-1\n3599\n", "tok-1", 3599 * time.Second},
		{"CRLF and blanks", "  tok-1 \r\n 60 \r\n\r\n", "tok-1", time.Minute},
		{"JSON", `{"access_token":"tok-j","expires_in":3599,"token_type":"Bearer"}`, "tok-j", 3599 * time.Second},
		{"JSON expires_in as string", `{"access_token":"tok-j","expires_in":"4000"}`, "tok-j", 4000 * time.Second},
		{"JSON without expires_in", "{\"access_token\":\"tok-j\"}\n", "tok-j", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token, life, err := parseOutput([]byte(tt.out))
			if err != nil || token != tt.wantToken || life != tt.wantLife {
				t.Errorf("parseOutput(%q) = %q, %v, %v, want %q, %v, nil", tt.out, token, life, err, tt.wantToken, tt.wantLife)
			}
		})
	}
}

func TestParseOutputErrorsHideTheToken(t *testing.T) {
	const secret = "SECRET-tok"
	tests := []struct {
		name, out, want string
	}{
		{"empty", " \n", "no token"},
		{"three lines", secret + "\n60\nextra", "3 lines"},
		{"bad lifetime", secret + "\nsoon", "second line: not a lifetime"},
		{"negative lifetime", secret + "\n-5", "not a lifetime"},
		{"space in token", secret + " x", "space"},
		{"bad JSON", `{"access_token":"` + secret + `",}`, "not a JSON object"},
		{"JSON without token", `{"token":"` + secret + `"}`, "access_token: empty token"},
		{"JSON bad expires_in", `{"access_token":"` + secret + `","expires_in":"` + secret + `"}`, "expires_in: not a lifetime"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parseOutput([]byte(tt.out))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("parseOutput(%q) error = %v, want one saying %q", tt.out, err, tt.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("parseOutput(%q) error = %q, shows the token", tt.out, err)
			}
		})
	}
}
