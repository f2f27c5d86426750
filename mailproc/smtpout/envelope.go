package smtpout

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkEnvelope refuses a sender or recipients that cannot go into MAIL
// FROM or RCPT TO as they are: bare addresses (no angle brackets, no
// spaces, no line breaks), at least one recipient. From may be "" for the
// null reverse path.
func checkEnvelope(from string, to []string) *Error {
	err := envelopeProblem(from, to)
	if err == nil {
		return nil
	}
	return &Error{Permanent: true, Stage: StageEnvelope, Msg: err.Error(), Err: err}
}

// envelopeProblem says what is wrong with the envelope, or nil.
func envelopeProblem(from string, to []string) error {
	if err := checkAddress(from); err != nil {
		return fmt.Errorf("sender: %w", err)
	}
	if len(to) == 0 {
		return errors.New("no recipients")
	}
	for i, rcpt := range to {
		if rcpt == "" {
			return fmt.Errorf("recipient %d: empty", i+1)
		}
		if err := checkAddress(rcpt); err != nil {
			return fmt.Errorf("recipient %d: %w", i+1, err)
		}
	}
	return nil
}

// checkAddress refuses what would break the SMTP command line.
func checkAddress(addr string) error {
	if strings.ContainsAny(addr, "<> \t\r\n") {
		return fmt.Errorf("%q: want a bare address", addr)
	}
	if !utf8.ValidString(addr) {
		return fmt.Errorf("%q: not UTF-8", addr)
	}
	return nil
}

// needsSMTPUTF8 reports whether the envelope or the header section holds
// non-ASCII text, which only an SMTPUTF8 transaction may carry (RFC 6531).
func needsSMTPUTF8(from string, to []string, raw []byte) bool {
	if !isASCII([]byte(from)) {
		return true
	}
	for _, rcpt := range to {
		if !isASCII([]byte(rcpt)) {
			return true
		}
	}
	header, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	return !isASCII(header)
}

// isASCII reports whether b is 7-bit.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
