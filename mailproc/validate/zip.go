package validate

import (
	"regexp"
	"strconv"
)

var zipPattern = regexp.MustCompile(`^(\d{5})(?:\s*[-–]\s*|\s+)?(\d{4})?$`)

// ParseZIP returns a ZIP code as "12345" or "12345-6789", accepting
// "12345 6789" and "123456789" too, and whether it was one.
func ParseZIP(s string) (string, bool) {
	m := zipPattern.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	if m[2] != "" {
		return m[1] + "-" + m[2], true
	}
	return m[1], true
}

// CaliforniaZIP reports whether a ZIP code lies in California's range,
// 90000 to 96199.
func CaliforniaZIP(zip string) bool {
	if len(zip) < 5 {
		return false
	}
	n, err := strconv.Atoi(zip[:5])
	return err == nil && n >= 90000 && n <= 96199
}
