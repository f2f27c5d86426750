package parse

import (
	"slices"
	"testing"
)

func reportHeader(boundary string) []string {
	return []string{
		"Return-Path: <>",
		"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
		"To: privacy@example.com",
		"Subject: Undelivered Mail Returned to Sender",
		"Message-ID: <bounce-1@mx.example.net>",
		"MIME-Version: 1.0",
		`Content-Type: multipart/report; report-type=delivery-status; boundary="` + boundary + `"`,
		"",
	}
}

func TestReturnedMessageIDs(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want []string
		text string
	}{
		{"dsn with text/rfc822-headers", eml(append(reportHeader("r"),
			"--r", "Content-Type: text/plain", "", "Your message could not be delivered.",
			"--r", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.net", "", "Final-Recipient: rfc822; x@example.net", "Action: failed", "Status: 5.1.1",
			"--r", "Content-Type: text/rfc822-headers", "", "From: Privacy <privacy@example.com>", "Subject: Re: Request", "Message-ID: <C-2025-0001.california-disclosure@example.com>",
			"--r--")...),
			[]string{"C-2025-0001.california-disclosure@example.com"}, "Your message could not be delivered."},
		{"dsn with message/rfc822", eml(append(reportHeader("r"),
			"--r", "Content-Type: text/plain", "", "Delivery failed.",
			"--r", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.example.net", "", "Action: failed",
			"--r", "Content-Type: message/rfc822", "", "From: privacy@example.com", "Message-ID: <C-2025-0002.coppa-received@example.com>", "Content-Type: text/plain", "", "Returned body must not be read as text.",
			"--r--")...),
			[]string{"C-2025-0002.coppa-received@example.com"}, "Delivery failed."},
		{"message-id line in the report text, deduplicated", eml(append(reportHeader("r"),
			"--r", "Content-Type: text/plain", "", "Original message headers:", "", "Message-ID: <C-9@example.com>", "  Message-Id: <C-9@example.com>",
			"--r", "Content-Type: text/rfc822-headers", "", "Message-ID: <C-9@example.com>", "In-Reply-To: <other@example.net>",
			"--r--")...),
			[]string{"C-9@example.com"}, "Original message headers:\n\nMessage-ID: <C-9@example.com>\n  Message-Id: <C-9@example.com>"},
		{"read report with Original-Message-ID", eml(
			"From: Jane <jane@example.com>", "Subject: Read: Re: Request", `Content-Type: multipart/report; report-type=disposition-notification; boundary="m"`, "",
			"--m", "Content-Type: text/plain", "", "Your message was read.",
			"--m", "Content-Type: message/disposition-notification", "", "Final-Recipient: rfc822; jane@example.com", "Original-Message-ID: <C-5.california-repeat@example.com>", "Disposition: manual-action/MDN-sent-manually; displayed",
			"--m--"),
			[]string{"C-5.california-repeat@example.com"}, "Your message was read."},
		{"several returned messages in order", eml(append(reportHeader("r"),
			"--r", "Content-Type: text/rfc822-headers", "", "Message-ID: <b@example.com>",
			"--r", "Content-Type: message/rfc822", "", "Message-ID: <a@example.com>", "", "x",
			"--r", "Content-Type: message/rfc822-headers", "Content-Transfer-Encoding: base64", "", "TWVzc2FnZS1JRDogPGNAZXhhbXBsZS5jb20+DQo=",
			"--r--")...),
			[]string{"b@example.com", "a@example.com", "c@example.com"}, ""},
		{"forwarded message outside a report", buildMessage([]string{`Content-Type: multipart/mixed; boundary="f"`},
			"--f", "Content-Type: text/plain", "", "Forwarding.",
			"--f", "Content-Type: message/rfc822", "", "Message-ID: <fwd@example.org>", "", "Inner text.",
			"--f--"),
			[]string{"fwd@example.org"}, "Forwarding.\n\nInner text."},
		{"message-id line in an ordinary message is not a return", buildMessage(plainType(), "Message-ID: <not-returned@example.com>"),
			nil, "Message-ID: <not-returned@example.com>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Parse(tt.raw, Limits{})
			if !slices.Equal(m.ReturnedMessageIDs, tt.want) {
				t.Errorf("Parse().ReturnedMessageIDs = %q, want %q", m.ReturnedMessageIDs, tt.want)
			}
			if m.Text != tt.text {
				t.Errorf("Parse().Text = %q, want %q", m.Text, tt.text)
			}
		})
	}
}

