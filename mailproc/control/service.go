// Package control is how staff tools reach the daemon: the Service the
// daemon offers (list, show, preview, and the staff actions), a JSON API
// serving it over a unix socket and, when configured, loopback HTTP, and a
// client that speaks to that API. Only the daemon opens the database; tools
// use this.
package control

import (
	"errors"
	"io"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/report"
)

// Service is what staff can do with cases.
type Service interface {
	// List returns the cases that pass the filter, soonest due first.
	List(f Filter) ([]Summary, error)
	// Get returns one case whole.
	Get(id string) (*cases.Case, error)
	// Preview renders the reply a draft would send on a case now: for
	// email, the very bytes approving it would send.
	Preview(id string, d Draft) (Preview, error)
	// Approve sends the case a reply chosen by staff, with corrected
	// fields, and files its mail as processed.
	Approve(id string, a Approval) (*cases.Case, error)
	// Dismiss closes a case without an answer, for a reason.
	Dismiss(id string, act Act) (*cases.Case, error)
	// Reclassify says what kind of request a case really is; it stays with
	// staff, its fields read again for that kind.
	Reclassify(id string, kind cases.Kind, act Act) (*cases.Case, error)
	// Done marks a coppa case done and sends coppa-completed.
	Done(id string, act Act) (*cases.Case, error)
	// Reopen puts a closed case back with staff.
	Reopen(id string, act Act) (*cases.Case, error)
	// Search returns a page of the cases a query asks for.
	Search(q Query) (Page, error)
	// Advise says what to make of a case: its reasons in plain words,
	// what to do first, the answers that fit, the requester's other cases.
	Advise(id string) (Advice, error)
	// Bulk does one action to many cases, each checked on its own.
	Bulk(b Bulk) ([]BulkResult, error)
	// Close closes a privacy case as complied, partly complied, denied
	// (with a reason) or not a request (SPEC §10).
	Close(id string, c Closing) (*cases.Case, error)
}

// Reporter makes the monthly report of SPEC §8; jobs.Scheduler is one.
type Reporter interface {
	MonthReport(year int, month time.Month) (report.Report, error)
}

// DataKeeper gives out the data: a backup of the database, and all held
// about one requester.
type DataKeeper interface {
	Backup(w io.Writer) (int64, error)
	Export(email string) ([]cases.Case, error)
}

// Filter selects cases; empty fields select all.
type Filter struct {
	State   cases.State  `json:"state,omitempty"`
	Kind    cases.Kind   `json:"kind,omitempty"`
	Reason  cases.Reason `json:"reason,omitempty"`
	Overdue bool         `json:"overdue,omitempty"` // only open cases past their due date
	Open    bool         `json:"open,omitempty"`    // only open cases
	ToPost  bool         `json:"to_post,omitempty"` // only cases with a letter waiting to be posted
}

// Summary is one line of a case list.
type Summary struct {
	ID       string         `json:"id"`
	Kind     cases.Kind     `json:"kind"`
	State    cases.State    `json:"state"`
	Reasons  []cases.Reason `json:"reasons"`
	Email    string         `json:"email"`
	Subject  string         `json:"subject"`
	Received time.Time      `json:"received"`
	Due      time.Time      `json:"due"` // zero: no legal due date (machine mail)
	Overdue  bool           `json:"overdue"`
	Messages int            `json:"messages"`
	Channel  string         `json:"channel"`            // email or letter
	ToPost   bool           `json:"to_post"`            // a letter waits to be printed and posted
	Name     string         `json:"name,omitempty"`     // the requester's, as read
	Gist     string         `json:"gist,omitempty"`     // a line telling it from its neighbours
	Outcome  cases.Outcome  `json:"outcome,omitempty"`  // how it was closed
	Pending  bool           `json:"pending,omitempty"`  // a reply is planned or being sent
	Attached int            `json:"attached,omitempty"` // attachments in its mail
	// Law and Rights are a privacy case's; About names it in plain words
	// with its due date: "GDPR access request, due 4 April".
	Law    string   `json:"law,omitempty"`
	Rights []string `json:"rights,omitempty"`
	About  string   `json:"about,omitempty"`
}

// Act is who does something to a case, and why. Over the API the actor
// is the caller (see Listeners): a body may leave it out.
type Act struct {
	Actor  string `json:"actor,omitempty"`
	Reason string `json:"reason,omitempty"` // required to dismiss and reopen
	// Note is for the history only: it never reaches the requester.
	Note string `json:"note,omitempty"`
	// Message is for the requester: the reply carries it (coppa-completed
	// says what was done with it). A template with no place for it
	// refuses it rather than drop it.
	Message string `json:"message,omitempty"`
}

// Approval is a staff decision to answer a case. A reply staff write
// (cases.TemplateStaffReply) carries its text as Act.Message and the
// outcome staff give it (one of cases.OutcomeChoices, or none), with
// Act.Reason where the outcome needs one.
type Approval struct {
	Act
	Template cases.Template `json:"template"`
	Fields   *cases.Fields  `json:"fields,omitempty"` // corrected fields, california
	Outcome  cases.Outcome  `json:"outcome,omitempty"`
}

// Draft is a reply staff consider: its template, the fields corrected
// (nil: the case's own), the message for the requester and, for a reply
// they write, its outcome and reason.
type Draft struct {
	Template cases.Template `json:"template"`
	Fields   *cases.Fields  `json:"fields,omitempty"`
	Message  string         `json:"message,omitempty"`
	Outcome  cases.Outcome  `json:"outcome,omitempty"`
	Reason   string         `json:"reason,omitempty"`
}

// Closing is how staff close a privacy case: Outcome is one of
// cases.Closings; a denial needs Act.Reason.
type Closing struct {
	Act
	Outcome cases.Outcome `json:"outcome"`
}

// Preview is a reply as it would go out.
type Preview struct {
	Template cases.Template `json:"template"`
	To       string         `json:"to"`
	Subject  string         `json:"subject"`
	Text     string         `json:"text"`
	HTML     string         `json:"html"`
	// Raw is the whole email, headers and body, byte for byte as
	// approving the draft now would send it; "" for a letter, whose text
	// is Text.
	Raw string `json:"raw,omitempty"`
	// Outcome is what sending it records; Reported says how the monthly
	// report will count it, in plain words.
	Outcome  cases.Outcome `json:"outcome,omitempty"`
	Reported string        `json:"reported"`
}

// Errors a Service returns; the API maps them to HTTP statuses and the
// client back.
var (
	ErrNotFound = errors.New("no such case")
	ErrRefused  = errors.New("refused")
	ErrInvalid  = errors.New("invalid request")
)

// Plain is an error of the Service in the words staff read: what the
// daemon said after the refusal ("the case is dismissed; reopen it
// first"), without the action and case before it or the sentinel's name.
func Plain(err error) string {
	msg := err.Error()
	for _, sentinel := range []error{ErrRefused, ErrInvalid, ErrNotFound} {
		if i := strings.LastIndex(msg, sentinel.Error()+": "); i >= 0 && errors.Is(err, sentinel) {
			return msg[i+len(sentinel.Error())+2:]
		}
	}
	return msg
}
