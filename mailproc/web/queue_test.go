package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// limitedCase is a whole california request the rate limit held back.
func limitedCase(id string) *cases.Case {
	c := californiaCase(id)
	c.Reasons, c.Fields.ZIP = []cases.Reason{cases.ReasonRateLimited}, "93704"
	return c
}

// TestBulkApprove: the queue's selection goes to a page that checks each
// case on its own and says what would be done, changing nothing; only the
// confirmed cases are approved, and the queue lists each one.
func TestBulkApprove(t *testing.T) {
	nevada := californiaCase("n1")
	nevada.Reasons = []cases.Reason{cases.ReasonNotCalifornia}
	e := newEnv(t, limitedCase("r1"), limitedCase("r2"), nevada)
	c, token := e.signedIn()
	res := c.post("/bulk", url.Values{"csrf": {token}, "action": {"approve"}, "id": {"r1", "n1", "r2"}, "back": {"/?reason=rate-limited"}})
	page := readBody(t, res)
	for _, want := range []string{"send california-disclosure", "left as it is</strong>: what it needs is not an approval",
		`name="id" value="r1"`, `name="id" value="r2"`, `required`, "Send 2 replies", "The first of them, as it will be sent"} {
		if !strings.Contains(page, want) {
			t.Errorf("the confirmation page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, `name="id" value="n1"`) || len(e.svc.recorded("Approve")) != 0 {
		t.Errorf("the confirmation page would act on n1, or something was approved before confirming")
	}
	if res := c.post("/bulk/confirm", url.Values{"csrf": {token}, "action": {"approve"}, "id": {"r1", "r2"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bulk confirm without the box ticked = %d, want 422", res.StatusCode)
	}
	res = c.post("/bulk/confirm", url.Values{"csrf": {token}, "action": {"approve"}, "id": {"r1", "r2"}, "confirm": {"1"}, "back": {"/?reason=rate-limited"}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/?reason=rate-limited&result=") {
		t.Fatalf("bulk confirm = %d to %q", res.StatusCode, loc)
	}
	queue := readBody(t, c.get(loc))
	for _, want := range []string{"Approved 2 of 2 cases", "r1</a>: answered with california-disclosure; reply california-disclosure: sent", "r2</a>: answered"} {
		if !strings.Contains(queue, want) {
			t.Errorf("the queue after the bulk approval lacks %q:\n%s", want, queue)
		}
	}
	if got := e.svc.recorded("Approve"); len(got) != 2 || got[0].Act.Actor != testUser {
		t.Errorf("Approve calls = %+v, want r1 and r2 by %s", got, testUser)
	}
}

// TestBulkEveryMatch: "every case that matches" takes the queue page's
// query, not only the page shown.
func TestBulkEveryMatch(t *testing.T) {
	e := newEnv(t, limitedCase("r1"), limitedCase("r2"), californiaCase("z1"))
	c, token := e.signedIn()
	page := readBody(t, c.post("/bulk", url.Values{"csrf": {token}, "action": {"dismiss"}, "scope": {"all"}, "reason": {"test mail"},
		"back": {"/?reason=rate-limited"}}))
	if !strings.Contains(page, `value="r1"`) || !strings.Contains(page, `value="r2"`) || strings.Contains(page, `value="z1"`) ||
		!strings.Contains(page, "Dismiss 2 cases") || !strings.Contains(page, "denied, reason “test mail”") {
		t.Errorf("dismissing every rate-limited case lists:\n%s", page)
	}
	if res := c.post("/bulk", url.Values{"csrf": {token}, "action": {"dismiss"}, "id": {"r1"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a bulk dismissal without a reason = %d, want 422", res.StatusCode)
	}
}

// TestAttachmentDownload: an attachment is listed with its name, type and
// size, and downloaded as a file, never shown: application/octet-stream,
// Content-Disposition attachment with the name cleaned, nosniff, and a
// sandbox should a browser show it anyway.
func TestAttachmentDownload(t *testing.T) {
	k := coppaCase("k1")
	k.Messages[0].Attachments = []cases.Attachment{{Part: "2", Name: `../../ID "card".html`, Type: "text/html", Size: 2048}}
	e := newEnv(t, k)
	c, _ := e.signedIn()
	page := readBody(t, c.get("/cases/k1"))
	if !strings.Contains(page, `href="/cases/k1/messages/1/attachments/2" download`) || !strings.Contains(page, "text/html, 2.0 KB") {
		t.Errorf("the case page does not list the attachment with a download link:\n%s", page)
	}
	res := c.get("/cases/k1/messages/1/attachments/2")
	body := readBody(t, res)
	h := res.Header
	for k, want := range map[string]string{"Content-Type": "application/octet-stream", "X-Content-Type-Options": "nosniff",
		"Content-Disposition": `attachment; filename="ID _card_.html"`, "Content-Security-Policy": "sandbox; default-src 'none'"} {
		if h.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, h.Get(k), want)
		}
	}
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "<script>") {
		t.Errorf("download = %d %q", res.StatusCode, body)
	}
	for _, path := range []string{"/cases/k1/messages/1/attachments/3", "/cases/k1/messages/2/attachments/2", "/cases/k1/messages/x/attachments/2"} {
		if res := c.get(path); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.StatusCode)
		}
	}
}

// TestDispositionNames: what a sender calls a file cannot leave the
// header or the download folder.
func TestDispositionNames(t *testing.T) {
	for name, want := range map[string]string{
		"id.png":              `attachment; filename=id.png`,
		"C:\\x\\passport.jpg": `attachment; filename=passport.jpg`,
		"a\r\nSet-Cookie: x":  `attachment; filename="a__Set-Cookie_ x"`,
		"ünïcode.pdf":         `attachment; filename*=utf-8''%C3%BCn%C3%AFcode.pdf`,
		"..":                  `attachment; filename=C-1-part-2.bin`,
		"":                    `attachment; filename=C-1-part-2.bin`,
	} {
		if got := disposition(name, "C-1", "2"); got != want {
			t.Errorf("disposition(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestMachineMailNeverOverdue: machine mail says it has no legal due date
// and is never marked overdue.
func TestMachineMailNeverOverdue(t *testing.T) {
	auto := californiaCase("a1")
	auto.Kind, auto.Reasons = cases.Automated, []cases.Reason{cases.ReasonAutomated}
	auto.Due = testStart().AddDate(0, 0, -20)
	e := newEnv(t, auto)
	c, _ := e.signedIn()
	queue := readBody(t, c.get("/"))
	if !strings.Contains(queue, "no legal due date") || strings.Contains(queue, `class="overdue"`) || strings.Contains(queue, "overdue by") {
		t.Errorf("machine mail in the queue:\n%s", queue)
	}
	page := readBody(t, c.get("/cases/a1"))
	if !strings.Contains(page, "no legal due date") || !strings.Contains(page, "An automated case has no answer.") ||
		!strings.Contains(page, "Suggested:</strong> Dismiss it: machine mail, not a request.") {
		t.Errorf("machine mail's case page:\n%s", page)
	}
}

// TestLetterToPostOffersNoSend: a letter waiting to be posted is posted
// first; the page offers no answer to send meanwhile.
func TestLetterToPostOffersNoSend(t *testing.T) {
	e := newEnv(t, letterCase("L1"))
	c, _ := e.signedIn()
	page := readBody(t, c.get("/cases/L1"))
	if strings.Contains(page, "/cases/L1/approve") || strings.Contains(page, "Send this answer") || !strings.Contains(page, "waits to be posted") {
		t.Errorf("a letter to post offers to send another answer:\n%s", page)
	}
}

// TestOthersOfRequester: the case page lists the requester's other cases.
func TestOthersOfRequester(t *testing.T) {
	old := californiaCase("c0")
	old.State, old.Outcome = cases.Answered, cases.OutcomeDisclosure
	e := newEnv(t, californiaCase("c1"), old)
	c, _ := e.signedIn()
	if page := readBody(t, c.get("/cases/c1")); !strings.Contains(page, `href="/cases/c0?back=%2F">c0</a>`) || !strings.Contains(page, "(disclosure)") {
		t.Errorf("the case page does not list the requester's other case:\n%s", page)
	}
}

// TestFreeTextPreviewSaysHowReported: a reply staff write is previewed
// with how its outcome will be reported, and sent with it.
func TestFreeTextPreviewSaysHowReported(t *testing.T) {
	e := newEnv(t, californiaCase("c1"))
	c, _ := e.signedIn()
	page := readBody(t, c.get("/cases/c1?template=staff-reply&message=We+cannot+find+you.&outcome=denied&reason=no+account"))
	send := formOf(t, page, "/cases/c1/approve")
	for _, want := range []string{`<dd><strong>denied, reason “no account”</strong></dd>`, "We cannot find you."} {
		if !strings.Contains(page, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	for _, want := range []string{`name="template" value="staff-reply"`, `name="outcome" value="denied"`, `name="reason" value="no account"`, `name="message" value="We cannot find you."`} {
		if !strings.Contains(send, want) {
			t.Errorf("the send form lacks %s:\n%s", want, send)
		}
	}
}
