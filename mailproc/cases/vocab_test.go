package cases

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestSuggest: what the console proposes first follows the case's most
// pressing reason, and a case outside California never defaults to a
// disclosure.
func TestSuggest(t *testing.T) {
	complete := Fields{Name: "Ada", Street: "1 Oak St", City: "Fresno", State: "CA", ZIP: "93704"}
	for _, tt := range []struct {
		name string
		c    Case
		want Suggestion
	}{
		{"not california: decline", Case{Kind: California, State: Review, Reasons: []Reason{ReasonNotCalifornia}, Fields: complete},
			Suggestion{Action: SuggestDecline, Template: TemplateNotCalifornia, Because: ReasonNotCalifornia}},
		{"zip mismatch: decline, not a disclosure", Case{Kind: California, State: Review, Reasons: []Reason{ReasonZIPMismatch}, Fields: complete},
			Suggestion{Action: SuggestDecline, Template: TemplateNotCalifornia, Because: ReasonZIPMismatch}},
		{"rate limited, complete: the disclosure", Case{Kind: California, State: Review, Reasons: []Reason{ReasonRateLimited}, Fields: complete},
			Suggestion{Action: SuggestApprove, Template: TemplateDisclosure, Because: ReasonRateLimited}},
		{"rate limited, fields missing: the incomplete notice", Case{Kind: California, State: Review, Reasons: []Reason{ReasonRateLimited}, Missing: []string{"zip"}},
			Suggestion{Action: SuggestApprove, Template: TemplateIncomplete, Because: ReasonRateLimited}},
		{"rate limited coppa: acknowledge", Case{Kind: Coppa, State: Review, Reasons: []Reason{ReasonRateLimited}},
			Suggestion{Action: SuggestApprove, Template: TemplateCoppaAck, Because: ReasonRateLimited}},
		{"machine mail wins over rate limits", Case{Kind: Automated, State: Review, Reasons: []Reason{ReasonRateLimited, ReasonAutomated}},
			Suggestion{Action: SuggestDismiss, Reason: "machine mail, not a request", Because: ReasonAutomated}},
		{"near miss: reclassify", Case{Kind: Other, State: Review, Reasons: []Reason{ReasonNearMiss}},
			Suggestion{Action: SuggestReclassify, Because: ReasonNearMiss}},
		{"coppa acknowledged, with staff: done", Case{Kind: Coppa, State: AwaitingStaff, Replies: []Reply{{Template: TemplateCoppaAck}}},
			Suggestion{Action: SuggestDone}},
		{"reopened other: reclassify", Case{Kind: Other, State: Review, Reasons: []Reason{ReasonReopened}},
			Suggestion{Action: SuggestReclassify, Because: ReasonReopened}},
		{"privacy: close once done", Case{Kind: Privacy, State: Review, Reasons: []Reason{ReasonPrivacyRequest}},
			Suggestion{Action: SuggestClose, Because: ReasonPrivacyRequest}},
		{"privacy, acknowledgement held back: still close", Case{Kind: Privacy, State: Review, Reasons: []Reason{ReasonRateLimited, ReasonPrivacyRequest}},
			Suggestion{Action: SuggestClose, Because: ReasonPrivacyRequest}},
		{"privacy waiting on the requester: close", Case{Kind: Privacy, State: AwaitingRequester}, Suggestion{Action: SuggestClose}},
		{"reclassified as privacy: close", Case{Kind: Privacy, State: Review, Reasons: []Reason{ReasonReclassified}},
			Suggestion{Action: SuggestClose, Because: ReasonReclassified}},
		{"closed: nothing", Case{Kind: California, State: Dismissed}, Suggestion{Action: SuggestLook}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Suggest(&tt.c); got != tt.want {
				t.Errorf("Suggest = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestEveryReasonSaidInWords: each reason has words, a suggestion and
// advice.
func TestEveryReasonSaidInWords(t *testing.T) {
	for _, code := range Reasons() {
		r := ReasonOf(code)
		if r.Words == "" || r.Advice == "" || r.Suggest == "" || strings.Contains(r.Words, "“"+string(code)+"”") {
			t.Errorf("reason %s: %+v, want words, advice and a suggestion", code, r)
		}
	}
}

func TestCausedBy(t *testing.T) {
	c := &Case{Reasons: []Reason{ReasonZIPMismatch, ReasonStillIncomplete}, Missing: []string{"city"}}
	if got := strings.Join(CausedBy(c), ","); got != "city,zip" {
		t.Errorf("CausedBy = %s, want city,zip", got)
	}
}

// TestReportedAs: what staff read before they act is how the report
// counts it.
func TestReportedAs(t *testing.T) {
	for _, tt := range []struct {
		kind    Kind
		outcome Outcome
		class   Class
		words   string
	}{
		{California, OutcomeDisclosure, ClassComplied, "complied"},
		{California, OutcomeRepeat, ClassDenied, "denied, reason “repeat request"},
		{California, "not-covered: not a California resident", ClassNotCovered, "not covered: not a California resident"},
		{California, "dismissed: spam", ClassDenied, "denied, reason “spam” (a request closed without an answer counts as denied)"},
		{Automated, "dismissed: machine mail", ClassDismissed, "not a request"},
		{Other, "denied: identity not verified", ClassDenied, "denied, reason “identity not verified”"},
		{Coppa, "", ClassNone, "no outcome yet"},
		{Privacy, OutcomeComplied, ClassComplied, "complied"},
		{Privacy, OutcomePartlyComplied, ClassComplied, "complied"},
		{Privacy, "denied: identity not verified", ClassDenied, "denied, reason “identity not verified”"},
		{Privacy, "dismissed: spam", ClassDenied, "denied, reason “spam”"},
	} {
		class, _ := Classify(tt.kind, tt.outcome)
		if words := ReportedAs(tt.kind, tt.outcome); class != tt.class || !strings.HasPrefix(words, tt.words) {
			t.Errorf("%s %q: class %q, words %q; want %q, %q…", tt.kind, tt.outcome, class, words, tt.class, tt.words)
		}
	}
}

// TestAnswersFit: declines and free text are offered where they fit,
// machine mail gets no answer.
func TestAnswersFit(t *testing.T) {
	names := func(as []Answer) string {
		var s []string
		for _, a := range as {
			s = append(s, string(a.Template))
		}
		return strings.Join(s, ",")
	}
	if got := names(AnswersFor(California, true)); got != "decline-not-california,decline-not-customer,decline-outside-law" {
		t.Errorf("california declines = %s", got)
	}
	if got := names(AnswersFor(Other, false)); got != "" {
		t.Errorf("other answers = %s, want none", got)
	}
	if got := names(AnswersFor(Privacy, false)) + names(AnswersFor(Privacy, true)); got != "" {
		t.Errorf("privacy answers = %s, want none: staff close it", got)
	}
	if got := Join(Closings, ","); got != "complied,partly-complied,denied,not-a-request" {
		t.Errorf("Closings = %s", got)
	}
	free, _ := AnswerOf(TemplateStaffReply)
	if !free.Fits(Other) || free.Fits(Automated) {
		t.Errorf("a free-text reply fits other %v, machine mail %v; want true, false", free.Fits(Other), free.Fits(Automated))
	}
}

// TestRowGist: rows of the same subject tell themselves apart.
func TestRowGist(t *testing.T) {
	c := &Case{ID: "C-1", Kind: California, Fields: Fields{Name: "Ada", City: "Fresno", State: "CA", ZIP: "93704"},
		Messages: []Message{{From: `"Ada B" <ada@example.com>`, Subject: "Request for California Privacy Information"}}}
	if r := c.Row(); r.Gist != "Fresno, CA 93704" || r.Name != "Ada" {
		t.Errorf("row = %+v", r)
	}
	o := &Case{Kind: Other, Messages: []Message{{From: `"Bo" <bo@x>`, Text: "hello\n\nthere"}}}
	if r := o.Row(); r.Gist != "hello there" || r.Name != "Bo" {
		t.Errorf("row = %+v", r)
	}
	if a := (&Case{Kind: Automated, Due: c.Received.AddDate(0, 0, 30)}).Row(); !a.Due.IsZero() {
		t.Errorf("machine mail's row has due date %v, want none", a.Due)
	}
}

func TestSearchWords(t *testing.T) {
	for q, want := range map[string]string{
		`Ada  Byron`:            "[ada byron]",
		`"Person 17  Quill" ca`: "[person 17 quill ca]",
		`"unclosed phrase`:      "[unclosed phrase]",
		`""`:                    "[]",
		`c-2026-0001 "a@b.com"`: "[c-2026-0001 a@b.com]",
	} {
		if got := fmt.Sprintf("%q", SearchWords(q)); got != want && fmt.Sprint(SearchWords(q)) != want {
			t.Errorf("SearchWords(%q) = %s, want %s", q, got, want)
		}
	}
	if got := SearchWords(`"Person 17  Quill" ca`); len(got) != 2 || got[0] != "person 17 quill" {
		t.Errorf("a phrase in quotes = %q, want one word", got)
	}
}

// TestREADMENamesEveryReason: the README's paragraph of review reasons
// names every reason of the table, and nothing else.
func TestREADMENamesEveryReason(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, para, ok := strings.Cut(string(readme), "\nReview reasons: ")
	if !ok {
		t.Fatal("README.md has no paragraph starting “Review reasons:”")
	}
	para, _, _ = strings.Cut(para, "\n\n")
	var named []Reason
	for i, part := range strings.Split(para, "`") {
		if i%2 == 1 && !strings.Contains(part, " ") {
			named = append(named, Reason(part))
		}
	}
	slices.Sort(named)
	want := slices.Sorted(slices.Values(Reasons()))
	if !slices.Equal(named, want) {
		t.Errorf("README names the reasons %v, want %v", named, want)
	}
}

// TestTemplatesListedOnce: every template has one row; the one only the
// daemon sends is never offered to staff.
func TestTemplatesListedOnce(t *testing.T) {
	seen := map[Template]bool{}
	for _, name := range Templates() {
		if seen[name] {
			t.Errorf("template %s has two rows", name)
		}
		seen[name] = true
	}
	for _, a := range Answers() {
		if a.Automatic {
			t.Errorf("Answers offers %s, which only the daemon sends", a.Template)
		}
	}
	if a, ok := AnswerOf(TemplatePrivacyAck); !ok || a.Fits(Privacy) {
		t.Errorf("AnswerOf(%s) = %+v, %v; want a row that fits no case for staff", TemplatePrivacyAck, a, ok)
	}
}
