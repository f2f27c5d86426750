package validate

import (
	"reflect"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

func TestFirstLine(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"plain", "California Privacy Rights Request\n\nName: A", "California Privacy Rights Request"},
		{"leading blanks", "\n\n  California Privacy Rights Request  \n", "California Privacy Rights Request"},
		{"hi", "Hi,\n\nCalifornia Privacy Rights Request", "California Privacy Rights Request"},
		{"dear", "Dear Privacy Office,\nCalifornia Privacy Rights Request", "California Privacy Rights Request"},
		{"to whom", "To whom it may concern:\n\nCalifornia Privacy Rights Request", "California Privacy Rights Request"},
		{"greetings", "Greetings,\nx", "x"},
		{"only one salutation skipped", "Hello,\nHi again,\nCalifornia Privacy Rights Request", "Hi again,"},
		{"long greeting is not a salutation", "Hello, I am writing to ask you about the data you hold on me and my family members\nCalifornia Privacy Rights Request", "Hello, I am writing to ask you about the data you hold on me and my family members"},
		{"empty", "", ""},
		{"only salutation", "Hi,\n", ""},
		{"salutation saying the phrase", "Hi, California Privacy Rights Request\nName: A", "Hi, California Privacy Rights Request"},
		{"forward with nothing added", "---------- Forwarded message ---------\nFrom: A <a@x>\nDate: Tue\nSubject: x\nTo: <b@y>\n\n\nCalifornia Privacy Rights Request\n", "California Privacy Rights Request"},
		{"forward after own text", "Resending.\n---------- Forwarded message ---------\nFrom: A\n\nCalifornia Privacy Rights Request", "Resending."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FirstLine(tt.text); got != tt.want {
				t.Errorf("FirstLine(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestParseState(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"CA", "CA", true}, {"ca", "CA", true}, {"Ca", "CA", true}, {"California", "CA", true},
		{"Calif.", "CA", true}, {"CALIFORNIA", "CA", true}, {"CA.", "CA", true},
		{"OR", "OR", true}, {"Oregon", "OR", true}, {"N.Y.", "NY", true}, {"New York", "NY", true},
		{"district of columbia", "DC", true}, {"Ontario", "ON", true},
		{"", "", false}, {"Narnia", "", false}, {"XX", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseState(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseState(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseZIP(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"94110", "94110", true}, {"94110-1234", "94110-1234", true}, {"94110 1234", "94110-1234", true},
		{"941101234", "94110-1234", true}, {"9411", "", false}, {"941100", "", false}, {"ABCDE", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseZIP(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseZIP(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for zip, want := range map[string]bool{"90000": true, "96199": true, "96200": false, "89999": false, "10001": false, "94110-1234": true} {
		if got := CaliforniaZIP(zip); got != want {
			t.Errorf("CaliforniaZIP(%q) = %v, want %v", zip, got, want)
		}
	}
}

func TestSplitPlace(t *testing.T) {
	tests := []struct {
		in     string
		before string
		p      place
		ok     bool
	}{
		{"Santa Barbara, CA 93101", "", place{"Santa Barbara", "CA", "93101"}, true},
		{"Los Angeles, CA 90039-3207", "", place{"Los Angeles", "CA", "90039-3207"}, true},
		{"La Jolla CA 92037", "", place{"La Jolla", "CA", "92037"}, true},
		{"Walnut Creek, California 94596", "", place{"Walnut Creek", "CA", "94596"}, true},
		{"Portland, OR 97204.", "", place{"Portland", "OR", "97204"}, true},
		{"2150 Shattuck Ave, Berkeley, CA 94704", "2150 Shattuck Ave", place{"Berkeley", "CA", "94704"}, true},
		{"New York, NY 10001", "", place{"New York", "NY", "10001"}, true},
		{"Call me at 555 12345", "", place{}, false},
		{"CA 94110", "", place{}, false},
	}
	for _, tt := range tests {
		before, p, ok := splitPlace(tt.in)
		if before != tt.before || p != tt.p || ok != tt.ok {
			t.Errorf("splitPlace(%q) = %q, %+v, %v, want %q, %+v, %v", tt.in, before, p, ok, tt.before, tt.p, tt.ok)
		}
	}
}

func TestCalifornia(t *testing.T) {
	tests := []struct {
		name string
		text string
		want cases.Fields
	}{
		{"labels", "California Privacy Rights Request\n\nName: Ada Byron\nStreet address: 12 Oak Street\nCity: Fresno\nState: CA\nZIP code: 93704\n",
			fields("Ada Byron", "12 Oak Street", "Fresno", "CA", "93704")},
		{"dash labels any case", "NAME - Ada Byron\nADDRESS - 12 Oak St\nCITY - Fresno\nSTATE - california\nPOSTAL CODE - 93704",
			fields("Ada Byron", "12 Oak St", "Fresno", "CA", "93704")},
		{"address lines 1 and 2", "Full name: Ada Byron\nAddress line 1: 12 Oak St\nAddress line 2: Apt 3\nCity: Fresno\nState: Calif.\nZip: 93704-1111",
			fields("Ada Byron", "12 Oak St, Apt 3", "Fresno", "CA", "93704-1111")},
		{"one-line address", "Name: Ada Byron\nAddress: 12 Oak St, Fresno, CA 93704",
			fields("Ada Byron", "12 Oak St", "Fresno", "CA", "93704")},
		{"one-line address with unit", "Name: Ada Byron\nAddress: 12 Oak St, Unit 4, Fresno, CA 93704",
			fields("Ada Byron", "12 Oak St, Unit 4", "Fresno", "CA", "93704")},
		{"block", "My details:\n\nAda Byron\n12 Oak Street\nFresno, CA 93704\n\nThanks",
			fields("Ada Byron", "12 Oak Street", "Fresno", "CA", "93704")},
		{"block with unit line", "Ada Byron\n12 Oak Street\nApt 5B\nFresno CA 93704-2222",
			fields("Ada Byron", "12 Oak Street, Apt 5B", "Fresno", "CA", "93704-2222")},
		{"block after empty address label", "Name: Ada Byron\nAddress:\n12 Oak Street\nFresno, CA 93704",
			fields("Ada Byron", "12 Oak Street", "Fresno", "CA", "93704")},
		{"street label then city line", "Name: Ada Byron\nAddress: 12 Oak Street\nFresno, CA 93704",
			fields("Ada Byron", "12 Oak Street", "Fresno", "CA", "93704")},
		{"value on next line", "Name:\nAda Byron\nStreet:\n12 Oak St\nCity:\nFresno\nState:\nCA\nZIP:\n93704",
			fields("Ada Byron", "12 Oak St", "Fresno", "CA", "93704")},
		{"first value wins", "Name: Ada Byron\nName: Someone Else\nCity: Fresno\nCity: Reno",
			cases.Fields{Name: "Ada Byron", City: "Fresno"}},
		{"empty values skipped", "Name:\nStreet address:\nCity: Fresno",
			cases.Fields{City: "Fresno"}},
		{"blank form values", "Name: ______\nCity: N/A\nState: [state]",
			cases.Fields{}},
		{"not california kept as code", "Name: Ada\nStreet: 1 Main\nCity: Portland\nState: Oregon\nZIP: 97204",
			fields("Ada", "1 Main", "Portland", "OR", "97204")},
		{"state and zip on one line", "State: CA 94110",
			cases.Fields{State: "CA", ZIP: "94110"}},
		{"city line with state and zip", "City: Fresno, CA 93704",
			cases.Fields{City: "Fresno", State: "CA", ZIP: "93704"}},
		{"bad zip is missing", "ZIP: 9370",
			cases.Fields{}},
		{"unknown state is missing", "State: Atlantis",
			cases.Fields{}},
		{"prose name-brand is no label", "I like name-brand things\nname-brand - stuff",
			cases.Fields{}},
		{"no block without city line", "Ada Byron\n12 Oak Street\n",
			cases.Fields{}},
		{"closing line is no name", "Thanks,\n12 Oak Street\nFresno, CA 93704",
			cases.Fields{Street: "12 Oak Street", City: "Fresno", State: "CA", ZIP: "93704"}},
		{"table rows", "Name\tAda Byron\nStreet address:\t12 Oak St\nCity\tFresno\nState\tCA\nZIP\t93704",
			fields("Ada Byron", "12 Oak St", "Fresno", "CA", "93704")},
		{"first and last name", "First name: Ada\nLast name: Byron\nStreet address 1: 12 Oak St\nStreet address 2: Apt 3",
			fields("Ada Byron", "12 Oak St, Apt 3", "", "", "")},
		{"numbered form with notes", "1. Full name (first and last): Ada Byron\n2) ZIP code (5 digits): 93704\n3. City, State: Fresno, CA",
			fields("Ada Byron", "", "Fresno", "CA", "93704")},
		{"state with code in parentheses", "State: California (CA)", fields("", "", "", "CA", "")},
		{"country after the ZIP", "Ada Byron\n12 Oak St\nFresno, CA 93704 USA", fields("Ada Byron", "12 Oak St", "Fresno", "CA", "93704")},
		{"address in a sentence", "My name is Ada Byron and I live at 12 Oak St, Fresno, CA 93704.",
			fields("Ada Byron", "12 Oak St", "Fresno", "CA", "93704")},
		{"labels win over prose", "Name: Ada Byron\nMy name is Someone Else", fields("Ada Byron", "", "", "", "")},
		{"empty", "", cases.Fields{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := California(tt.text); got != tt.want {
				t.Errorf("California(%q) =\n %+v, want\n %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestMissing(t *testing.T) {
	got := Missing(cases.Fields{Name: "A", City: "B"}, false)
	want := []string{"first-line", "state", "street", "zip"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Missing = %v, want %v", got, want)
	}
	if got := Missing(fields("a", "b", "c", "CA", "90000"), true); len(got) != 0 {
		t.Errorf("Missing(complete) = %v, want none", got)
	}
}

func TestCoppa(t *testing.T) {
	tests := []struct {
		name, text, sender string
		want               cases.CoppaFields
	}{
		{"labels", "Child's name: Sam Lee\nUsername on Cooper: sam_l_12\nChild's email: sam.kid@example.org\nParent name: Kim Lee",
			"kim@example.org", cases.CoppaFields{ParentName: "Kim Lee", ChildName: "Sam Lee", ChildEmail: "sam.kid@example.org", ChildUsername: "sam_l_12"}},
		{"prose username", "His username is dino_max_12. Thanks", "p@example.org",
			cases.CoppaFields{ChildUsername: "dino_max_12"}},
		{"quoted username", "Her username is “lily.art” and she used my old email, old.me@example.net, to sign up.", "me@example.com",
			cases.CoppaFields{ChildUsername: "lily.art", ChildEmail: "old.me@example.net"}},
		{"sender address is not the child's", "Write to me at me@example.com", "me@example.com", cases.CoppaFields{}},
		{"nothing", "Please delete my daughter's data.", "a@b.c", cases.CoppaFields{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Coppa(tt.text, tt.sender); got != tt.want {
				t.Errorf("Coppa(%q) =\n %+v, want\n %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestCoppaMissing(t *testing.T) {
	got := CoppaMissing(cases.CoppaFields{})
	want := []string{"child-account", "parent-name", "relationship", "verification"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CoppaMissing(empty) = %v, want %v", got, want)
	}
	got = CoppaMissing(cases.CoppaFields{ParentName: "P", ChildUsername: "u"})
	want = []string{"relationship", "verification"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CoppaMissing(full) = %v, want %v", got, want)
	}
}

func fields(name, street, city, state, zip string) cases.Fields {
	return cases.Fields{Name: name, Street: street, City: city, State: state, ZIP: zip}
}

func TestCoppaChildNameInProse(t *testing.T) {
	for text, want := range map[string]string{
		"My daughter Kayla Jones used your app.":  "Kayla Jones",
		"my son is named Max and he is 11.":       "Max",
		"My son is 12 and uses the app.":          "",
		"Our child, Sam Lee, signed up last year": "Sam Lee",
	} {
		if got := Coppa(text, "p@example.com").ChildName; got != want {
			t.Errorf("Coppa(%q).ChildName = %q, want %q", text, got, want)
		}
	}
}

func TestLinesEndAtEveryLineBreak(t *testing.T) {
	got := Lines("a\rb\r\nc\nd\r\re ")
	want := []string{"a", "b", "c", "d", "", "e"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lines = %q, want %q", got, want)
	}
}
