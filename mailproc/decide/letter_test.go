package decide

import (
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

func TestLetter(t *testing.T) {
	full := cases.Fields{Name: "Ada Byron", Street: "12 Oak St", City: "Fresno", State: "CA", ZIP: "93704"}
	noZIP := full
	noZIP.ZIP = ""
	nevada := full
	nevada.State, nevada.ZIP = "NV", "89501"
	newYork := full
	newYork.ZIP = "10001"
	tests := []struct {
		name      string
		kind      cases.Kind
		f         cases.Fields
		firstLine bool
		action    Action
		template  cases.Template
		missing   []string
		reasons   []cases.Reason
	}{
		{"complete", cases.California, full, true, Reply, CaliforniaDisclosure, nil, nil},
		{"no first line", cases.California, full, false, Reply, CaliforniaIncomplete, []string{"first-line"}, nil},
		{"no zip", cases.California, noZIP, true, Reply, CaliforniaIncomplete, []string{"zip"}, nil},
		{"not california", cases.California, nevada, true, Review, "", nil, []cases.Reason{"not-california"}},
		{"zip mismatch", cases.California, newYork, true, Review, "", nil, []cases.Reason{"zip-mismatch"}},
		{"coppa", cases.Coppa, cases.Fields{}, false, Reply, CoppaReceived, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Letter(tt.kind, tt.f, tt.firstLine, cases.CoppaFields{ParentName: "Pat"})
			if d.Action != tt.action || d.Template != tt.template || !equal(d.Missing, tt.missing) || !equal(d.Reasons, tt.reasons) {
				t.Errorf("Letter(%s) = %s %q missing %v reasons %v, want %s %q %v %v",
					tt.name, d.Action, d.Template, d.Missing, d.Reasons, tt.action, tt.template, tt.missing, tt.reasons)
			}
		})
	}
}
