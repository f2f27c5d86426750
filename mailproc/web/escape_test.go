package web

import (
	"net/url"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// hostile is what a requester might write anywhere they can.
const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>`

// hostileCase puts hostile text in every value that came from mail.
func hostileCase(id string, kind cases.Kind) *cases.Case {
	c := californiaCase(id)
	c.Kind = kind
	c.Email = hostile + "@example.org"
	c.Reasons = []cases.Reason{hostile}
	c.Missing = []string{hostile}
	c.Channel = hostile
	c.Outcome = hostile
	c.Fields = cases.Fields{Name: hostile, Street: hostile, City: hostile, State: hostile, ZIP: hostile}
	c.Coppa = cases.CoppaFields{ParentName: hostile, ChildName: hostile, ChildEmail: hostile, ChildUsername: hostile}
	c.Messages = []cases.Message{{Key: hostile, From: hostile, Subject: hostile, Text: "Hello\n" + hostile + "\n",
		Folder: hostile, Action: hostile, Template: hostile, Reasons: []cases.Reason{hostile},
		Attachments: []cases.Attachment{{Part: "2", Name: hostile, Type: hostile, Size: 5}}}}
	c.Replies = []cases.Reply{{Template: hostile, To: hostile, State: cases.ReplyFailed, Actor: hostile, Error: hostile}}
	c.History = append(c.History, cases.Event{Actor: hostile, Action: hostile, Detail: hostile})
	return c
}

func TestHostileTextShownEscaped(t *testing.T) {
	e := newEnv(t, hostileCase("c1", cases.California), hostileCase("k1", cases.Coppa))
	c, token := e.signedIn()
	pages := map[string]string{
		"queue":         readBody(t, c.get("/")),
		"california":    readBody(t, c.get("/cases/c1")),
		"coppa":         readBody(t, c.get("/cases/k1")),
		"preview":       readBody(t, c.get(c.post("/cases/c1/preview", url.Values{"csrf": {token}, "template": {"california-disclosure"}, "name": {hostile}, "zip": {"1"}}).Header.Get("Location"))),
		"failed action": readBody(t, c.post("/cases/c1/dismiss", url.Values{"csrf": {token}, "note": {hostile}})),
		"sign-in again": readBody(t, e.client().login(hostile, "x")),
	}
	for name, body := range pages {
		lower := strings.ToLower(body)
		for _, live := range []string{"<script", "<img"} {
			if strings.Contains(lower, live) {
				t.Errorf("%s page has a live %q:\n%s", name, live, body)
			}
		}
	}
	for _, name := range []string{"queue", "california", "coppa", "preview", "sign-in again"} {
		if !strings.Contains(pages[name], "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s page does not show the script as text:\n%s", name, pages[name])
		}
	}
}
