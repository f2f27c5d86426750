package classify

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mailproc/mailproc/mailproc/parse"
)

// Subjects of auto-replies and bounces are compared normalised, with " :"
// read as ":" (French spacing), after any leading "Re:", "Fwd:" and the
// like and "[tag]"s. A phrase must open what is left; a phrase listed as
// colon-only must be followed by ':'. Bounce phrases that no person would
// write are also found anywhere in the subject.
var (
	// autoReplyPhrases open the subjects of vacation and out-of-office
	// replies (Outlook and Exchange, Gmail, Zimbra, Sieve responders…) in
	// the languages we read.
	autoReplyPhrases = []string{
		"automatic reply", "auto-reply", "autoreply", "auto response", "auto-response", "automatic response",
		"automated response", "automated reply", "out of office autoreply", "out of office auto reply",
		"automatische antwort", "abwesenheitsnotiz", "automatische abwesenheitsnotiz",
		"réponse automatique", "reponse automatique", "respuesta automática", "respuesta automatica",
		"risposta automatica", "automatisch antwoord", "afwezigheidsbericht", "resposta automática",
		"resposta automatica", "automatisk svar", "automaattinen vastaus", "automatyczna odpowiedź",
		"автоответ", "автоматический ответ", "自動応答", "自動返信", "自动回复", "자동 응답",
	}
	// autoReplyColonWords open an auto-reply's subject only when a colon
	// or the end follows: alone they are ordinary words.
	autoReplyColonWords = []string{
		"auto", "auto reply", "out of office", "out of the office", "away from the office", "vacation",
		"vacation reply", "away", "ooo", "absence", "absent", "absence du bureau", "message d'absence",
		"abwesend", "abwesenheit", "ausente", "fuera de la oficina", "fuera de oficina", "fuori ufficio",
		"afwezig", "fora do escritório", "autosvar", "不在", "不在通知",
	}

	// bouncePhrases open the subjects of delivery failure and delay
	// notices and complaint reports of the MTAs and providers we know.
	bouncePhrases = []string{
		"undelivered mail returned to sender", "undelivered mail", "undeliverable mail", "undeliverable message",
		"delivery status notification", "delivery has failed", "mail delivery failed", "mail delivery failure",
		"mail delivery error", "mail delivery system", "mail delivery subsystem", "message delivery failure",
		"message delivery has failed", "message could not be delivered", "mail could not be delivered",
		"mail system error", "there was an error sending your mail", "warning: could not send message",
		"notice: mail delivery status", "postmaster notify", "complaint about message from",
		"email feedback report", "aws notification message", "delivery_failure",
		"non remis", "non distribuable", "échec de la remise", "non recapitabile", "mancato recapito",
		"unzustellbar", "nicht zustellbar", "zustellung fehlgeschlagen", "unzustellbare nachricht",
		"no se puede entregar", "no se pudo entregar", "não entregue", "falha na entrega", "onbestelbaar",
		"niet afgeleverd", "配信不能", "配信エラー", "配送エラー", "送信エラー", "不達", "エラーメール", "退信", "系统退信",
	}
	// bounceColonWords open a bounce's, receipt's or report's subject only
	// before a colon or the end.
	bounceColonWords = []string{
		"undeliverable", "delivery failure", "delivery failed", "delivery notification", "delivery delayed",
		"delayed mail", "returned mail", "returned message", "failure notice", "message not delivered",
		"nondeliverable", "non-deliverable", "non delivery", "non-delivery", "mail failure", "message frozen",
		"loop alert", "loop back warning", "abuse report", "feedback report", "report domain", "bounce",
		"read", "not read", "gelesen", "ungelesen", "lu", "leído", "letto", "gelezen", "lido",
	}
	// bounceAnywhere are found anywhere in a subject.
	bounceAnywhere = []string{
		"undelivered mail returned to sender", "delivery status notification (failure)",
		"delivery status notification (delay)", "mail delivery failed", "returned mail: see transcript",
		"message delivery has failed", "undeliverable:", "unzustellbar:", "non remis:", "配信不能",
		"complaint about message from",
	}
)

// replyPrefixes are the prefixes of replies and forwards that a machine's
// subject may stand behind.
var replyPrefixes = []string{"re", "fw", "fwd", "aw", "wg", "sv", "vs", "tr", "rv", "antw", "ref", "r", "enc", "doorst", "答复", "回复", "转发"}

func subjectSigns(h parse.Header, _ Ours) []Sign {
	n := strings.ReplaceAll(Normalize(h.Subject), " :", ":")
	rest, tags := stripSubjectPrefixes(n)
	for _, s := range append(tags, rest) {
		if p := opens(s, autoReplyPhrases, autoReplyColonWords); p != "" {
			return []Sign{{RuleAutoReplySubject, "Subject " + shown(h.Subject)}}
		}
		if p := opens(s, bouncePhrases, bounceColonWords); p != "" {
			return []Sign{{RuleBounceSubject, "Subject " + shown(h.Subject)}}
		}
	}
	for _, p := range bounceAnywhere {
		if strings.Contains(n, p) {
			return []Sign{{RuleBounceSubject, "Subject " + shown(h.Subject)}}
		}
	}
	return nil
}

// stripSubjectPrefixes removes leading "Re:"-like prefixes and "[tag]"s,
// and returns what is left and the tags' contents.
func stripSubjectPrefixes(n string) (string, []string) {
	var tags []string
	for {
		n = strings.TrimSpace(n)
		if strings.HasPrefix(n, "[") {
			if end := strings.IndexByte(n, ']'); end > 0 {
				tags = append(tags, strings.TrimSpace(n[1:end]))
				n = n[end+1:]
				continue
			}
		}
		prefix, after, ok := strings.Cut(n, ":")
		if !ok || !slices.Contains(replyPrefixes, strings.TrimSpace(prefix)) {
			return n, tags
		}
		n = after
	}
}

// opens returns the phrase s opens with: one of phrases followed by
// anything but a letter or digit, or one of colonWords followed by ':'
// or nothing.
func opens(s string, phrases, colonWords []string) string {
	for _, p := range phrases {
		if strings.HasPrefix(s, p) && !letterAt(s, len(p)) {
			return p
		}
	}
	for _, w := range colonWords {
		if rest, ok := strings.CutPrefix(s, w); ok {
			if rest = strings.TrimSpace(rest); rest == "" || rest[0] == ':' {
				return w
			}
		}
	}
	return ""
}

// letterAt reports whether a letter or digit stands at byte i of s.
func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
}

// isCJK reports a character of a script written without spaces, after
// which a phrase may go straight on.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
