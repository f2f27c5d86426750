package classify

import (
	"slices"
	"strings"
	"unicode"

	"github.com/mailproc/mailproc/mailproc/parse"
)

// Machine senders are recognised from an address's local part, cut into
// words at '-', '_', '.', '+', '=' and where lower case turns upper, so
// that MAILER-DAEMON, mailer_daemon and MailerDaemon are one sender. A word
// list matches when the words from some word on, joined, begin with it.
var (
	// mailSystemWords name the mail system itself (RFC 5321 §4.5.1, RFC
	// 2142, MDaemon, Exchange Online's MicrosoftExchange<hex>).
	mailSystemWords = []string{"mailerdaemon", "maildaemon", "postmaster", "mdaemon", "microsoftexchange"}
	// noReplyWords name addresses that take no answer, in the languages
	// we read.
	noReplyWords = []string{
		"noreply", "donotreply", "dontreply", "donotrespond", "noresponse", "noreplies",
		"autoreply", "autoresponder", "autorespond",
		"nepasrepondre", "nichtantworten", "keineantwort", "noresponder", "nonrispondere",
		"nietbeantwoorden", "naoresponda", "naoresponder",
	}
	// listRobots are whole local parts of list managers' robots.
	listRobots = []string{"listserv", "majordomo", "mailman", "sympa", "listproc", "ecartis", "lyris", "ezmlm", "smartlist", "listmanager"}
	// listRobotSuffixes end the administrative addresses of a list
	// ("list-request", "list-bounces", Mailman's "-owner", "-admin",
	// "-confirm", "-join", "-leave"; fml's "-admin").
	listRobotSuffixes = []string{"request", "bounces", "owner", "admin", "confirm", "join", "leave", "subscribe", "unsubscribe"}
	// machineNames are display names that only machines use.
	machineNames = []string{
		"mailerdaemon", "maildaemon", "postmaster", "maildeliverysystem", "maildeliverysubsystem",
		"maildeliveryservice", "mailadministrator", "systemadministrator", "microsoftoutlook",
		"noreply", "donotreply",
	}
)

// FromMachine reports whether the sender is a mail system itself
// (MAILER-DAEMON, postmaster, an empty From address) rather than a person,
// an application or a list.
func FromMachine(h parse.Header) bool {
	for _, s := range senderSigns(h, Ours{}) {
		if s.Rule == RuleMailSystem {
			return true
		}
	}
	return false
}

// senderSigns checks From, Sender and every Return-Path (a message may
// carry one from each hop), and a From or Sender without an address by
// the name it gives.
func senderSigns(h parse.Header, _ Ours) []Sign {
	var signs []Sign
	for _, a := range []struct{ field, addr string }{
		{"From", h.From.Email}, {"Sender", h.Sender.Email}, {"Return-Path", h.ReturnPath},
	} {
		if rule := senderRule(a.addr); rule != "" {
			signs = append(signs, Sign{rule, a.field + " " + shown(a.addr)})
		}
	}
	signs = append(signs, laterReturnPaths(h)...)
	if h.From.Email == "" {
		signs = append(signs, emptyFrom(h.FromRaw)...)
	} else if isMachineName(h.From.Name) {
		signs = append(signs, Sign{RuleMailSystem, "From name " + shown(h.From.Name)})
	}
	if h.Sender.Email == "" {
		signs = append(signs, emptyFrom(h.Get("Sender"))...)
	}
	return signs
}

// laterReturnPaths checks the Return-Path fields after the first.
func laterReturnPaths(h parse.Header) []Sign {
	values := h.Values("Return-Path")
	if len(values) < 2 {
		return nil
	}
	var signs []Sign
	for _, v := range values[1:] {
		addr := strings.TrimSpace(strings.Trim(strings.TrimSpace(v), "<>"))
		switch {
		case addr == "":
			signs = append(signs, Sign{RuleNullReturnPath, "Return-Path: <>"})
		case senderRule(addr) != "":
			signs = append(signs, Sign{senderRule(addr), "Return-Path " + shown(addr)})
		}
	}
	return signs
}

// emptyFrom reads a From (or Sender) that has no address
// ("MAILER-DAEMON <>", "<>", "Mail Delivery System"): an empty address is
// a machine's, and so is a name that is a machine sender.
func emptyFrom(raw string) []Sign {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil
	}
	name, inner, bracket := raw, "", false
	if i := strings.IndexByte(raw, '<'); i >= 0 {
		name, bracket = raw[:i], true
		inner, _, _ = strings.Cut(raw[i+1:], ">")
	}
	name = strings.Trim(strings.TrimSpace(name), `"'`)
	for _, v := range []string{name, strings.TrimSpace(inner)} {
		if rule := senderRule(v); rule != "" {
			return []Sign{{rule, "From " + shown(raw)}}
		}
		if isMachineName(v) {
			return []Sign{{RuleMailSystem, "From " + shown(raw)}}
		}
	}
	if bracket && strings.TrimSpace(inner) == "" {
		return []Sign{{RuleMailSystem, "From " + shown(raw) + " (an empty address)"}}
	}
	return nil
}

// senderRule says which kind of machine an address (or a bare local part)
// belongs to, or "".
func senderRule(addr string) Rule {
	local := addr
	if at := strings.LastIndexByte(addr, '@'); at >= 0 {
		local = addr[:at]
	}
	words := localWords(local)
	if len(words) == 0 {
		return ""
	}
	switch {
	case wordsBegin(words, mailSystemWords):
		return RuleMailSystem
	case isListRobot(local):
		return RuleListRobot
	case wordsBegin(words, noReplyWords) || strings.HasPrefix(words[0], "bounce"):
		return RuleNoReply
	}
	return ""
}

// isListRobot reports a list manager's address: a robot's own name, or
// owner-*, *-request, *-bounces and the like (list managers join with
// '-'; "jane.owner" is a person). A "+tag" is not looked at.
func isListRobot(local string) bool {
	base, _, _ := strings.Cut(strings.ToLower(local), "+")
	if slices.Contains(listRobots, strings.Join(localWords(base), "")) {
		return true
	}
	parts := strings.Split(base, "-")
	return len(parts) > 1 && (parts[0] == "owner" || slices.Contains(listRobotSuffixes, parts[len(parts)-1]))
}

// wordsBegin reports whether the words from some word on, joined, begin
// with one of list.
func wordsBegin(words, list []string) bool {
	for i := range words {
		joined := strings.Join(words[i:], "")
		for _, w := range list {
			if strings.HasPrefix(joined, w) {
				return true
			}
		}
	}
	return false
}

// localWords cuts a local part into lower-case words at separators and
// where lower case turns upper ("NoReply" is "no", "reply").
func localWords(local string) []string {
	var words []string
	var cur strings.Builder
	prev := rune(0)
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range local {
		switch {
		case strings.ContainsRune("-_.+= \"'", r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur.WriteRune(unicode.ToLower(r))
		default:
			cur.WriteRune(unicode.ToLower(r))
		}
		prev = r
	}
	flush()
	return words
}

// isMachineName reports a display name only machines use ("Mail Delivery
// Subsystem", "MAILER-DAEMON", "No Reply").
func isMachineName(name string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.Len() > 0 && slices.Contains(machineNames, b.String())
}
