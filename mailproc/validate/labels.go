package validate

import (
	"regexp"
	"strings"
)

// field is what a labelled line gives.
type field int

const (
	fieldNone field = iota
	fieldName
	fieldStreet
	fieldStreet2
	fieldCity
	fieldState
	fieldZIP
	fieldCityStateZIP
	fieldChildName
	fieldChildEmail
	fieldChildUsername
	fieldParentName
	fieldFirstName
	fieldLastName
	fieldCityState
)

// californiaLabels maps a normalised label to the field it names.
var californiaLabels = map[string]field{
	"name": fieldName, "full name": fieldName, "your name": fieldName, "legal name": fieldName,
	"requester name": fieldName, "requestor name": fieldName, "customer name": fieldName,
	"first and last name": fieldName, "your full name": fieldName, "requester's name": fieldName,
	"requestor's name": fieldName, "name of requester": fieldName, "customer's name": fieldName,
	"full legal name": fieldName, "name on the account": fieldName, "account holder name": fieldName,
	"first name": fieldFirstName, "given name": fieldFirstName,
	"last name": fieldLastName, "surname": fieldLastName, "family name": fieldLastName,
	"street": fieldStreet, "street address": fieldStreet, "address": fieldStreet,
	"address line 1": fieldStreet, "address 1": fieldStreet, "address1": fieldStreet,
	"street address line 1": fieldStreet, "street line 1": fieldStreet, "street 1": fieldStreet,
	"mailing address": fieldStreet, "home address": fieldStreet, "postal address": fieldStreet,
	"residential address": fieldStreet, "street name and number": fieldStreet,
	"street address 1": fieldStreet, "address line1": fieldStreet, "street line1": fieldStreet,
	"current address": fieldStreet, "your address": fieldStreet, "physical address": fieldStreet,
	"address line 2": fieldStreet2, "address 2": fieldStreet2, "address2": fieldStreet2,
	"street address line 2": fieldStreet2, "street line 2": fieldStreet2, "street 2": fieldStreet2,
	"apt": fieldStreet2, "apartment": fieldStreet2, "unit": fieldStreet2, "suite": fieldStreet2,
	"apt/suite": fieldStreet2, "apartment/unit": fieldStreet2, "apt/unit": fieldStreet2,
	"street address 2": fieldStreet2, "address line2": fieldStreet2, "apt/suite/unit": fieldStreet2,
	"unit/apt": fieldStreet2, "suite/apt": fieldStreet2, "apt #": fieldStreet2, "apartment number": fieldStreet2,
	"city": fieldCity, "town": fieldCity, "city/town": fieldCity, "town/city": fieldCity,
	"city, state": fieldCityState, "city/state": fieldCityState, "city and state": fieldCityState,
	"state": fieldState, "state/province": fieldState, "province": fieldState,
	"zip": fieldZIP, "zip code": fieldZIP, "zipcode": fieldZIP, "postal code": fieldZIP,
	"postcode": fieldZIP, "zip/postal code": fieldZIP, "postal/zip code": fieldZIP, "zip+4": fieldZIP,
	"zip/postal": fieldZIP, "zip or postal code": fieldZIP, "postal zip code": fieldZIP,
	"state/zip": fieldState, "state and zip": fieldState, "state, zip": fieldState, "state zip": fieldState,
	"city, state, zip": fieldCityStateZIP, "city/state/zip": fieldCityStateZIP,
	"city, state zip": fieldCityStateZIP, "city state zip": fieldCityStateZIP,
	"city, state and zip": fieldCityStateZIP, "city, state, zip code": fieldCityStateZIP,
}

// coppaLabels maps a normalised label to the coppa field it names.
var coppaLabels = map[string]field{
	"child's name": fieldChildName, "childs name": fieldChildName, "child name": fieldChildName,
	"name of child": fieldChildName, "child": fieldChildName, "child's full name": fieldChildName,
	"kid's name": fieldChildName, "son's name": fieldChildName, "daughter's name": fieldChildName,
	"child's email": fieldChildEmail, "child email": fieldChildEmail, "child's email address": fieldChildEmail,
	"email on the account": fieldChildEmail, "account email": fieldChildEmail, "email used": fieldChildEmail,
	"email address on the account": fieldChildEmail, "email used on the account": fieldChildEmail,
	"child's username": fieldChildUsername, "child username": fieldChildUsername, "username": fieldChildUsername,
	"user name": fieldChildUsername, "screen name": fieldChildUsername, "account name": fieldChildUsername,
	"login": fieldChildUsername, "user id": fieldChildUsername, "account username": fieldChildUsername,
	"parent name": fieldParentName, "parent's name": fieldParentName, "parent": fieldParentName,
	"parent/guardian": fieldParentName, "parent/guardian name": fieldParentName, "guardian": fieldParentName,
	"guardian name": fieldParentName, "guardian's name": fieldParentName, "your name": fieldParentName,
	"name": fieldParentName, "parent full name": fieldParentName, "parent's full name": fieldParentName,
}

// labelLine splits "Label: value", "Label - value" and "Label<TAB>value"
// (a table row turned into text) lines. A dash separates only with white
// space around it, so "name-brand" is not a label.
var labelLine = regexp.MustCompile(`^([\p{L}][\p{L}\p{N} '’/()#+.,&]{0,48}?)(?:[ ]*:|\s[-–—]\s|[-–—]\s|[ ]*\t)\s*(.*)$`)

// listMarker is a list's number or letter before a label: "1.", "2)", "a)".
var listMarker = regexp.MustCompile(`^(\d{1,2}|[a-zA-Z])[.)]\s+`)

// splitLabel returns the normalised label and the value of a labelled line.
func splitLabel(line string) (label, value string, ok bool) {
	if !strings.ContainsAny(line[:min(len(line), 64)], ":-–—\t") {
		return "", "", false // no separator near the start: prose, not a label
	}
	line = strings.TrimLeft(line, "*•·-–> \t")
	line = listMarker.ReplaceAllString(line, "")
	line = strings.ReplaceAll(line, "**", "")
	m := labelLine.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	return normalizeLabel(m[1]), strings.TrimSpace(m[2]), true
}

// labelNote is a parenthesised note in a label: "ZIP code (5 digits)".
var labelNote = regexp.MustCompile(`\s*\([^)]*\)`)

func normalizeLabel(l string) string {
	l = strings.ToLower(strings.ReplaceAll(l, "’", "'"))
	l = labelNote.ReplaceAllString(l, "")
	l = strings.Join(strings.Fields(l), " ")
	return strings.TrimRight(l, " .*")
}

// labelled returns the field a line names in table and its value.
func labelled(line string, table map[string]field) (field, string) {
	label, value, ok := splitLabel(line)
	if !ok {
		return fieldNone, ""
	}
	f, ok := table[label]
	if !ok {
		f, ok = table[strings.TrimSuffix(label, " on "+lastWord(label))]
	}
	if !ok {
		return fieldNone, ""
	}
	return f, cleanValue(value)
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// cleanValue trims a field value and treats blanks of a form ("____",
// "N/A", "[your name]") as empty.
func cleanValue(v string) string {
	v = strings.TrimSpace(strings.Trim(strings.TrimSpace(v), "*"))
	switch strings.ToLower(v) {
	case "n/a", "na", "none", "-", "--", "—", "tbd", "?":
		return ""
	}
	if strings.Trim(v, "_.-–— ") == "" {
		return ""
	}
	if (strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]")) || (strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">")) {
		return ""
	}
	return strings.Join(strings.Fields(v), " ")
}
