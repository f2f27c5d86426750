package web

import (
	"github.com/mailproc/mailproc/mailproc/cases"
)

// option is one choice in a select.
type option struct {
	Value    string
	Label    string
	Selected bool
}

// options makes a select's choices from values, marking the chosen one.
// A non-empty anyLabel adds a first choice, the value "", for "any".
func options[S ~string](values []S, chosen S, anyLabel string) []option {
	var opts []option
	if anyLabel != "" {
		opts = append(opts, option{Value: "", Label: anyLabel, Selected: chosen == ""})
	}
	for _, v := range values {
		opts = append(opts, option{Value: string(v), Label: string(v), Selected: v == chosen})
	}
	return opts
}

// allStates are the states a case can be in.
func allStates() []string {
	var out []string
	for _, s := range cases.States() {
		out = append(out, string(s))
	}
	return out
}

// allKinds are the kinds a case can have.
func allKinds() []string {
	var out []string
	for _, k := range cases.Kinds() {
		out = append(out, string(k.Kind))
	}
	return out
}

// reclassifyKinds are the kinds staff may give a case.
func reclassifyKinds() []string {
	var out []string
	for _, k := range cases.Kinds() {
		if k.Reclassify {
			out = append(out, string(k.Kind))
		}
	}
	return out
}

// closingLabels name how a privacy case can be closed, for the close form.
func closingLabels() map[cases.Outcome]string {
	return map[cases.Outcome]string{
		cases.OutcomeComplied:       "complied: done as asked",
		cases.OutcomePartlyComplied: "partly complied: some of it done (say what in the note)",
		cases.OutcomeDenied:         "denied: not done, for the reason given",
		cases.OutcomeNotRequest:     "not a request: the mail asked for nothing of the kind",
	}
}

// fits reports whether a template may answer a case of this kind.
func fits(k cases.Kind, template cases.Template) bool {
	a, ok := cases.AnswerOf(template)
	return ok && a.Fits(k)
}

// defaultTemplate is the answer the case page previews when none is
// chosen: the one suggested, else the one that fits the case. A case
// outside California is never offered a disclosure first.
func defaultTemplate(c *cases.Case, s cases.Suggestion) cases.Template {
	switch s.Action {
	case cases.SuggestApprove, cases.SuggestDecline:
		if fits(c.Kind, s.Template) {
			return s.Template
		}
	case cases.SuggestDone:
		return cases.TemplateCoppaDone
	case cases.SuggestReply:
		return cases.TemplateStaffReply
	case cases.SuggestDismiss, cases.SuggestReclassify, cases.SuggestLook, cases.SuggestClose:
		return ""
	}
	return cases.FittingTemplate(c)
}

// reasonOptions are the queue's reason filter: any reason, then every
// reason by its label.
func reasonOptions(chosen cases.Reason) []option {
	opts := options(cases.Reasons(), chosen, "any reason")
	for i := range opts {
		if opts[i].Value != "" {
			opts[i].Label = cases.ReasonOf(cases.Reason(opts[i].Value)).Label
		}
	}
	return opts
}
