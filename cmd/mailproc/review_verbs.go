package main

import (
	"flag"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// reviewVerb is one verb of `mailproc review`: what follows the verb in
// its synopsis, its summary, and the staff flags it takes (besides
// --config, which every verb takes).
type reviewVerb struct {
	verb, synopsis, summary string
	flags                   []string
}

// correctedFlags are the flags of the corrected fields of approve and
// preview.
var correctedFlags = []string{"name", "street", "city", "state-code", "zip"}

// reviewVerbs are the verbs of `mailproc review`, in the order help lists
// them.
var reviewVerbs = []reviewVerb{
	{"list", "[--state S] [--kind K] [--reason R] [--overdue] [--json]", "list the open cases (with --state, the cases in that state)",
		[]string{"json", "state", "kind", "reason", "overdue"}},
	{"search", "TEXT [--view V] [--page N] [--json]", "find cases by requester, subject or ID, a page of 50 at a time",
		[]string{"json", "view", "page"}},
	{"show", "ID [--json]", "show a case: its messages, replies and history", []string{"json"}},
	{"advise", "ID", "say why a case is with staff and what to do", nil},
	{"preview", "ID [--template T] [--message M] [--outcome O] [--reason R] [corrected fields]", "print the reply a draft would send; send nothing",
		append([]string{"template", "message", "outcome", "reason"}, correctedFlags...)},
	{"approve", "ID [--as NAME] [--template T] [--message M] [--outcome O] [--reason R] [corrected fields] [--note N] [--json]", "send the reply and close the case",
		append([]string{"as", "json", "note", "template", "message", "outcome", "reason"}, correctedFlags...)},
	{"dismiss", "ID --reason R [--as NAME] [--json]", "close a case without a reply", []string{"as", "json", "reason"}},
	{"reclassify", "ID --kind K [--as NAME] [--note N] [--json]", "decide a case again as another kind", []string{"as", "json", "kind", "note"}},
	{"done", "ID [--as NAME] [--message M] [--note N] [--json]", "a coppa case's work is done: tell the parent", []string{"as", "json", "message", "note"}},
	{"reopen", "ID --reason R [--as NAME] [--json]", "open a closed case again", []string{"as", "json", "reason"}},
	{"close", "ID --outcome O [--reason R] [--as NAME] [--note N] [--json]", "close a privacy request answered outside mailproc",
		[]string{"as", "json", "outcome", "reason", "note"}},
	{"bulk", "approve|dismiss [--reason R] [--dry-run] [--as NAME] [--note N] [--json] ID...", "approve each case with its suggested answer, or dismiss each",
		[]string{"as", "json", "reason", "note", "dry-run"}},
	{"attachment", "ID --part P [--message-number N] --out FILE", "write an attachment, fetched from the mailbox, to a file",
		[]string{"message-number", "part", "out"}},
	{"print", "ID [--reply N] [--out FILE.pdf|FILE.html]", "print a letter to post (HTML on standard output without --out)", []string{"reply", "out"}},
	{"posted", "ID [--date DAY] [--as NAME] [--note N] [--json]", "mark the letter to post posted", []string{"as", "json", "date", "note"}},
}

// reviewCommands are the forms of `mailproc review`, one a verb.
func reviewCommands() []command {
	var cs []command
	for _, v := range reviewVerbs {
		cs = append(cs, command{name: "review", verbs: v.verb, synopsis: v.verb + " " + v.synopsis + " [--config FILE]",
			summary: v.summary, flags: staffFlagsOf(v.verb), run: runReview})
	}
	return cs
}

// reviewVerbNamed is the verb called name, if there is one.
func reviewVerbNamed(name string) (reviewVerb, bool) {
	for _, v := range reviewVerbs {
		if v.verb == name {
			return v, true
		}
	}
	return reviewVerb{}, false
}

// verbNames lists the review verbs, separated by sep.
func verbNames(sep string) string {
	var names []string
	for _, v := range reviewVerbs {
		names = append(names, v.verb)
	}
	return strings.Join(names, sep)
}

// staffFlagsOf declares --config and the staff flags of a verb, for
// command.flags.
func staffFlagsOf(verb string) func(*flag.FlagSet) {
	return func(fs *flag.FlagSet) { newStaffFlags(fs, verb) }
}

// staffFlagUsage is the usage of a staff flag for a verb.
func staffFlagUsage(verb, name string) string {
	if u, ok := verbFlagUsage[verb+" "+name]; ok {
		return u
	}
	return flagUsage[name]
}

// flagUsage is the usage of each staff flag.
var flagUsage = map[string]string{
	"as":             "who acts, recorded in the case history with the OS user when it differs (default: the user running the command)",
	"json":           "print JSON",
	"state":          "only cases in this state",
	"overdue":        "only open cases past their due date",
	"note":           "a note for the history (internal: never sent)",
	"message":        "a message for the requester, in the reply (coppa-completed: what was done)",
	"template":       "the template to send",
	"reply":          "which reply (1 = the first; default: the letter to post, else the latest)",
	"date":           "the day the letter was posted, `YYYY-MM-DD` (default: today)",
	"view":           "needs-staff, waiting, closed or all",
	"page":           "which page of 50",
	"dry-run":        "say what would be done to each case; change nothing",
	"message-number": "which message of the case (1 = the first)",
	"part":           "the attachment's `PART`, as show lists it",
	"reason":         "why (for the history and the report)",
	"outcome":        "how the request was answered: complied, denied or not-covered (with --reason), or none (with --template staff-reply)",
	"name":           "corrected name",
	"street":         "corrected street",
	"city":           "corrected city",
	"zip":            "corrected zip",
	"state-code":     "corrected state (USPS code)",
}

// verbFlagUsage is the usage of a flag whose meaning depends on the verb
// ("VERB FLAG").
var verbFlagUsage = map[string]string{
	"list kind":       "only cases of this kind",
	"list reason":     "only cases with this review reason",
	"reclassify kind": "the new kind",
	"close outcome":   "how the privacy request was answered: " + cases.Join(cases.Closings, ", ") + " (denied needs --reason)",
	"close reason":    "why the request was denied (with --outcome denied)",
	"print out":       "write the letter to `FILE`.pdf or FILE.html (default: HTML on standard output)",
	"attachment out":  "the `FILE` to write",
}
