package classify

import (
	"strings"

	"github.com/mailproc/mailproc/mailproc/parse"
)

// machineSenders are local parts that only machines send from.
var machineSenders = []string{"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"}

// Automated reports whether a message was made by a machine (RFC 3834 and
// the usual signs of lists, bounces and auto-responders), and which sign
// said so.
func Automated(h parse.Header) (sign string, ok bool) {
	if v := fieldValue(h.Get("Auto-Submitted")); v != "" && v != "no" {
		return "Auto-Submitted: " + v, true
	}
	switch p := fieldValue(h.Get("Precedence")); p {
	case "bulk", "junk", "list":
		return "Precedence: " + p, true
	}
	for _, name := range []string{"List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond", "X-Autoresponder"} {
		if h.Has(name) {
			return name, true
		}
	}
	if h.NullReturnPath {
		return "null return path", true
	}
	if h.MediaType == "multipart/report" {
		return "multipart/report", true
	}
	for _, addr := range []string{h.From.Email, h.Sender.Email, h.ReturnPath} {
		if machineSender(addr) {
			return "sender " + localPart(addr), true
		}
	}
	return "", false
}

// fieldValue returns a structured field's value without parameters or
// comments, lower case.
func fieldValue(v string) string {
	if i := strings.IndexAny(v, ";("); i >= 0 {
		v = v[:i]
	}
	return strings.ToLower(strings.TrimSpace(v))
}

func machineSender(addr string) bool {
	lp := strings.ToLower(localPart(addr))
	for _, m := range machineSenders {
		if lp == m {
			return true
		}
	}
	return false
}

func localPart(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[:i]
	}
	return addr
}
