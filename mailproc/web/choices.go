package web

import (
	"slices"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/reply"
)

// option is one choice in a select.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// options makes a select's choices from values, marking the chosen one.
// A non-empty anyLabel adds a first choice, the value "", for "any".
func options(values []string, chosen, anyLabel string) []option {
	var opts []option
	if anyLabel != "" {
		opts = append(opts, option{Value: "", Label: anyLabel, Selected: chosen == ""})
	}
	for _, v := range values {
		opts = append(opts, option{Value: v, Label: v, Selected: v == chosen})
	}
	return opts
}

// openStates are the states the queue shows.
func openStates() []string {
	return []string{string(cases.Review), string(cases.AwaitingStaff), string(cases.AwaitingRequester)}
}

// allKinds are the kinds a case can have.
func allKinds() []string {
	return []string{string(cases.California), string(cases.Coppa), string(cases.Privacy), string(cases.Other), string(cases.Automated)}
}

// reclassifyKinds are the kinds staff may give a case.
func reclassifyKinds() []string {
	return []string{string(cases.California), string(cases.Coppa), string(cases.Privacy), string(cases.Other)}
}

// reviewReasons are the reasons a case can be with staff.
func reviewReasons() []string {
	return []string{
		cases.ReasonAmbiguous, cases.ReasonNearMiss, cases.ReasonAutomated,
		cases.ReasonNotCalifornia, cases.ReasonZIPMismatch, cases.ReasonNoDisclosureData,
		cases.ReasonDeliveryUnknown, cases.ReasonRateLimited, cases.ReasonTooLarge,
		cases.ReasonUnparseable, cases.ReasonDMARCFail, cases.ReasonNoReplyAddress,
		cases.ReasonDeliveryFailed, cases.ReasonTemplateFailed, cases.ReasonFollowUp,
		cases.ReasonStillIncomplete, cases.ReasonAlreadyReplied, cases.ReasonPrivacyRequest,
	}
}

// closingLabels name how a privacy case can be closed, for the close form.
func closingLabels() map[string]string {
	return map[string]string{
		cases.OutcomeComplied:       "complied: done as asked",
		cases.OutcomePartlyComplied: "partly complied: some of it done (say what in the note)",
		cases.OutcomeDenied:         "denied: not done, for the reason given",
		cases.OutcomeNotRequest:     "not a request: the mail asked for nothing of the kind",
	}
}

// fittingTemplates are the reply templates for a kind of case: the
// california ones for california, the coppa ones for coppa, none else.
func fittingTemplates(k cases.Kind) []string {
	if k != cases.California && k != cases.Coppa {
		return nil
	}
	var names []string
	for _, n := range reply.Names {
		if strings.HasPrefix(n, string(k)+"-") {
			names = append(names, n)
		}
	}
	return names
}

// defaultTemplate is the template that fits the case as it stands: the
// incomplete notice while fields are missing, else the disclosure; for
// coppa the acknowledgement until it was sent, then the completion.
func defaultTemplate(c *cases.Case) string {
	switch c.Kind {
	case cases.California:
		if len(c.Missing) > 0 {
			return reply.CaliforniaIncomplete
		}
		return reply.CaliforniaDisclosure
	case cases.Coppa:
		if c.Reply(reply.CoppaReceived) == nil {
			return reply.CoppaReceived
		}
		return reply.CoppaCompleted
	}
	return ""
}

// fits reports whether a template may answer a case of this kind.
func fits(k cases.Kind, template string) bool {
	return template != "" && slices.Contains(fittingTemplates(k), template)
}
