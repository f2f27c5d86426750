package validate

import (
	"regexp"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// The names of what a coppa acknowledgment asks for when it is missing.
const (
	CoppaParentName   = "parent-name"
	CoppaChildAccount = "child-account"
	CoppaRelationship = "relationship"
	CoppaVerification = "verification"
)

var (
	emailPattern    = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.[\p{L}]{2,}`)
	usernamePattern = regexp.MustCompile(`(?i)\b(?:user\s?name|screen\s?name|account name|handle|login)\s+(?:is|was|:)\s*["“'‘]?([\p{L}\p{N}._\-]{2,40})`)
	childNamePhrase = regexp.MustCompile(`\b(?:[Mm]y|[Oo]ur)\s+(?:son|daughter|child|kid)(?:'s name is|,)?\s+(?:is\s+)?(?:named\s+)?([\p{Lu}][\p{L}'’\-]+(?:\s[\p{Lu}][\p{L}'’\-]+)?)`)
)

// Coppa reads what identifies the child and the parent from a coppa
// request's text. sender is the From address, which is not taken as the
// child's email.
func Coppa(text, sender string) cases.CoppaFields {
	var c cases.CoppaFields
	lines := Lines(text)
	for i, l := range lines {
		f, v := labelled(l, coppaLabels)
		if f != fieldNone && v == "" && i+1 < len(lines) {
			if next, _ := labelled(lines[i+1], coppaLabels); next == fieldNone {
				v = cleanValue(lines[i+1])
			}
		}
		setCoppa(&c, f, v)
	}
	readCoppaProse(&c, text, sender)
	return c
}

func setCoppa(c *cases.CoppaFields, f field, v string) {
	if v == "" {
		return
	}
	switch f {
	case fieldChildName:
		set(&c.ChildName, v)
	case fieldChildEmail:
		if e := emailPattern.FindString(v); e != "" {
			set(&c.ChildEmail, e)
		}
	case fieldChildUsername:
		if e := emailPattern.FindString(v); e != "" {
			set(&c.ChildEmail, e)
			return
		}
		set(&c.ChildUsername, strings.Trim(v, `"“”'‘’.,`))
	case fieldParentName:
		set(&c.ParentName, v)
	}
}

// readCoppaProse fills what labels left empty from sentences such as "His
// username is dino_max_12" or an email address other than the sender's.
func readCoppaProse(c *cases.CoppaFields, text, sender string) {
	if m := usernamePattern.FindStringSubmatch(text); m != nil {
		set(&c.ChildUsername, strings.TrimRight(m[1], "."))
	}
	if m := childNamePhrase.FindStringSubmatch(text); m != nil {
		set(&c.ChildName, m[1])
	}
	for _, e := range emailPattern.FindAllString(text, -1) {
		if !strings.EqualFold(e, sender) {
			set(&c.ChildEmail, strings.TrimRight(e, "."))
			break
		}
	}
}

// CoppaMissing lists, sorted, what a coppa acknowledgment asks for: the
// parent's name and the child's account when they were not given, and
// always the relationship and a verification method (16 CFR § 312.6(a)).
func CoppaMissing(c cases.CoppaFields) []string {
	var m []string
	if c.ChildEmail == "" && c.ChildUsername == "" {
		m = append(m, CoppaChildAccount)
	}
	if c.ParentName == "" {
		m = append(m, CoppaParentName)
	}
	return append(m, CoppaRelationship, CoppaVerification)
}
