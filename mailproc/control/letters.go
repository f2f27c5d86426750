package control

import (
	"io"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// LetterDesk is how staff handle requests that come by post: enter a
// letter as a case, print the letter that answers it, and record the day
// it was posted. letterdesk.Desk is one (and service.Desk with it).
type LetterDesk interface {
	// AddLetter makes a case of a letter staff read, decides it as the
	// daemon decides mail (required fields, California and ZIP checks,
	// once a year across both channels, disclosure data) and, when the
	// answer is a reply, makes the letter to post.
	AddLetter(l Letter) (*cases.Case, error)
	// PrintLetter renders letter reply n of a case (1 = its first reply;
	// 0 = the letter waiting to be posted, else its latest letter).
	PrintLetter(id string, n int) (Printable, error)
	// MarkPosted records that the case's letter waiting to be posted was
	// posted on a day (its date counts; its clock and zone do not). The
	// day of posting is the answer's date for deadlines and reports.
	MarkPosted(id string, act Act, posted time.Time) (*cases.Case, error)
}

// Letter is a request that came by post, as staff read it.
type Letter struct {
	Act
	Kind cases.Kind `json:"kind"` // california or coppa
	// Received is the day the letter arrived; its date counts, not its
	// clock or zone. A day in the future is refused.
	Received time.Time `json:"received"`
	// Fields are a california request's name and address as written.
	Fields cases.Fields `json:"fields,omitzero"`
	// FirstLine says whether the letter's first line reads "California
	// Privacy Rights Request".
	FirstLine bool `json:"first_line,omitempty"`
	// Coppa are a coppa request's parent and child details.
	Coppa cases.CoppaFields `json:"coppa,omitzero"`
	// ReturnAddress is where to post the answer when the letter's own
	// fields do not say: required for coppa, for california only when the
	// letter lacks its address (staff take it from the envelope).
	ReturnAddress cases.Fields `json:"return_address,omitzero"`
	// Scan is the file the letter was scanned into: a regular file in
	// the scan folder ([letters] scan_dir), named relative to it (or by an
	// absolute path inside it); "" = none.
	Scan string `json:"scan,omitempty"`
}

// MaxScanBytes bounds a scan staff upload.
const MaxScanBytes = 20 << 20

// ScanKeeper keeps scans staff upload in the console: it stores one in
// the scan folder, mode 0600, under a name it chooses, and returns that
// name for Letter.Scan. letterdesk.Desk is one; the API does not offer it
// (tools put files in the scan folder themselves).
type ScanKeeper interface {
	KeepScan(r io.Reader) (string, error)
}

// Printable is one letter ready to print.
type Printable struct {
	CaseID   string           `json:"case_id"`
	Reply    int              `json:"reply"` // its number among the case's replies, from 1
	Template cases.Template   `json:"template"`
	State    cases.ReplyState `json:"state"` // to-post or posted
	To       []string         `json:"to"`    // the address it goes to
	Paper    string           `json:"paper"` // letter or a4
	Envelope string           `json:"envelope"`
	HTML     string           `json:"html"` // a print-ready page; its style is allowed by letter.StyleSource
	PDF      []byte           `json:"pdf"`  // one page
}
