package imaptest

import (
	"slices"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

func TestMemServer(t *testing.T) {
	s, err := StartMemServer("demo@example.test", "demo")
	if err != nil {
		t.Fatalf("StartMemServer: %v", err)
	}
	defer s.Close()

	if msgs, err := s.Messages("INBOX"); err != nil || len(msgs) != 0 {
		t.Errorf("Messages(INBOX) of a new server = %v, %v, want an empty INBOX", msgs, err)
	}
	raw := testMessage("mem-1@example.test", "hello")
	date := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := s.Append("Privacy/Review", raw, date, `\Flagged`); err != nil {
		t.Fatalf("Append to a new folder: %v", err)
	}
	if err := s.Append("Privacy/Review", testMessage("mem-2@example.test", "again"), date); err != nil {
		t.Fatalf("Append to the same folder: %v", err)
	}
	msgs, err := s.Messages("Privacy/Review")
	if err != nil {
		t.Fatalf("Messages: %v", err)
	}
	if uids := uidsOf(msgs); !slices.Equal(uids, []uint32{1, 2}) {
		t.Fatalf("Messages UIDs = %v, want [1 2]", uids)
	}
	m := msgs[0]
	if string(m.Raw) != string(raw) || !m.InternalDate.Equal(date) || !slices.Equal(m.Flags, []string{`\Flagged`}) {
		t.Errorf("Messages()[0] = %+v, want the appended message, date %v, flags [\\Flagged]", m, date)
	}
	if _, err := s.Messages("missing"); err == nil {
		t.Errorf("Messages(missing) = nil error, want one")
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close() = %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close() = %v", err)
	}
}

func TestMemServerResetUIDValidity(t *testing.T) {
	s, err := StartMemServer("demo@example.test", "demo")
	if err != nil {
		t.Fatalf("StartMemServer: %v", err)
	}
	defer s.Close()
	date := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, id := range []string{"a@example.test", "b@example.test"} {
		if err := s.Append("INBOX", testMessage(id, id), date, `\Answered`); err != nil {
			t.Fatalf("Append: %v", err)
		}
	}
	before, err := s.Messages("INBOX")
	if err != nil {
		t.Fatalf("Messages: %v", err)
	}
	if err := s.ResetUIDValidity("INBOX"); err != nil {
		t.Fatalf("ResetUIDValidity: %v", err)
	}
	after, err := s.Messages("INBOX")
	if err != nil {
		t.Fatalf("Messages after ResetUIDValidity: %v", err)
	}
	if !slices.EqualFunc(before, after, func(a, b mailbox.Message) bool {
		return string(a.Raw) == string(b.Raw) && a.InternalDate.Equal(b.InternalDate) && slices.Equal(a.Flags, b.Flags)
	}) {
		t.Errorf("Messages after ResetUIDValidity = %+v, want the same as %+v", after, before)
	}
}

// testMessage is a small message with CRLF line ends.
func testMessage(messageID, subject string) []byte {
	return []byte("From: Jane Roe <jane@example.net>\r\n" +
		"To: support@example.test\r\n" +
		"Subject: " + subject + "\r\n" +
		"Message-ID: <" + messageID + ">\r\n" +
		"Date: Mon, 02 Jun 2025 10:00:00 -0700\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"\r\nHello.\r\n")
}

// uidsOf lists the UIDs of msgs.
func uidsOf(msgs []mailbox.Message) []uint32 {
	var uids []uint32
	for _, m := range msgs {
		uids = append(uids, m.UID)
	}
	return uids
}
