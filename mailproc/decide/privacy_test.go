package decide

import (
	"slices"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// TestDecidePrivacy: a privacy-rights request is kind privacy, review,
// privacy-request, with its law and rights (SPEC §10) — unless something
// SPEC §2 decides first holds; what its headers add stands beside it.
func TestDecidePrivacy(t *testing.T) {
	policy := Policy{MaxMessageBytes: 1 << 20, TrustedAuthServIDs: []string{"mx.cooper.example"}, OwnAddresses: []string{"privacy@cooper.example"}}
	const request = "Under Article 17 GDPR please erase all personal data you hold about me."
	tests := []struct {
		name    string
		headers []string
		body    string
		kind    cases.Kind
		action  Action
		reasons []cases.Reason
		law     string
		rights  []string
	}{
		{"request", from("Erasure"), request, cases.Privacy, Review, []cases.Reason{"privacy-request"}, "gdpr", []string{"deletion"}},
		{"us law, two rights", from("CCPA"), "Under the CCPA please tell me what personal information you have about me and then delete it.",
			cases.Privacy, Review, []cases.Reason{"privacy-request"}, "us-state", []string{"access", "deletion"}},
		{"no law named", from("hi"), "Could you send me a copy of my personal data?", cases.Privacy, Review, []cases.Reason{"privacy-request"}, "unknown", []string{"access"}},
		{"failed dmarc stands beside it", from("Erasure", "Authentication-Results: mx.cooper.example; dmarc=fail"), request,
			cases.Privacy, Review, []cases.Reason{"dmarc-fail", "privacy-request"}, "gdpr", []string{"deletion"}},
		{"from our own address", []string{"From: privacy@cooper.example", "Subject: Erasure"}, request,
			cases.Privacy, Review, []cases.Reason{"no-reply-address", "privacy-request"}, "gdpr", []string{"deletion"}},
		{"near miss first", from("California privacy"), request, cases.Other, Review, []cases.Reason{"near-miss"}, "", nil},
		{"coppa subject first", from("COPPA Information Request"), request, cases.Coppa, Reply, nil, "", nil},
		{"machine mail never", from("Erasure", "List-Id: <news.example.com>"), request, cases.Automated, Ignore, nil, "", nil},
		{"an account alone", from("Please close my account"), "Please delete my account.", cases.Other, Ignore, nil, "", nil},
		{"an unsubscribe", from("unsubscribe"), "Please take me off your mailing list.", cases.Other, Ignore, nil, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(Input{Msg: msg(tt.headers, tt.body), Policy: policy})
			if d.Kind != tt.kind || d.Action != tt.action || !equal(d.Reasons, tt.reasons) {
				t.Errorf("Decide = %s %s %v, want %s %s %v", d.Kind, d.Action, d.Reasons, tt.kind, tt.action, tt.reasons)
			}
			if d.Law != tt.law || !equal(d.Rights, tt.rights) || d.Rights == nil {
				t.Errorf("Decide law %q rights %#v, want %q %v (never nil)", d.Law, d.Rights, tt.law, tt.rights)
			}
			if d.Kind == cases.Privacy && d.Detail == "" {
				t.Errorf("Decide gives a privacy request no detail for the case history")
			}
			if !slices.IsSorted(d.Rights) {
				t.Errorf("Decide rights %v not sorted", d.Rights)
			}
		})
	}
}
