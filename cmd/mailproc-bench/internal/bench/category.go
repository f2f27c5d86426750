package bench

// Category is what a generated message is, and so what mailproc must do
// with it.
type Category int

// The categories of the backlog (issue 7): 75% unrelated, a third of
// those with a large attachment; 15% california (one in five incomplete);
// 7% coppa; 3% automated, half of those quoting a request subject.
const (
	Unrelated            Category = iota // left alone, unread past a preview
	UnrelatedAttachment                  // the same, with a 100–500 KB attachment
	California                           // complete: california-disclosure
	CaliforniaIncomplete                 // no ZIP: california-incomplete
	Coppa                                // coppa-received
	AutomatedRequest                     // an auto-reply quoting a request subject: review
	AutomatedOther                       // a newsletter: ignored
	numCategories
)

var categoryNames = [numCategories]string{
	"unrelated", "unrelated-attachment", "california", "california-incomplete",
	"coppa", "automated-request", "automated-other",
}

// String names the category.
func (c Category) String() string {
	if c < 0 || c >= numCategories {
		return "unknown"
	}
	return categoryNames[c]
}

// Answered reports whether mailproc replies to the message and moves it to
// the processed folder.
func (c Category) Answered() bool {
	return c == California || c == CaliforniaIncomplete || c == Coppa
}

// Reviewed reports whether mailproc moves the message to the review folder,
// flagged, without replying.
func (c Category) Reviewed() bool { return c == AutomatedRequest }

// Moved reports whether the message leaves the inbox.
func (c Category) Moved() bool { return c.Answered() || c.Reviewed() }
