package decide

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// msg builds a plain text message from header lines and a body.
func msg(headers []string, body string) *parse.Message {
	raw := strings.Join(headers, "\r\n") + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n")
	return parse.Parse([]byte(raw), parse.Limits{})
}

func from(subject string, extra ...string) []string {
	return append([]string{"From: Ada Byron <ada@example.com>", "To: privacy@cooper.example", "Subject: " + subject, "Message-ID: <x@example.com>"}, extra...)
}

const fullBody = "California Privacy Rights Request\n\nName: Ada Byron\nStreet: 12 Oak St\nCity: Fresno\nState: CA\nZIP: 93704\n"

func TestDecide(t *testing.T) {
	policy := Policy{MaxMessageBytes: 1 << 20, TrustedAuthServIDs: []string{"mx.cooper.example"}, OwnAddresses: []string{"privacy@cooper.example"}}
	tests := []struct {
		name     string
		m        *parse.Message
		size     int64
		kind     cases.Kind
		action   Action
		template cases.Template
		missing  []string
		reasons  []cases.Reason
	}{
		{"valid", msg(from("Request for California Privacy Information"), fullBody), 0,
			cases.California, Reply, CaliforniaDisclosure, nil, nil},
		{"missing zip", msg(from("Request for California Privacy Information"), strings.Replace(fullBody, "ZIP: 93704\n", "", 1)), 0,
			cases.California, Reply, CaliforniaIncomplete, []string{"zip"}, nil},
		{"empty body", msg(from("Request for California Privacy Information"), ""), 0,
			cases.California, Reply, CaliforniaIncomplete, []string{"city", "first-line", "name", "state", "street", "zip"}, nil},
		{"not california wins over missing", msg(from("Request for California Privacy Information"), "Name: Ada\nState: NV\n"), 0,
			cases.California, Review, "", []string{"city", "first-line", "street", "zip"}, []cases.Reason{"not-california"}},
		{"missing wins over zip mismatch", msg(from("Request for California Privacy Information"), "Name: Ada\nState: CA\nZIP: 10001\n"), 0,
			cases.California, Reply, CaliforniaIncomplete, []string{"city", "first-line", "street"}, nil},
		{"zip mismatch", msg(from("Request for California Privacy Information"), strings.Replace(fullBody, "93704", "10001", 1)), 0,
			cases.California, Review, "", nil, []cases.Reason{"zip-mismatch"}},
		{"coppa", msg(from("COPPA Information Request"), "Please delete my son's data."), 0,
			cases.Coppa, Reply, CoppaReceived, nil, nil},
		{"ambiguous", msg(from("Request for California Privacy Information and COPPA Information Request"), fullBody), 0,
			cases.Other, Review, "", nil, []cases.Reason{"ambiguous-subject"}},
		{"near miss subject", msg(from("Shine the Light"), fullBody), 0,
			cases.Other, Review, "", nil, []cases.Reason{"near-miss"}},
		{"near miss body", msg(from("Hello"), "Hi,\n"+fullBody), 0,
			cases.Other, Review, "", nil, []cases.Reason{"near-miss"}},
		{"body line under coppa subject", msg(from("COPPA Information Request"), fullBody), 0,
			cases.Other, Review, "", nil, []cases.Reason{"near-miss"}},
		{"unrelated", msg(from("Where is my order?"), "Hi"), 0,
			cases.Other, Ignore, "", nil, nil},
		{"automated request", msg(from("Re: Request for California Privacy Information", "Auto-Submitted: auto-replied"), "away"), 0,
			cases.Automated, Review, "", nil, []cases.Reason{"automated"}},
		{"automated other", msg(from("Out of office", "Auto-Submitted: auto-replied"), "away"), 0,
			cases.Automated, Ignore, "", nil, nil},
		{"automated ambiguous", msg(from("Request for California Privacy Information / COPPA Information Request", "Precedence: bulk"), ""), 0,
			cases.Automated, Review, "", nil, []cases.Reason{"automated"}},
		{"too large", msg(from("Request for California Privacy Information"), fullBody), 2 << 20,
			cases.California, Review, "", nil, []cases.Reason{"too-large"}},
		{"our own address", msg([]string{"From: privacy@cooper.example", "Subject: COPPA Information Request"}, "x"), 0,
			cases.Coppa, Review, "", nil, []cases.Reason{"no-reply-address"}},
		{"no from", msg([]string{"Subject: COPPA Information Request"}, "x"), 0,
			cases.Coppa, Review, "", nil, []cases.Reason{"no-reply-address"}},
		{"dmarc fail trusted", msg(from("Request for California Privacy Information", "Authentication-Results: mx.cooper.example; dmarc=fail header.from=example.com"), fullBody), 0,
			cases.California, Review, "", nil, []cases.Reason{"dmarc-fail"}},
		{"dmarc fail untrusted", msg(from("Request for California Privacy Information", "Authentication-Results: evil.example; dmarc=fail"), fullBody), 0,
			cases.California, Reply, CaliforniaDisclosure, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(Input{Msg: tt.m, Size: tt.size, Policy: policy})
			if d.Kind != tt.kind || d.Action != tt.action || d.Template != tt.template {
				t.Errorf("Decide = %s %s %q, want %s %s %q", d.Kind, d.Action, d.Template, tt.kind, tt.action, tt.template)
			}
			if !equal(d.Missing, tt.missing) || !equal(d.Reasons, tt.reasons) {
				t.Errorf("Decide missing %v reasons %v, want %v %v", d.Missing, d.Reasons, tt.missing, tt.reasons)
			}
			if d.Missing == nil || d.Reasons == nil {
				t.Errorf("Decide lists must be empty rather than nil: missing %v reasons %v", d.Missing == nil, d.Reasons == nil)
			}
		})
	}
}