func TestReportHeaderFields(t *testing.T) {
	m := Parse(eml(append(reportHeader("r"), "--r", "Content-Type: text/plain", "", "x", "--r--")...), Limits{})
	h := m.Header
	if h.MediaType != "multipart/report" || h.ReportType != "delivery-status" || !h.NullReturnPath {
		t.Errorf("Parse().Header = MediaType %q ReportType %q NullReturnPath %v, want multipart/report, delivery-status, true",
			h.MediaType, h.ReportType, h.NullReturnPath)
	}
	if h.From.Email != "MAILER-DAEMON@mx.example.net" {
		t.Errorf("Parse().Header.From.Email = %q, want %q", h.From.Email, "MAILER-DAEMON@mx.example.net")
	}
}

func TestDeliveryFailed(t *testing.T) {
	report := func(action string) string {
		return "From: MAILER-DAEMON@mx.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n" +
			"--b\r\nContent-Type: text/plain\r\n\r\nnotice\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n" +
			"Reporting-MTA: dns;mx.example\r\n\r\nFinal-Recipient: rfc822;a@example.com\r\nAction: " + action + "\r\nStatus: 4.4.7\r\n--b--\r\n"
	}
	for action, want := range map[string]bool{"failed": true, "delayed": false, "delivered": false, "Failed": true} {
		if got := Parse([]byte(report(action)), Limits{}).DeliveryFailed; got != want {
			t.Errorf("Action: %s: DeliveryFailed = %v, want %v", action, got, want)
		}
	}
}

func TestReports(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want []string
	}{
		{"dsn at the top", eml(append(reportHeader("r"),
			"--r", "Content-Type: text/plain", "", "failed",
			"--r", "Content-Type: message/delivery-status", "", "Action: failed",
			"--r", "Content-Type: text/rfc822-headers", "", "Message-ID: <a@example.com>",
			"--r--")...),
			[]string{"multipart/report", "message/delivery-status", "text/rfc822-headers"}},
		{"feedback report inside multipart/mixed", buildMessage([]string{`Content-Type: multipart/mixed; boundary="m"`},
			"--m", "Content-Type: text/plain", "", "This is an email abuse report.",
			"--m", "Content-Type: message/feedback-report", "", "Feedback-Type: abuse",
			"--m", "Content-Type: message/rfc822", "", "Message-ID: <b@example.com>", "", "x",
			"--m--"),
			[]string{"message/feedback-report"}},
		{"report inside a forwarded message", buildMessage([]string{`Content-Type: multipart/mixed; boundary="m"`},
			"--m", "Content-Type: text/plain", "", "See below.",
			"--m", "Content-Type: message/rfc822", "",
			"From: MAILER-DAEMON@mx.example.net", `Content-Type: multipart/report; report-type=delivery-status; boundary="r"`, "",
			"--r", "Content-Type: message/global-delivery-status", "", "Action: failed", "--r--",
			"--m--"),
			[]string{"multipart/report", "message/global-delivery-status"}},
		{"read report", eml("From: a@example.com", `Content-Type: multipart/report; report-type=disposition-notification; boundary="d"`, "",
			"--d", "Content-Type: message/disposition-notification", "", "Disposition: manual-action/MDN-sent-manually; displayed", "--d--"),
			[]string{"multipart/report", "message/disposition-notification"}},
		{"a person's message", buildMessage([]string{`Content-Type: multipart/mixed; boundary="m"`},
			"--m", "Content-Type: text/plain", "", "Hello",
			"--m", "Content-Type: application/pdf", "Content-Disposition: attachment; filename=a.pdf", "", "JVBERi0=",
			"--m--"),
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Parse(tt.raw, Limits{}).Reports; !slices.Equal(got, tt.want) {
				t.Errorf("Parse().Reports = %q, want %q", got, tt.want)
			}
		})
	}
}
