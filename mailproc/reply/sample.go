package reply

import (
	"fmt"
	"time"
)

// trySamples renders every template with a full and a sparse sample, so that
// an override naming a field that does not exist fails at Load, not on the
// first request that needs it.
func (s *Set) trySamples() error {
	byPost := fullSample()
	byPost.ByPost = true
	for _, d := range []Data{fullSample(), sparseSample(), byPost} {
		for _, name := range Names {
			if _, err := s.Render(name, d); err != nil {
				return fmt.Errorf("try sample data: %w", err)
			}
		}
	}
	return nil
}

// fullSample has every field set.
func fullSample() Data {
	d := sparseSample()
	d.RequesterName = "Sample Requester"
	d.Fields = Fields{Name: "Sample Requester", Street: "1 Sample St", City: "Fresno", State: "CA", ZIP: "93721"}
	d.Missing = []string{"name", "street", "city", "state", "zip", "first-line"}
	d.Disclosure = Disclosure{
		Categories:   []string{"name and address"},
		ThirdParties: []ThirdParty{{Name: "Sample Co", Address: "1 Market St, San Francisco, CA 94105", Business: "catalogs"}},
	}
	d.CoppaInfo = CoppaInfo{Collected: []string{"username"}}
	d.Coppa = CoppaFields{ParentName: "Sample Parent", ChildName: "Sample Child", ChildEmail: "child@example.com", ChildUsername: "child"}
	d.CoppaMissing = []string{"parent-name", "child-account", "relationship", "verification"}
	d.StaffNote = "Sample note."
	d.Privacy = Privacy{Law: "gdpr", Rights: []string{"access", "consent-withdrawal", "correction", "deletion", "objection", "opt-out", "portability", "restriction"}}
	return d
}

// sparseSample has only what every reply needs.
func sparseSample() Data {
	received := time.Date(2025, time.March, 3, 10, 0, 0, 0, time.UTC)
	return Data{
		Company:        "Sample",
		CaseID:         "C-2025-0001",
		RequesterEmail: "requester@example.com",
		Received:       received,
		Due:            received.AddDate(0, 0, 30),
		CoveredYear:    2024,
		Disclosure:     Disclosure{NothingShared: true},
		EarlierAnswer:  received.AddDate(0, 0, -30),
		ReplyAddress:   "privacy@example.com",
	}
}
