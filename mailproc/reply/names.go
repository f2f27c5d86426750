// Package reply renders mailproc's replies from templates and composes them
// into RFC 5322 messages. It does no I/O beyond reading template files: the
// caller sends the bytes Compose returns.
package reply

// Names of the reply templates.
const (
	CaliforniaDisclosure = "california-disclosure"
	CaliforniaIncomplete = "california-incomplete"
	CaliforniaRepeat     = "california-repeat"
	CoppaReceived        = "coppa-received"
	CoppaCompleted       = "coppa-completed"
	// The answers staff send to a request the law does not cover, and a
	// reply they write themselves (its text is Data.StaffNote, between
	// the standard opening and closing).
	DeclineNotCalifornia = "decline-not-california"
	DeclineNotCustomer   = "decline-not-customer"
	DeclineOutsideLaw    = "decline-outside-law"
	StaffReply           = "staff-reply"
	// PrivacyReceived confirms receipt of another privacy-rights request
	// (SPEC §10), when [privacy] acknowledge is on.
	PrivacyReceived = "privacy-received"
)

// Names lists the templates in a fixed order.
var Names = []string{
	CaliforniaDisclosure,
	CaliforniaIncomplete,
	CaliforniaRepeat,
	CoppaReceived,
	CoppaCompleted,
	DeclineNotCalifornia,
	DeclineNotCustomer,
	DeclineOutsideLaw,
	StaffReply,
	PrivacyReceived,
}
