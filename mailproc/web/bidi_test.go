package web

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/visible"
)

// rlo is RIGHT-TO-LEFT OVERRIDE: what follows it is shown reversed, so
// "Request\u202Etxt.exe" reads as "Requestexe.txt".
const rlo = "\u202E"

// bidiCase has an override, a zero-width space and an escape in every text
// a sender wrote.
func bidiCase(id string) *cases.Case {
	c := californiaCase(id)
	hidden := "a" + rlo + "b\u200Bc\x1bd"
	c.Email = "x" + rlo + "@example.org"
	c.Fields = cases.Fields{Name: hidden, Street: hidden, City: hidden, State: "CA", ZIP: "93650"}
	m := &c.Messages[0]
	m.Subject = "Request for California Privacy Information " + rlo + "gpj.exe"
	m.From = "Jane " + rlo + "Roe <jane@example.org>"
	m.Text = "line one " + rlo + "reversed\nline two\u2066 isolated\n"
	return c
}

// outsideInputs drops the values of form fields, which keep what the
// sender wrote for staff to correct; everything else is shown.
var inputValue = regexp.MustCompile(`value="[^"]*"|<textarea[^>]*>[^<]*</textarea>`)

// TestHiddenCharactersShownVisibly is the attack of a U+202E in a
// subject: the queue row and the case page show it as <U+202E> instead of
// letting it reverse the text.
func TestHiddenCharactersShownVisibly(t *testing.T) {
	e := newEnv(t, bidiCase("c1"))
	c, _ := e.signedIn()
	pages := map[string]string{"queue": readBody(t, c.get("/")), "case": readBody(t, c.get("/cases/c1"))}
	wants := map[string][]string{
		"queue": {"Request for California Privacy Information &lt;U+202E&gt;gpj.exe", "x&lt;U+202E&gt;@example.org"},
		"case": {"<h3>Request for California Privacy Information &lt;U+202E&gt;gpj.exe</h3>", "Jane &lt;U+202E&gt;Roe",
			"line one &lt;U+202E&gt;reversed\nline two&lt;U+2066&gt; isolated", "a&lt;U+202E&gt;b&lt;U+200B&gt;c&lt;U+001B&gt;d"},
	}
	for name, body := range pages {
		for _, want := range wants[name] {
			if !strings.Contains(body, want) {
				t.Errorf("%s page lacks %q:\n%s", name, want, body)
			}
		}
		shown := inputValue.ReplaceAllString(body, "")
		if i := strings.IndexFunc(shown, func(r rune) bool {
			return unicode.Is(unicode.Cf, r) || (unicode.IsControl(r) && r != '\n' && r != '\t')
		}); i >= 0 {
			t.Errorf("%s page still has a hidden character at %d: %q", name, i, shown[max(0, i-40):min(len(shown), i+40)])
		}
	}
}

// TestTemplatesHaveNoHiddenCharacters: render writes out every hidden
// character of a page, so the markup itself must have none.
func TestTemplatesHaveNoHiddenCharacters(t *testing.T) {
	entries, err := templateFiles.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := templateFiles.ReadFile("templates/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if i := strings.IndexFunc(string(b), visible.Hidden); i >= 0 {
			t.Errorf("templates/%s has a hidden character at byte %d", e.Name(), i)
		}
	}
}
