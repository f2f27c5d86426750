package reply

import "time"

// Data is everything a template may use. Times are in the company's time
// zone; values that came from a requester are made one line by Render.
type Data struct {
	Company        string      // the company's name, e.g. "Cooper"
	CaseID         string      // e.g. "C-2025-0042"
	RequesterName  string      // as written by the requester; "" when unknown
	RequesterEmail string      // the address the reply goes to
	Subject        string      // the request's subject, sanitised
	Received       time.Time   // when our mail server received the request
	Due            time.Time   // when the answer is due
	Fields         Fields      // what a california request gave
	Missing        []string    // california fields missing: "name", "street", "city", "state", "zip", "first-line"
	CoveredYear    int         // the calendar year a disclosure covers
	Disclosure     Disclosure  // what was shared in CoveredYear
	EarlierAnswer  time.Time   // when this calendar year's request was answered
	CoppaInfo      CoppaInfo   // what the company says about children's data
	Coppa          CoppaFields // what a coppa request gave
	CoppaMissing   []string    // coppa items missing: "parent-name", "child-account", "relationship", "verification"
	StaffNote      string      // staff's message for the requester (never their note for the history); may span lines
	ReplyAddress   string      // our address, for "write to us at"
	ByPost         bool        // the answer is a printed letter, not an email
	Privacy        Privacy     // what a privacy-rights request asks (SPEC §10)
}

// Privacy is what mailproc understood a privacy-rights request to ask.
type Privacy struct {
	Law    string   // "gdpr", "us-state" or "unknown"
	Rights []string // "access", "deletion", … ; empty when unclear
}

// Fields are the requester's details from a california request.
type Fields struct {
	Name   string
	Street string
	City   string
	State  string // USPS code, e.g. "CA"
	ZIP    string // "12345" or "12345-6789"
}

// Disclosure is what the company disclosed to third parties for their direct
// marketing purposes in one calendar year (Cal. Civ. Code § 1798.83(a)).
type Disclosure struct {
	Categories    []string     // categories of personal information, § 1798.83(e)(6)
	ThirdParties  []ThirdParty // who received it
	NothingShared bool         // true when both lists are empty
}

// ThirdParty is one business that received personal information.
type ThirdParty struct {
	Name     string
	Address  string
	Business string // examples of what it markets, where its name does not show it; may be ""
}

// CoppaInfo describes the company's collection from children (16 CFR § 312.6(a)(1)).
type CoppaInfo struct {
	Collected []string // kinds of personal information collected from children
}

// CoppaFields are what a coppa request told us about the parent and child.
type CoppaFields struct {
	ParentName    string
	ChildName     string
	ChildEmail    string
	ChildUsername string
}
