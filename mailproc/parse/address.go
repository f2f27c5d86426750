package parse

import (
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// firstAddress returns the first mailbox of an address-list field value.
// When the list does not parse, it falls back to an <addr> or a bare word
// holding an '@'; else it returns the zero Address.
func firstAddress(raw string) Address {
	if strings.TrimSpace(raw) == "" {
		return Address{}
	}
	if list, err := mail.ParseAddressList(raw); err == nil && len(list) > 0 {
		return newAddress(list[0].Name, list[0].Address)
	}
	return lenientAddress(decodeText(raw))
}

func lenientAddress(v string) Address {
	if i := strings.LastIndexByte(v, '<'); i >= 0 {
		if j := strings.IndexByte(v[i:], '>'); j > 0 {
			email := strings.TrimSpace(v[i+1 : i+j])
			if looksLikeEmail(email) {
				name := strings.Trim(strings.TrimSpace(v[:i]), `"' `)
				return newAddress(name, email)
			}
		}
	}
	for _, word := range strings.FieldsFunc(v, isAddressSeparator) {
		if looksLikeEmail(word) {
			return newAddress("", word)
		}
	}
	return Address{}
}

func isAddressSeparator(r rune) bool {
	return strings.ContainsRune(" \t,;<>()\"'[]", r)
}

func looksLikeEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t<>,;")
}

func newAddress(name, email string) Address {
	return Address{Name: cleanHeaderText(name), Email: lowerDomain(strings.TrimSpace(email))}
}

// lowerDomain lower-cases the part after the last '@' and keeps the local
// part as written.
func lowerDomain(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return email
	}
	return email[:at+1] + strings.ToLower(email[at+1:])
}

// returnPath reads a Return-Path value: the address inside <>, or null
// when the brackets are empty. A source route (<@a,@b:user@c>) is dropped.
func returnPath(v string) (addr string, null bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", false
	}
	if i := strings.IndexByte(v, '<'); i >= 0 {
		v = v[i+1:]
		if j := strings.IndexByte(v, '>'); j >= 0 {
			v = v[:j]
		}
	}
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "@") {
		if _, after, ok := strings.Cut(v, ":"); ok {
			v = after
		}
	}
	if v == "" {
		return "", true
	}
	return lowerDomain(v), false
}

// messageID returns the Message-ID without <>, leniently.
func messageID(mh mail.Header) string {
	if id, err := mh.MessageID(); err == nil && id != "" {
		return id
	}
	if ids := msgIDs(mh.Get("Message-Id")); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// messageIDOf returns the Message-ID of a parsed header, without <>.
func messageIDOf(f textproto.Header) string {
	return messageID(mail.Header{Header: message.Header{Header: f}})
}

// scanIDLines finds the ids on "Message-ID: <...>" lines (and the
// Original-Message-ID lines of reports) of a text, for the human-readable
// part of a bounce and for delivery-status parts.
func scanIDLines(text string) []string {
	var ids []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimLeft(line, " \t>")
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "message-id", "original-message-id", "x-original-message-id":
			ids = append(ids, msgIDs(value)...)
		}
	}
	return ids
}

// msgIDList returns the message ids of an In-Reply-To or References field,
// leniently.
func msgIDList(mh mail.Header, key string) []string {
	if ids, err := mh.MsgIDList(key); err == nil {
		return ids
	}
	return msgIDs(mh.Get(key))
}

// msgIDs finds message ids in v: every <...> token, or when there is none,
// every word that holds an '@'.
func msgIDs(v string) []string {
	var ids []string
	for rest := v; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		if id := strings.TrimSpace(rest[i+1 : i+j]); id != "" && !strings.ContainsAny(id, " \t<") {
			ids = append(ids, id)
		}
		rest = rest[i+j+1:]
	}
	if len(ids) > 0 {
		return ids
	}
	for _, word := range strings.FieldsFunc(v, isAddressSeparator) {
		if strings.Contains(word, "@") {
			ids = append(ids, word)
		}
	}
	return ids
}
