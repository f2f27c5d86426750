package reply

import (
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

func TestMessageID(t *testing.T) {
	tests := []struct {
		caseID   string
		template cases.Template
		from     string
		want     string
		wantErr  bool
	}{
		{"C-2025-0042", CaliforniaDisclosure, "Cooper Privacy <support@cooper.example>",
			"C-2025-0042.california-disclosure@cooper.example", false},
		{"C-2025-0042", CoppaReceived, "support@Cooper.Example", "C-2025-0042.coppa-received@cooper.example", false},
		{"C 2025", CoppaReceived, "support@cooper.example", "", true},
		{"C-1>\r\nX: y", CoppaReceived, "support@cooper.example", "", true},
		{"C-1", "coppa@received", "support@cooper.example", "", true},
		{"", CoppaReceived, "support@cooper.example", "", true},
		{"C-1", CoppaReceived, "not an address", "", true},
		{"C-1", CoppaReceived, "support@[192.0.2.1]", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.caseID+"/"+tc.from, func(t *testing.T) {
			got, err := MessageID(tc.caseID, string(tc.template), tc.from)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("MessageID(%q, %q, %q) = %q, %v; want %q, error %v",
					tc.caseID, tc.template, tc.from, got, err, tc.want, tc.wantErr)
			}
		})
	}
}
