package classify

import (
	"slices"
	"strings"

	"github.com/mailproc/mailproc/mailproc/parse"
)

// Ours is what a message may carry of our own replies, for the loop guard
// beyond headers: a machine that returns one of our replies (a bounce that
// quotes it inline, an attached copy, a complaint) is never answered. A
// person who answers our reply names it in In-Reply-To and References and
// quotes it with '>' or under an attribution line: that is a follow-up,
// and is not looked at here.
type Ours struct {
	// ReplyID reports whether a Message-ID (without <>) has the shape of
	// our replies'; nil means none is recognised.
	ReplyID func(id string) bool
	// Sentences are the fixed sentences of our replies' text, normalised
	// (see NewOurs), each long enough that no person writes it by chance.
	Sentences []string
	// Addresses are our own addresses: an X-Loop naming one was added on
	// our side (a forward into the mailbox), not by a responder.
	Addresses []string
}

// minSentenceWords is how many words a fixed sentence of ours must have to
// count: shorter ones ("Sincerely,") are written by people too.
const minSentenceWords = 8

// NewOurs makes an Ours: the sentences normalised, those shorter than
// minSentenceWords words left out.
func NewOurs(replyID func(id string) bool, sentences, addresses []string) Ours {
	o := Ours{ReplyID: replyID, Addresses: addresses}
	for _, s := range sentences {
		if n := Normalize(s); len(strings.Fields(n)) >= minSentenceWords {
			o.Sentences = append(o.Sentences, n)
		}
	}
	return o
}

func (o Ours) isOwnAddress(v string) bool {
	v = strings.ToLower(strings.Trim(strings.TrimSpace(v), "<>"))
	for _, a := range o.Addresses {
		if v != "" && strings.EqualFold(v, strings.TrimSpace(a)) {
			return true
		}
	}
	return false
}

// ReturnedReplyIDs returns the Message-IDs of our replies that a message
// returns: in an attached message or returned header, in a report, or
// written in its text (a bounce that copies our reply inline). The IDs in
// its own In-Reply-To and References are not among them.
func (o Ours) ReturnedReplyIDs(m *parse.Message) []string {
	if o.ReplyID == nil {
		return nil
	}
	var ids []string
	for _, id := range append(append([]string{}, m.ReturnedMessageIDs...), bracketedIDs(head(m.FullText, maxTellBytes))...) {
		if o.ReplyID(id) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// ourReplySigns finds one of our replies returned in a message: its
// Message-ID, or one of its fixed sentences in what the sender wrote
// (quotes stripped), also when the copy is still quoted-printable. The
// sentences are not looked for in an answer to our reply (In-Reply-To or
// References name it): a person may copy our form into the answer, and a
// machine that answers (RFC 3834) says so in its header.
func ourReplySigns(m *parse.Message, o Ours) []Sign {
	if ids := o.ReturnedReplyIDs(m); len(ids) > 0 {
		return []Sign{{RuleOurReply, "our reply <" + shown(ids[0]) + "> is in it"}}
	}
	if len(o.Sentences) == 0 || m.Text == "" || o.answers(m.Header) {
		return nil
	}
	text := Normalize(head(m.Text, maxTellBytes))
	qp := ""
	if looksQP(m.Text) {
		qp = Normalize(undoQP(head(m.Text, maxTellBytes)))
	}
	for _, s := range o.Sentences {
		if strings.Contains(text, s) || (qp != "" && strings.Contains(qp, s)) {
			return []Sign{{RuleOurReply, "the text of our reply is in it: " + shown(`"`+s+`"`)}}
		}
	}
	return nil
}

// looksQP reports whether text holds what quoted-printable leaves: a soft
// line break or an =XX escape (upper-case hex).
func looksQP(text string) bool {
	for i := strings.IndexByte(text, '='); i >= 0 && i+1 < len(text); {
		if text[i+1] == '\n' || i+2 < len(text) && isUpperHex(text[i+1]) && isUpperHex(text[i+2]) {
			return true
		}
		next := strings.IndexByte(text[i+1:], '=')
		if next < 0 {
			return false
		}
		i += next + 1
	}
	return false
}

func isUpperHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' }

// answers reports whether a header names one of our replies in
// In-Reply-To or References.
func (o Ours) answers(h parse.Header) bool {
	if o.ReplyID == nil {
		return false
	}
	for _, id := range append(append([]string{}, h.InReplyTo...), h.References...) {
		if o.ReplyID(id) {
			return true
		}
	}
	return false
}

// bracketedIDs returns every <...> holding an '@' in text.
func bracketedIDs(text string) []string {
	var ids []string
	for rest := text; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			return ids
		}
		rest = rest[i+1:]
		j := strings.IndexAny(rest, "<> \t\n")
		if j < 0 {
			return ids
		}
		if rest[j] == '>' && strings.Contains(rest[:j], "@") {
			ids = append(ids, rest[:j])
		}
		rest = rest[j:]
	}
}

// undoQP decodes quoted-printable leniently: soft line breaks are joined
// and =XX becomes its byte; anything else is left as it is.
func undoQP(s string) string {
	s = strings.ReplaceAll(s, "=\n", "")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
