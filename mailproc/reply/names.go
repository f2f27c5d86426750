// Package reply renders mailproc's replies from templates and composes them
// into RFC 5322 messages. It does no I/O beyond reading template files: the
// caller sends the bytes Compose returns.
package reply

import "github.com/mailproc/mailproc/mailproc/cases"

// Names of the reply templates, as package cases lists them.
const (
	CaliforniaDisclosure = cases.TemplateDisclosure
	CaliforniaIncomplete = cases.TemplateIncomplete
	CaliforniaRepeat     = cases.TemplateRepeat
	CoppaReceived        = cases.TemplateCoppaAck
	CoppaCompleted       = cases.TemplateCoppaDone
	// The answers staff send to a request the law does not cover, and a
	// reply they write themselves (its text is Data.StaffNote, between
	// the standard opening and closing).
	DeclineNotCalifornia = cases.TemplateNotCalifornia
	DeclineNotCustomer   = cases.TemplateNotCustomer
	DeclineOutsideLaw    = cases.TemplateOutsideLaw
	StaffReply           = cases.TemplateStaffReply
	// PrivacyReceived confirms receipt of another privacy-rights request
	// (SPEC §10), when [privacy] acknowledge is on.
	PrivacyReceived = cases.TemplatePrivacyAck
)

// Names lists the templates in a fixed order: cases.Templates().
var Names = cases.Templates()
