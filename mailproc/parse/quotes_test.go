package parse

import (
	"strings"
	"testing"
)

func TestStripQuotes(t *testing.T) {
	lines := func(l ...string) string { return strings.Join(l, "\n") }
	tests := []struct {
		name, in, want string
	}{
		{"nothing to strip", lines("Name: Jane", "City: Fresno"), lines("Name: Jane", "City: Fresno")},
		{"quoted lines dropped", lines("answer", "> quoted", "  > indented quote", ">> deeper", "more answer"), lines("answer", "more answer")},
		{"attribution and below", lines("Name: Omar", "", "On Mon, Apr 14, 2025 at 10:02 AM Cooper <support@example.com> wrote:", "Name:", "City:"), "Name: Omar"},
		{"attribution wrapped", lines("Zip: 92501", "On Mon, Apr 14, 2025 at 10:02 AM Cooper Privacy <", "support@example.com> wrote:", "unquoted old text"), "Zip: 92501"},
		{"attribution without a date is text", lines("On Monday I wrote:", "my answer"), lines("On Monday I wrote:", "my answer")},
		{"sentence starting On is text", lines("On 3 March I moved.", "City: Fresno"), lines("On 3 March I moved.", "City: Fresno")},
		{"german", lines("Hallo", "Am 14.04.2025 um 10:02 schrieb Cooper <support@example.com>:", "alt"), "Hallo"},
		{"french", lines("Bonjour", "Le lun. 14 avr. 2025 à 10:02, Cooper <support@example.com> a écrit :", "ancien"), "Bonjour"},
		{"spanish", lines("Hola", "El lun, 14 abr 2025 a las 10:02, Cooper (<support@example.com>) escribió:", "viejo"), "Hola"},
		{"dutch", lines("Hoi", "Op ma 14 apr 2025 om 10:02 schreef Cooper <support@example.com>:", "oud"), "Hoi"},
		{"original message", lines("See below", "-----Original Message-----", "From: Cooper", "old"), "See below"},
		{"outlook separator", lines("My reply", "", "________________________________", "From: Cooper Privacy <support@example.com>", "Sent: Monday", "old"), "My reply"},
		{"underscores without From are text", lines("Sign here: __________", "__________", "Name: Jane"), lines("Sign here: __________", "__________", "Name: Jane")},
		{"signature dash dash space", lines("Name: Jane", "-- ", "Jane Doe", "1 Main St"), "Name: Jane"},
		{"signature dash dash", lines("Name: Jane", "--", "Footer"), "Name: Jane"},
		{"dashes in text kept", lines("Name -- Jane", "---", "City: Fresno"), lines("Name -- Jane", "---", "City: Fresno")},
		{"forwarded message kept", lines("Resending.", "", "---------- Forwarded message ---------", "From: Anita", "", "Name: Anita"),
			lines("Resending.", "", "---------- Forwarded message ---------", "From: Anita", "", "Name: Anita")},
		{"forward after signature kept", lines("Resending.", "-- ", "Anita", "", "---------- Forwarded message ---------", "Name: Anita"),
			lines("Resending.", "---------- Forwarded message ---------", "Name: Anita")},
		{"apple forward kept", lines("FYI", "Begin forwarded message:", "", "Name: Jane", "> quoted in forward"), lines("FYI", "Begin forwarded message:", "", "Name: Jane")},
		{"thunderbird forward kept", lines("-------- Forwarded Message --------", "Subject: x", "Name: Jane"), lines("-------- Forwarded Message --------", "Subject: x", "Name: Jane")},
		{"quoted forward marker is a quote", lines("mine", "> ---------- Forwarded message ---------", "> old"), "mine"},
		{"trailing spaces and blank lines trimmed", "\n\nName: Jane   \n\n\n", "Name: Jane"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripQuotes(tt.in); got != tt.want {
				t.Errorf("StripQuotes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripQuotesForwardedSubject(t *testing.T) {
	in := strings.Join([]string{"FYI", "________________________________", "From: Jane <jane@example.com>", "Subject: Request", "", "Name: Jane", "-- ", "sig"}, "\n")
	want := strings.Join([]string{"FYI", "________________________________", "From: Jane <jane@example.com>", "Subject: Request", "", "Name: Jane"}, "\n")
	if got := stripQuotes(in, true); got != want {
		t.Errorf("stripQuotes(%q, true) = %q, want %q", in, got, want)
	}
	if got := stripQuotes(in, false); got != "FYI" {
		t.Errorf("stripQuotes(%q, false) = %q, want %q", in, got, "FYI")
	}
}

func TestIsForwardSubject(t *testing.T) {
	tests := []struct {
		subject string
		want    bool
	}{
		{"Fwd: Request for California Privacy Information", true},
		{"FW: Request", true},
		{"[EXT] WG: Anfrage", true},
		{"TR : demande", true},
		{"Re: Fwd: Request", false},
		{"Request for California Privacy Information", false},
		{"Forward planning: agenda", false},
	}
	for _, tt := range tests {
		if got := isForwardSubject(tt.subject); got != tt.want {
			t.Errorf("isForwardSubject(%q) = %v, want %v", tt.subject, got, tt.want)
		}
	}
}

func TestUnflow(t *testing.T) {
	tests := []struct {
		name, in string
		delSp    bool
		want     string
	}{
		{"soft breaks joined", "one \ntwo \nthree\nfour", false, "one two three\nfour"},
		{"delsp", "Califor \nnia", true, "California"},
		{"space stuffing undone", " From here\n >not a quote", false, "From here\n>not a quote"},
		{"quote depth kept apart", "> quoted \nnot quoted", false, "> quoted \nnot quoted"},
		{"quoted lines joined", ">> a \n>> b", false, ">> a b"},
		{"signature not joined", "text\n-- \nsig", false, "text\n-- \nsig"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unflow(tt.in, tt.delSp); got != tt.want {
				t.Errorf("unflow(%q, %v) = %q, want %q", tt.in, tt.delSp, got, tt.want)
			}
		})
	}
}
