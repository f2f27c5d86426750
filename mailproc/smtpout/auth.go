package smtpout

import (
	"strings"

	"github.com/wneessen/go-mail/smtp"
)

// pickAuth chooses PLAIN, else LOGIN, from the mechanisms the server
// advertises; nil when it offers neither. Plain-text authentication is
// allowed only where validate allowed it: security none on loopback.
func pickAuth(advertised string, cfg Config) smtp.Auth {
	plainText := cfg.Security == SecurityNone && isLoopback(cfg.Host)
	for _, mech := range strings.Fields(strings.ToUpper(advertised)) {
		if mech == "PLAIN" {
			return smtp.PlainAuth("", cfg.Username, cfg.Password, cfg.Host, plainText)
		}
	}
	for _, mech := range strings.Fields(strings.ToUpper(advertised)) {
		if mech == "LOGIN" {
			return smtp.LoginAuth(cfg.Username, cfg.Password, cfg.Host, plainText)
		}
	}
	return nil
}
