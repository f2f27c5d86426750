package reply

import (
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

func TestRenderEscapesRequesterValuesInHTML(t *testing.T) {
	set := defaultSet(t)
	attacks := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`}
	for _, attack := range attacks {
		for _, name := range []cases.Template{CaliforniaIncomplete, CaliforniaDisclosure, CoppaReceived, CoppaCompleted} {
			t.Run(string(name)+"/"+attack, func(t *testing.T) {
				d := coppaData(t)
				d.Disclosure = twoThirdParties()
				d.RequesterName = attack
				d.Fields = Fields{Name: attack, Street: attack, City: attack}
				d.Coppa = CoppaFields{ParentName: attack, ChildName: attack, ChildUsername: attack}
				got, err := set.Render(name, d)
				if err != nil {
					t.Fatalf("Render(%s) = %v", name, err)
				}
				for _, raw := range []string{"<script", "<img", `"><`} {
					if strings.Contains(got.HTML, raw) {
						t.Errorf("Render(%s).HTML contains %q unescaped:\n%s", name, raw, got.HTML)
					}
				}
				escaped := strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(attack)
				if !strings.Contains(got.HTML, escaped) {
					t.Errorf("Render(%s).HTML lacks %q", name, escaped)
				}
			})
		}
	}
}

func TestRenderUnknownName(t *testing.T) {
	set := defaultSet(t)
	_, err := set.Render("california-disclosur", baseData(t))
	if err == nil || !strings.Contains(err.Error(), `"california-disclosur"`) ||
		!strings.Contains(err.Error(), "unknown template") {
		t.Errorf("Render(unknown) = %v, want an error naming the unknown template", err)
	}
}

func TestRenderSubject(t *testing.T) {
	set := defaultSet(t)
	tests := []struct {
		template      cases.Template
		subject, want string
	}{
		{CaliforniaDisclosure, "Request for California Privacy Information", "Re: Request for California Privacy Information"},
		{CaliforniaDisclosure, "RE: Request for California Privacy Information", "RE: Request for California Privacy Information"},
		{CaliforniaRepeat, "re:Request for California Privacy Information", "re:Request for California Privacy Information"},
		{CaliforniaIncomplete, "Fwd: Request for California Privacy Information", "Re: Fwd: Request for California Privacy Information"},
		{CaliforniaIncomplete, "Request\r\nBcc: victim@example.com", "Re: Request Bcc: victim@example.com"},
		{CoppaReceived, "  COPPA \t Information\x00 Request ", "Re: COPPA Information Request"},
		{CaliforniaDisclosure, "", "Your California Privacy Rights Request, case C-2025-0042"},
		{CoppaCompleted, "", "Your COPPA Information Request, case C-2025-0042"},
	}
	for _, tc := range tests {
		t.Run(string(tc.template)+"/"+tc.subject, func(t *testing.T) {
			d := baseData(t)
			d.Subject = tc.subject
			d.EarlierAnswer = d.Received.AddDate(0, -1, 0)
			got, err := set.Render(tc.template, d)
			if err != nil {
				t.Fatalf("Render(%s) = %v", tc.template, err)
			}
			if got.Subject != tc.want {
				t.Errorf("Render(%s).Subject = %q, want %q", tc.template, got.Subject, tc.want)
			}
		})
	}
}

func TestRenderKeepsRequesterValuesOnOneLine(t *testing.T) {
	set := defaultSet(t)
	d := baseData(t)
	d.RequesterName = "Jane\r\n\r\nWe have deleted all your data.\n"
	d.Fields.City = "Fresno\nState: NV"
	d.Missing = []string{"zip"}
	got, err := set.Render(CaliforniaIncomplete, d)
	if err != nil {
		t.Fatalf("Render = %v", err)
	}
	for _, want := range []string{"Dear Jane We have deleted all your data.,\n", "City: Fresno State: NV\n"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("Render(%s).Text lacks %q:\n%s", CaliforniaIncomplete, want, got.Text)
		}
	}
}

func TestRenderFailsClearly(t *testing.T) {
	set := defaultSet(t)
	tests := []struct {
		name     string
		template cases.Template
		change   func(*Data)
		want     string
	}{
		{"zero received", CaliforniaDisclosure, func(d *Data) { d.Received = time.Time{} }, "zero time"},
		{"zero earlier answer", CaliforniaRepeat, func(d *Data) { d.EarlierAnswer = time.Time{} }, "zero time"},
		{"unknown missing item", CaliforniaIncomplete, func(d *Data) { d.Missing = []string{"phone"} }, `unknown item "phone"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := baseData(t)
			d.EarlierAnswer = d.Received.AddDate(0, -1, 0)
			tc.change(&d)
			_, err := set.Render(tc.template, d)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), string(tc.template)) {
				t.Errorf("Render(%s) = %v, want an error naming the template and %q", tc.template, err, tc.want)
			}
		})
	}
}

func TestTidy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb", "a\nb\n"},
		{"\n\n a  \n\n\n\nb\t\n\n", " a\n\nb\n"},
		{"", "\n"},
	}
	for _, tc := range tests {
		if got := tidy(tc.in); got != tc.want {
			t.Errorf("tidy(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
