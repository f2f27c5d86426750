package classify

import (
	"github.com/mailproc/mailproc/mailproc/parse"
)

// Machine reports whether a message was made by a machine (SPEC §2: RFC
// 3834 §2, RFC 5230 §4.6, RFC 3464, RFC 5965) and the first sign that says
// so: its header, a report part anywhere in it, one of our replies
// returned in it, or a text that reads as a machine's. Such mail is never
// answered.
func Machine(m *parse.Message, ours Ours) (Sign, bool) {
	if signs := signs(m, ours, true); len(signs) > 0 {
		return signs[0], true
	}
	return Sign{}, false
}

// Signs returns every sign of a machine in a message, in the order of
// Rules (at most one for the text and one for our reply), for tests and
// statistics.
func Signs(m *parse.Message, ours Ours) []Sign {
	return signs(m, ours, false)
}

// signs looks for the signs in order; with first set it stops at the
// first one found.
func signs(m *parse.Message, ours Ours, first bool) []Sign {
	all := headerSigns(m.Header, ours, first)
	for _, check := range []func() []Sign{
		func() []Sign { return reportSigns(m) },
		func() []Sign { return ourReplySigns(m, ours) },
		func() []Sign { return textSigns(m) },
	} {
		if first && len(all) > 0 {
			return all[:1]
		}
		all = append(all, check()...)
	}
	if first && len(all) > 1 {
		return all[:1]
	}
	return all
}

// reportSigns returns a sign for each report part the message holds,
// wherever it sits.
func reportSigns(m *parse.Message) []Sign {
	var signs []Sign
	for _, mt := range m.Reports {
		if mt == m.Header.MediaType {
			continue // topReport has it
		}
		signs = append(signs, Sign{RuleReportPart, mt})
	}
	return signs
}
