package classify

import (
	"testing"

	"github.com/mailproc/mailproc/mailproc/parse"
)

func TestClassifySubject(t *testing.T) {
	tests := []struct {
		subject string
		want    Subject
	}{
		{"Request for California Privacy Information", Subject{California: true}},
		{"request for california privacy information", Subject{California: true}},
		{"Re: Fwd: [EXT] RE: Request for California Privacy Information - acct 12", Subject{California: true}},
		{"AW: WG: Request  for\tCalifornia  Privacy Information", Subject{California: true}},
		{"Ｒｅｑｕｅｓｔ for California Privacy Information", Subject{California: true}}, // NFKC folds full-width letters
		{"Request for California Privacy\u00a0Information", Subject{California: true}},
		{"COPPA Information Request", Subject{Coppa: true}},
		{"Re: coppa information request", Subject{Coppa: true}},
		{"Request for California Privacy Information / COPPA Information Request", Subject{California: true, Coppa: true}},
		{"California Privacy Information Request", Subject{NearCalifornia: true}},
		{"Request for Califronia Privacy Information", Subject{NearCalifornia: true}},
		{"Request for California Privacy Info", Subject{NearCalifornia: true}},
		{"Shine the Light request", Subject{NearCalifornia: true}},
		{"COPPA request", Subject{NearCoppa: true}},
		{"Coppa Information Requests?", Subject{Coppa: true}},
		{"COPA Information Request", Subject{NearCoppa: true}},
		{"Question about my California order privacy", Subject{NearCalifornia: true}},
		{"COPPA Information Request - California privacy too", Subject{Coppa: true, NearCalifornia: true}},
		{"Order CP-118204 arrived damaged", Subject{}},
		{"Invoice from Coppage Printing", Subject{}},
		{"Information request", Subject{}},
		{"", Subject{}},
	}
	for _, tt := range tests {
		t.Run(tt.subject, func(t *testing.T) {
			if got := ClassifySubject(tt.subject); got != tt.want {
				t.Errorf("ClassifySubject(%q) = %+v, want %+v", tt.subject, got, tt.want)
			}
		})
	}
}

func TestSubstringDistance(t *testing.T) {
	tests := []struct {
		text, pattern string
		want          int
	}{
		{"xx abc yy", "abc", 0},
		{"xx abd yy", "abc", 1},
		{"ac", "abc", 1},
		{"", "abc", 3},
		{"zzzz", "abcdef", 4}, // limit 3: anything above is limit+1
	}
	for _, tt := range tests {
		if got := substringDistance([]rune(tt.text), []rune(tt.pattern), 3); got != tt.want {
			t.Errorf("substringDistance(%q, %q) = %d, want %d", tt.text, tt.pattern, got, tt.want)
		}
	}
}

func TestAutomated(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   bool
	}{
		{"person", "From: A <a@example.com>\r\nSubject: hi\r\n\r\n", false},
		{"auto-submitted no", "From: a@example.com\r\nAuto-Submitted: no\r\n\r\n", false},
		{"auto-replied", "From: a@example.com\r\nAuto-Submitted: auto-replied\r\n\r\n", true},
		{"auto-generated with comment", "From: a@example.com\r\nAuto-Submitted: auto-generated (vacation)\r\n\r\n", true},
		{"precedence bulk", "From: a@example.com\r\nPrecedence: bulk\r\n\r\n", true},
		{"precedence list", "From: a@example.com\r\nPrecedence: List\r\n\r\n", true},
		{"precedence first-class", "From: a@example.com\r\nPrecedence: first-class\r\n\r\n", false},
		{"list-id", "From: a@example.com\r\nList-Id: <x.example.com>\r\n\r\n", true},
		{"list-unsubscribe", "From: a@example.com\r\nList-Unsubscribe: <mailto:u@example.com>\r\n\r\n", true},
		{"null return path", "Return-Path: <>\r\nFrom: a@example.com\r\n\r\n", true},
		{"mailer-daemon", "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\n\r\n", true},
		{"postmaster", "From: postmaster@example.com\r\n\r\n", true},
		{"report", "From: a@example.com\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=x\r\n\r\n", true},
		{"x-autoreply", "From: a@example.com\r\nX-Autoreply: yes\r\n\r\n", true},
		{"x-autorespond", "From: a@example.com\r\nX-Autorespond: yes\r\n\r\n", true},
		{"precedence auto_reply", "From: a@example.com\r\nPrecedence: auto_reply\r\n\r\n", true},
		{"exim bounce", "From: a@example.com\r\nX-Failed-Recipients: b@example.com\r\n\r\n", true},
		{"outlook prefix only", "From: a@example.com\r\nSubject: Automatic reply: Request for California Privacy Information\r\n\r\n", true},
		{"german prefix", "From: a@example.com\r\nSubject: Abwesenheitsnotiz: COPPA Information Request\r\n\r\n", true},
		{"prefix not at the start", "From: a@example.com\r\nSubject: Re: my automatic reply: settings\r\n\r\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := parse.ParseHeader([]byte(tt.header))
			if err != nil {
				t.Fatal(err)
			}
			if sign, got := Automated(h, Ours{}); got != tt.want {
				t.Errorf("Automated(%q) = %v (%q), want %v", tt.header, got, sign, tt.want)
			}
		})
	}
}

func TestHasRequestLine(t *testing.T) {
	for line, want := range map[string]bool{
		"California Privacy Rights Request":                        true,
		"CALIFORNIA PRIVACY RIGHTS REQUEST (account 4)":            true,
		"California Privacy Rights Request - resending":            true,
		"California  Privacy\u00a0Rights Request":                  true,
		"Please treat this as a California Privacy Rights Request": true,
		"California Privacy Request":                               false,
		"":                                                         false,
	} {
		if got := HasRequestLine(line); got != want {
			t.Errorf("HasRequestLine(%q) = %v, want %v", line, got, want)
		}
	}
}