func equal[S ~string](a, b []S) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}

// fakeHistory is a History with fixed answers.
type fakeHistory struct {
	earlier    time.Time
	disclosure map[int]bool
	toSender   int
	all        int
}

func (f fakeHistory) EarlierAnswer(int, string, cases.Fields) (time.Time, string, bool) {
	return f.earlier, "C-1", !f.earlier.IsZero()
}
func (f fakeHistory) HasDisclosure(y int) bool        { return f.disclosure[y] }
func (f fakeHistory) RepliesTo(string, time.Time) int { return f.toSender }
func (f fakeHistory) Replies(time.Time) int           { return f.all }

func TestWithHistory(t *testing.T) {
	valid := Decide(Input{Msg: msg(from("Request for California Privacy Information"), fullBody)})
	coppa := Decide(Input{Msg: msg(from("COPPA Information Request"), "x")})
	ctx := Context{Year: 2026, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Email: "ada@example.com", Limits: Limits{PerSenderPerDay: 3, PerHour: 100}}
	has2025 := map[int]bool{2025: true}
	tests := []struct {
		name     string
		d        Decision
		h        fakeHistory
		action   Action
		template cases.Template
		reasons  []cases.Reason
	}{
		{"first this year", valid, fakeHistory{disclosure: has2025}, Reply, CaliforniaDisclosure, nil},
		{"repeat", valid, fakeHistory{disclosure: has2025, earlier: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}, Reply, CaliforniaRepeat, nil},
		{"repeat needs no disclosure data", valid, fakeHistory{earlier: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}, Reply, CaliforniaRepeat, nil},
		{"no disclosure data", valid, fakeHistory{disclosure: map[int]bool{2024: true}}, Review, "", []cases.Reason{"no-disclosure-data"}},
		{"sender limit", valid, fakeHistory{disclosure: has2025, toSender: 3}, Review, "", []cases.Reason{"rate-limited"}},
		{"hourly limit", coppa, fakeHistory{all: 100}, Review, "", []cases.Reason{"rate-limited"}},
		{"under limits", coppa, fakeHistory{toSender: 2, all: 99}, Reply, CoppaReceived, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := WithHistory(tt.d, tt.h, ctx)
			if a.Action != tt.action || a.Template != tt.template || !equal(a.Reasons, tt.reasons) {
				t.Errorf("WithHistory = %s %q %v, want %s %q %v", a.Action, a.Template, a.Reasons, tt.action, tt.template, tt.reasons)
			}
		})
	}
}

func TestFollowUp(t *testing.T) {
	waiting := &cases.Case{ID: "C-2026-0001", Kind: cases.California, State: cases.AwaitingRequester,
		Fields:  cases.Fields{Name: "Ada Byron", Street: "12 Oak St", City: "Fresno", State: "CA"},
		Replies: []cases.Reply{{Template: CaliforniaIncomplete}}}
	tests := []struct {
		name     string
		c        *cases.Case
		m        *parse.Message
		action   Action
		template cases.Template
		reasons  []cases.Reason
	}{
		{"completes the fields, any subject", waiting, msg(from("my zip"), "California Privacy Rights Request\nZIP: 93704\n"), Reply, CaliforniaDisclosure, nil},
		{"still incomplete", waiting, msg(from("Re: x"), "ZIP: 93704\n"), Review, "", []cases.Reason{"still-incomplete"}},
		{"correction to another state", waiting, msg(from("Re: x"), "California Privacy Rights Request\nState: OR\nZIP: 97204"), Review, "", []cases.Reason{"not-california"}},
		{"answered case", &cases.Case{ID: "C-1", Kind: cases.California, State: cases.Answered}, msg(from("Re: thanks"), "Thanks!"), Review, "", []cases.Reason{"follow-up"}},
		{"coppa case", &cases.Case{ID: "C-2", Kind: cases.Coppa, State: cases.AwaitingStaff}, msg(from("Re: COPPA Information Request"), "I am her mother."), Review, "", []cases.Reason{"follow-up"}},
		{"machine answer stays machine", waiting, msg(from("Re: x", "Auto-Submitted: auto-replied"), "away"), Ignore, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := FollowUp(tt.c, Input{Msg: tt.m})
			if d.Action != tt.action || d.Template != tt.template || !equal(d.Reasons, tt.reasons) {
				t.Errorf("FollowUp = %s %q %v, want %s %q %v", d.Action, d.Template, d.Reasons, tt.action, tt.template, tt.reasons)
			}
		})
	}
}
