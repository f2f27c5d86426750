package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestNoteAndMessageApart: where a coppa case's forms take text for the
// parent they take it apart from the note for the history, each under
// its own label; the note field never says it goes to the parent. The
// answer is drafted (message) and then sent (note) in two forms.
func TestNoteAndMessageApart(t *testing.T) {
	e := newEnv(t, coppaCase("k1"))
	c, _ := e.signedIn()
	page := readBody(t, c.get("/cases/k1"))
	draft, send := formOf(t, page, "/cases/k1"), formOf(t, page, "/cases/k1/approve")
	if !strings.Contains(draft, `name="message"`) || !strings.Contains(draft, "Message to the parent") || strings.Contains(draft, `name="note"`) ||
		!strings.Contains(send, `name="note"`) || !strings.Contains(send, "never sent") || strings.Contains(send, "<textarea id=\"a-message\"") {
		t.Errorf("the answer's message is drafted apart from the note sent with it:\n%s\n%s", draft, send)
	}
	for _, form := range []string{"done"} {
		f := formOf(t, page, "/cases/k1/"+form)
		for _, want := range []string{`name="message"`, `name="note"`, "Message to the parent", "Note for the history", "never sent"} {
			if !strings.Contains(f, want) {
				t.Errorf("the %s form lacks %s:\n%s", form, want, f)
			}
		}
		if label := labelOf(f, "note"); strings.Contains(label, "notice") || strings.Contains(label, "parent") {
			t.Errorf("the %s form's note is labelled %q: it must not read as text for the parent", form, label)
		}
	}
}

// TestPreviewWithMessage: the preview carries the message staff typed
// and shows the whole email as it will be sent.
func TestPreviewWithMessage(t *testing.T) {
	e := newEnv(t, coppaCase("k1"))
	c, token := e.signedIn()
	res := c.post("/cases/k1/preview", url.Values{"csrf": {token}, "template": {"coppa-completed"},
		"message": {"We deleted kiddo7."}, "note": {"INTERNAL verified by phone"}})
	page := readBody(t, c.get(res.Header.Get("Location")))
	got := e.svc.recorded("Preview")
	if last := got[len(got)-1]; last.Template != "coppa-completed" || last.Act.Message != "We deleted kiddo7." {
		t.Errorf("Preview call %+v, want coppa-completed with the message", last)
	}
	if !strings.Contains(page, "as it will be sent") || !strings.Contains(page, "Subject: Re: ") || strings.Count(page, "We deleted kiddo7.") < 2 {
		t.Errorf("the preview page lacks the whole email with the message (and the message kept in its field):\n%s", page)
	}
}

// formOf is the form of a page that posts to action.
func formOf(t *testing.T, page, action string) string {
	t.Helper()
	i := strings.Index(page, `action="`+action+`"`)
	if i < 0 {
		t.Fatalf("no form posting to %s", action)
	}
	j := strings.Index(page[i:], "</form>")
	return page[i : i+j]
}

// labelOf is the text of the label of the field named name in a form.
func labelOf(form, name string) string {
	id := regexp.MustCompile(`id="([^"]+)" name="` + name + `"`).FindStringSubmatch(form)
	if id == nil {
		return ""
	}
	m := regexp.MustCompile(`<label for="` + id[1] + `">([^<]*)</label>`).FindStringSubmatch(form)
	if m == nil {
		return ""
	}
	return m[1]
}
