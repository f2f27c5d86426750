// Package reply renders mailproc's replies from templates and composes them
// into RFC 5322 messages. It does no I/O beyond reading template files: the
// caller sends the bytes Compose returns.
package reply

// Names of the five reply templates.
const (
	CaliforniaDisclosure = "california-disclosure"
	CaliforniaIncomplete = "california-incomplete"
	CaliforniaRepeat     = "california-repeat"
	CoppaReceived        = "coppa-received"
	CoppaCompleted       = "coppa-completed"
)

// Names lists the five templates in a fixed order.
var Names = []string{
	CaliforniaDisclosure,
	CaliforniaIncomplete,
	CaliforniaRepeat,
	CoppaReceived,
	CoppaCompleted,
}
