package control

import (
	"github.com/mailproc/mailproc/mailproc/cases"
)

// The views of the queue: what staff must do now apart from what waits on
// others, and what is closed.
const (
	ViewNeedsStaff = "needs-staff" // review, coppa awaiting staff, letters to post
	ViewWaiting    = "waiting"     // waiting on the requester
	ViewClosed     = "closed"      // answered, done, dismissed
	ViewAll        = "all"
)

// Views lists the views in the order the queue shows them.
var Views = []string{ViewNeedsStaff, ViewWaiting, ViewClosed, ViewAll}

// InView reports whether a case in a state (with a letter to post or
// not) belongs to a view; "" is every case.
func InView(view string, s cases.State, toPost bool) bool {
	switch view {
	case ViewNeedsStaff:
		return s == cases.Review || s == cases.AwaitingStaff || toPost
	case ViewWaiting:
		return s == cases.AwaitingRequester && !toPost
	case ViewClosed:
		return !s.Open() && !toPost
	}
	return true
}

// DefaultPerPage is how many rows a page of the queue has.
const DefaultPerPage = 50

// MaxPerPage bounds a page.
const MaxPerPage = 500

// Query asks for a page of cases: those in a view that pass the filter
// and whose text holds every word of Text (case id, address, name,
// subject, message text), in the view's order.
type Query struct {
	Filter
	View    string `json:"view,omitempty"` // one of Views; "" is all
	Text    string `json:"text,omitempty"`
	Page    int    `json:"page,omitempty"`     // from 1; 0 is 1
	PerPage int    `json:"per_page,omitempty"` // 0 is DefaultPerPage
}

// Page is one page of a query's answer.
type Page struct {
	Rows    []Summary      `json:"rows"`
	Total   int            `json:"total"`    // every case that matches, in the view
	InViews map[string]int `json:"in_views"` // how many match in each view, the same filter and text
	Page    int            `json:"page"`
	PerPage int            `json:"per_page"`
	Overdue int            `json:"overdue"` // how many that match are overdue
}

// Pages is how many pages the answer has (at least one).
func (p Page) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return (p.Total + p.PerPage - 1) / p.PerPage
}

// Advice is what the console shows staff about one case beside the case
// itself: each reason in plain words, what to do first, the answers that
// fit and how each would be reported, and the requester's other cases.
type Advice struct {
	Reasons   []cases.ReasonInfo `json:"reasons"`
	Suggested cases.Suggestion   `json:"suggested"`
	// Fields are the fields the reasons point at ("state", "zip",
	// "subject", "from").
	Fields  []string    `json:"fields"`
	Answers []AnswerFit `json:"answers"`
	Others  []Summary   `json:"others"` // the same requester's other cases, newest first
}

// AnswerFit is an answer that fits a case, and how sending it would be
// reported.
type AnswerFit struct {
	Template cases.Template `json:"template"`
	Words    string         `json:"words"`
	Decline  bool           `json:"decline,omitempty"`
	FreeText bool           `json:"free_text,omitempty"`
	Reported string         `json:"reported"`
}

// Bulk is one action on many cases: each is checked on its own and
// reported on its own.
type Bulk struct {
	Act
	// Action: BulkApprove sends each case its suggested answer (a case
	// whose suggestion is no approval is refused); BulkDismiss closes
	// each for Act.Reason.
	Action string   `json:"action"`
	IDs    []string `json:"ids"`
	DryRun bool     `json:"dry_run,omitempty"` // check and say what would happen; change nothing
}

// The bulk actions.
const (
	BulkApprove = "approve"
	BulkDismiss = "dismiss"
)

// MaxBulk bounds the cases of one bulk action.
const MaxBulk = 1000

// BulkResult is what a bulk action did (or would do) to one case.
type BulkResult struct {
	ID       string         `json:"id"`
	OK       bool           `json:"ok"`
	Template cases.Template `json:"template,omitempty"` // the answer sent (approve)
	Reported string         `json:"reported,omitempty"` // how the report counts it
	Error    string         `json:"error,omitempty"`    // why it was refused
}

// File is an attachment as fetched from the mail server.
type File struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Data []byte `json:"data"`
}

// Attachments fetches a case's attachments from the mailbox; staff.Desk
// is one, which fetches them while the daemon runs.
type Attachments interface {
	// Attachment returns the attachment in section part of the case's
	// message n (from 1).
	Attachment(id string, n int, part string) (File, error)
}
