package reply

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// dateLayout is how replies write a date: "March 3, 2025".
const dateLayout = "January 2, 2006"

// funcs returns the functions every template may call.
func funcs() map[string]any {
	return map[string]any{
		"date":         formatDate,
		"missingLabel": missingLabel,
		"join":         join,
		"has":          has,
		"re":           reSubject,
		"nextYear":     nextYear,
		"right":        rightText,
		"law":          lawText,
	}
}

// rightText says what a privacy right asks of us, to the requester.
func rightText(right string) (string, error) {
	text, ok := map[string]string{
		"access":             "a copy of, or access to, the personal information we hold about you",
		"deletion":           "that we delete the personal information we hold about you",
		"correction":         "that we correct personal information we hold about you",
		"portability":        "your personal information in a portable, machine-readable format",
		"restriction":        "that we restrict or limit how we use your personal information",
		"objection":          "that we stop using your personal information for some purposes",
		"opt-out":            "that we do not sell or share your personal information",
		"consent-withdrawal": "to withdraw your consent to our use of your personal information",
	}[right]
	if !ok {
		return "", fmt.Errorf("right: unknown right %q", right)
	}
	return text, nil
}

// lawText names the law a privacy request was read under, after "under";
// "" when none was named.
func lawText(law string) (string, error) {
	switch law {
	case "gdpr":
		return "the General Data Protection Regulation (GDPR)", nil
	case "us-state":
		return "a US state privacy law, such as the California Consumer Privacy Act", nil
	case "unknown", "":
		return "", nil
	}
	return "", fmt.Errorf("law: unknown law %q", law)
}

// formatDate writes t as "January 2, 2006" in t's own zone. A zero time is an
// error, so that a date the caller forgot never reads "January 1, 0001".
func formatDate(t time.Time) (string, error) {
	if t.IsZero() {
		return "", fmt.Errorf("date: zero time")
	}
	return t.Format(dateLayout), nil
}

// missingLabel names a missing item ("zip", "parent-name", …) in words.
func missingLabel(key string) (string, error) {
	switch key {
	case "name", "parent-name":
		return "your full name", nil
	case "street":
		return "your street address", nil
	case "city", "state":
		return key, nil
	case "zip":
		return "ZIP code", nil
	case "first-line":
		return `the line "California Privacy Rights Request" as the first line of your message`, nil
	case "child-account":
		return "your child's account identifier: the email address or username your child uses on our service", nil
	case "relationship":
		return "a statement of your relationship to the child", nil
	case "verification":
		return "how we may verify that you are the child's parent or legal guardian", nil
	}
	return "", fmt.Errorf("missingLabel: unknown item %q", key)
}

// join joins items with sep, e.g. {{join .Disclosure.Categories ", "}}.
func join(items []string, sep string) string {
	return strings.Join(items, sep)
}

// has reports whether items holds item, e.g. {{if has .CoppaMissing "parent-name"}}.
func has(items []string, item string) bool {
	return slices.Contains(items, item)
}

// nextYear is the calendar year after t's.
func nextYear(t time.Time) (int, error) {
	if t.IsZero() {
		return 0, fmt.Errorf("nextYear: zero time")
	}
	return t.Year() + 1, nil
}
