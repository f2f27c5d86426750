package reply

import (
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// losAngeles is the company's zone in every fixture.
func losAngeles(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatalf("LoadLocation: %v", err)
	}
	return loc
}

// baseData is what every fixture shares: a california request received on
// March 3, 2025 in Los Angeles.
func baseData(t *testing.T) Data {
	received := time.Date(2025, time.March, 3, 10, 15, 0, 0, losAngeles(t))
	return Data{
		Company:        "Cooper",
		CaseID:         "C-2025-0042",
		RequesterName:  "Jane Doe",
		RequesterEmail: "jane.doe@example.net",
		Subject:        "Request for California Privacy Information",
		Received:       received,
		Due:            received.AddDate(0, 0, 30),
		Fields:         Fields{Name: "Jane Doe", Street: "1234 Olive Ave, Apt 5", City: "Fresno", State: "CA", ZIP: "93728"},
		CoveredYear:    2024,
		ReplyAddress:   "support@cooper.example",
	}
}

// twoThirdParties is a year in which Cooper shared with two businesses.
func twoThirdParties() Disclosure {
	return Disclosure{
		Categories: []string{"name and address", "email address", "the kind of product the customer purchased"},
		ThirdParties: []ThirdParty{
			{Name: "Acme Catalogs", Address: "1 Market St, San Francisco, CA 94105", Business: "home goods catalogs"},
			{Name: "Golden State Garden Supply", Address: "200 Harbor Blvd, Sacramento, CA 95814"},
		},
	}
}

// coppaData is a coppa request from a parent, with nothing known yet.
func coppaData(t *testing.T) Data {
	d := baseData(t)
	d.CaseID = "C-2025-0102"
	d.RequesterName = ""
	d.RequesterEmail = "parent@example.org"
	d.Subject = "COPPA Information Request"
	d.Fields = Fields{}
	d.CoppaInfo = CoppaInfo{Collected: []string{
		"a username and password",
		"an email address (the child's or a parent's)",
		"the child's age or date of birth",
		"messages and pictures the child posts",
		"device identifiers and cookies used to keep the child signed in",
	}}
	d.CoppaMissing = []string{"parent-name", "child-account", "relationship", "verification"}
	return d
}

// goldenCases are the rendered documents kept under testdata/.
func goldenCases(t *testing.T) []struct {
	file     string
	template cases.Template
	data     Data
} {
	disclosure := baseData(t)
	disclosure.Disclosure = twoThirdParties()

	nothing := baseData(t)
	nothing.Disclosure = Disclosure{NothingShared: true}

	incomplete := baseData(t)
	incomplete.Fields = Fields{Name: "Jane Doe", City: "Fresno"}
	incomplete.Missing = []string{"street", "state", "zip", "first-line"}

	firstLine := baseData(t)
	firstLine.Missing = []string{"first-line"}

	repeat := baseData(t)
	repeat.EarlierAnswer = time.Date(2025, time.January, 15, 9, 30, 0, 0, losAngeles(t))

	coppaKnown := coppaData(t)
	coppaKnown.Coppa = CoppaFields{ParentName: "Kenji Watanabe", ChildName: "Noah Watanabe",
		ChildEmail: "noah.w@example.org", ChildUsername: "noah.k.builds"}
	coppaKnown.CoppaMissing = []string{"relationship", "verification"}

	completed := coppaKnown
	completed.CoppaMissing = nil

	byPost := incomplete
	byPost.ByPost, byPost.RequesterEmail, byPost.Subject = true, "", ""

	repeatByPost := repeat
	repeatByPost.ByPost, repeatByPost.RequesterEmail, repeatByPost.Subject = true, "", ""

	coppaByPost := coppaKnown
	coppaByPost.ByPost, coppaByPost.RequesterEmail, coppaByPost.Subject = true, "", ""

	noted := completed
	noted.StaffNote = "We deleted the account noah.k.builds and everything posted from it.\nOrder records of the parent's own purchases are kept, as tax law requires."

	nevada := baseData(t)
	nevada.Fields = Fields{Name: "Jane Doe", Street: "1 Sierra St", City: "Reno", State: "NV", ZIP: "89501"}
	nevadaNoted := nevada
	nevadaNoted.StaffNote = "Nevada residents may ask us under NRS 603A.340 instead; write to us if you wish to."
	outside := coppaData(t)
	written := baseData(t)
	written.StaffNote = "We could not find an account under jane.doe@example.net.\n\nCould you tell us the email address you used to order from us?"
	writtenByPost := written
	writtenByPost.ByPost, writtenByPost.RequesterEmail, writtenByPost.Subject = true, "", ""
	privacy := baseData(t)
	privacy.CaseID, privacy.RequesterName, privacy.Subject = "C-2025-0077", "Anna Lindqvist", "Subject access request (GDPR Article 15)"
	privacy.Fields = Fields{}
	privacy.Due = time.Date(2025, time.April, 3, 23, 59, 59, 0, losAngeles(t))
	privacy.Privacy = Privacy{Law: "gdpr", Rights: []string{"access", "deletion"}}

	unclear := privacy
	unclear.RequesterName, unclear.Subject = "", ""
	unclear.Privacy = Privacy{Law: "unknown"}

	return []struct {
		file     string
		template cases.Template
		data     Data
	}{
		{"california-disclosure", CaliforniaDisclosure, disclosure},
		{"california-disclosure-nothing-shared", CaliforniaDisclosure, nothing},
		{"california-incomplete", CaliforniaIncomplete, incomplete},
		{"california-incomplete-first-line", CaliforniaIncomplete, firstLine},
		{"california-repeat", CaliforniaRepeat, repeat},
		{"coppa-received", CoppaReceived, coppaData(t)},
		{"coppa-received-known", CoppaReceived, coppaKnown},
		{"coppa-completed", CoppaCompleted, completed},
		{"coppa-completed-staff-note", CoppaCompleted, noted},
		{"california-incomplete-by-post", CaliforniaIncomplete, byPost},
		{"california-repeat-by-post", CaliforniaRepeat, repeatByPost},
		{"coppa-received-by-post", CoppaReceived, coppaByPost},
		{"decline-not-california", DeclineNotCalifornia, nevada},
		{"decline-not-california-message", DeclineNotCalifornia, nevadaNoted},
		{"decline-not-customer", DeclineNotCustomer, baseData(t)},
		{"decline-outside-law", DeclineOutsideLaw, outside},
		{"staff-reply", StaffReply, written},
		{"staff-reply-by-post", StaffReply, writtenByPost},
		{"privacy-received", PrivacyReceived, privacy},
		{"privacy-received-unclear", PrivacyReceived, unclear},
	}
}

// defaultSet loads the embedded templates or stops the test.
func defaultSet(t *testing.T) *Set {
	t.Helper()
	set, err := Load("")
	if err != nil {
		t.Fatalf("Load(\"\") = %v", err)
	}
	return set
}
