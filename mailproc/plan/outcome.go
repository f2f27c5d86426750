package plan

import (
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
)

// StateAfter is the state a case is in once a template is sent (its row
// in cases.Answers).
func StateAfter(template cases.Template) cases.State {
	if a, ok := cases.AnswerOf(template); ok {
		return a.State
	}
	return cases.Answered
}

// Outcome names how a template answers a request, for records and
// reports: its row's outcome, "" for one that does not answer it.
func Outcome(template cases.Template) cases.Outcome {
	a, _ := cases.AnswerOf(template)
	return a.Outcome
}

// Describe is a decision as the case history says it.
func Describe(dec decide.Decision) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", dec.Kind, dec.Action)
	if dec.Template != "" {
		fmt.Fprintf(&b, " %s", dec.Template)
	}
	if len(dec.Reasons) > 0 {
		fmt.Fprintf(&b, " (%s)", cases.Join(dec.Reasons, ", "))
	}
	if len(dec.Missing) > 0 {
		fmt.Fprintf(&b, "; missing %s", strings.Join(dec.Missing, ", "))
	}
	if dec.Detail != "" {
		fmt.Fprintf(&b, ": %s", dec.Detail)
	}
	return b.String()
}
