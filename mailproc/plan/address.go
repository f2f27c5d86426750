package plan

import (
	"net/mail"
	"strings"
)

// addressOf returns the address in a From field as written ("Ada <a@x>").
func addressOf(from string) string {
	if a, err := mail.ParseAddress(from); err == nil {
		return strings.ToLower(a.Address)
	}
	return ""
}

// nameOf returns the display name in a From field.
func nameOf(from string) string {
	if a, err := mail.ParseAddress(from); err == nil {
		return a.Name
	}
	return ""
}
