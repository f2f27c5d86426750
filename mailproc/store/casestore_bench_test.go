package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// benchText is a request's text of about 2 KB, different for each n.
func benchText(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Dear Privacy Team,\n\nThis is request number %d. ", n)
	for b.Len() < 2000 {
		fmt.Fprintf(&b, "Under the California Consumer Privacy Act I ask you to disclose the personal information you hold about me (item %d), the categories of sources, and the purposes. ", b.Len())
	}
	b.WriteString("\n\nName: Jane Doe\nStreet: 1 Main Street\nCity: Springfield\nState: CA\nZIP: 90210\n")
	return b.String()
}

// benchReply is a reply's bytes of about 2.5 KB.
func benchReply(id string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: privacy@cooper.example\r\nTo: jane@example.org\r\nSubject: Your request %s\r\nMessage-ID: <%s.california-disclosure@cooper.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n", id, id)
	for b.Len() < 2500 {
		b.WriteString("We have received your request and enclose the disclosure the law requires of us. ")
	}
	return []byte(b.String())
}

// benchCase is a typical case as the daemon records it: one request
// message, one planned reply, the history of its decision.
func benchCase(id string, n int) *cases.Case {
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	mid := fmt.Sprintf("req-%d@example.org", n)
	c := &cases.Case{ID: id, Kind: cases.California, State: cases.Answered, Channel: cases.ChannelEmail,
		Email:    "jane@example.org",
		Fields:   cases.Fields{Name: "Jane Doe", Street: "1 Main Street", City: "Springfield", State: "CA", ZIP: "90210"},
		Received: at, Year: 2026, Due: at.AddDate(0, 0, 45), Outcome: "disclosed",
		Messages: []cases.Message{{Key: "mid:" + mid, MessageID: mid, Received: at, From: "Jane Doe <jane@example.org>",
			Subject: "California privacy request", Text: benchText(n), Folder: "Processed", UID: uint32(n + 1), UIDValidity: 7,
			Action: "reply", Template: "california-disclosure"}},
		Replies: []cases.Reply{{Template: "california-disclosure", MessageID: id + ".california-disclosure@cooper.example",
			To: "jane@example.org", InReplyTo: mid, State: cases.ReplyPlanned, Actor: cases.ActorDaemon, PlannedAt: at, Answer: true}},
	}
	c.Log(at, cases.ActorDaemon, "received", "<"+mid+"> from jane@example.org")
	c.Log(at, cases.ActorDaemon, "decided", "california: complete request")
	c.Log(at, cases.ActorDaemon, "reply planned", "california-disclosure")
	return c
}

// followUp adds to c the requester's second message and a second reply.
func followUp(c *cases.Case, n int) {
	at := c.Received.Add(time.Hour)
	mid := fmt.Sprintf("req-%d-2@example.org", n)
	c.Messages = append(c.Messages, cases.Message{Key: "mid:" + mid, MessageID: mid, Received: at, From: "Jane Doe <jane@example.org>",
		Subject: "Re: Your request", Text: benchText(n + 1), Folder: "Processed", UID: uint32(n + 2), UIDValidity: 7, Action: "review"})
	c.Replies = append(c.Replies, cases.Reply{Template: "follow-up", MessageID: c.ID + ".follow-up@cooper.example",
		To: "jane@example.org", InReplyTo: mid, State: cases.ReplySent, Actor: cases.ActorDaemon, PlannedAt: at, SentAt: at, InSent: true})
	c.Log(at, cases.ActorDaemon, "received", "<"+mid+"> from jane@example.org")
	c.Log(at, cases.ActorDaemon, "follow-up", "to review")
	c.Log(at, cases.ActorDaemon, "reply sent", "follow-up")
}

// settled is c after its reply was sent and its message and reply filed.
func settled(c *cases.Case) *cases.Case {
	r := &c.Replies[0]
	r.State, r.SentAt, r.InSent, r.Attempts = cases.ReplySent, r.PlannedAt, true, 1
	c.Answered = r.SentAt
	c.Messages[0].Moved, c.Messages[0].At = true, "Processed"
	c.Log(r.SentAt, cases.ActorDaemon, "reply sent", "california-disclosure <"+r.MessageID+">")
	c.Log(r.SentAt, cases.ActorDaemon, "filed", "Processed")
	c.Log(r.SentAt, cases.ActorDaemon, "copied to sent", r.MessageID)
	return c
}

// benchUpdate measures reading a case and writing it back, whole, in one
// transaction (no commit): the work of each update the daemon makes.
func benchUpdate(b *testing.B, c *cases.Case) {
	benchReadWrite(b, c, func(tx *Tx, id string) error {
		got, err := tx.Case(id)
		if err != nil {
			return err
		}
		got.Replies[0].Attempts++
		return tx.PutCase(got)
	})
}

// benchHeadUpdate is benchUpdate through the case's head.
func benchHeadUpdate(b *testing.B, c *cases.Case) {
	benchReadWrite(b, c, func(tx *Tx, id string) error {
		h, err := tx.CaseHead(id)
		if err != nil {
			return err
		}
		h.Case.Replies[0].Attempts++
		return tx.PutCaseHead(h)
	})
}

// benchReadWrite puts c, then times update of it b.N times in one
// transaction.
func benchReadWrite(b *testing.B, c *cases.Case, update func(tx *Tx, id string) error) {
	s, _ := openB(b)
	if err := s.Update(func(tx *Tx) error { return tx.PutCase(c) }); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	err := s.Update(func(tx *Tx) error {
		for range b.N {
			if err := update(tx, c.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCaseHeadUpdate: CaseHead and PutCaseHead of a typical settled
// case.
func BenchmarkCaseHeadUpdate(b *testing.B) { benchHeadUpdate(b, settled(benchCase("C-2026-0001", 1))) }

// BenchmarkFollowUpCaseHeadUpdate: CaseHead and PutCaseHead of a case
// with a follow-up.
func BenchmarkFollowUpCaseHeadUpdate(b *testing.B) {
	c := settled(benchCase("C-2026-0001", 1))
	followUp(c, 1)
	benchHeadUpdate(b, c)
}

// BenchmarkCaseUpdate: Case and PutCase of a typical settled case.
func BenchmarkCaseUpdate(b *testing.B) { benchUpdate(b, settled(benchCase("C-2026-0001", 1))) }

// BenchmarkFollowUpCaseUpdate: Case and PutCase of a case with a follow-up.
func BenchmarkFollowUpCaseUpdate(b *testing.B) {
	c := settled(benchCase("C-2026-0001", 1))
	followUp(c, 1)
	benchUpdate(b, c)
}

func openB(b *testing.B) (*Store, string) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "m.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	s.db.NoSync = true // the file's contents are measured, not the disk
	b.Cleanup(func() { s.Close() })
	return s, path
}

// lifecycle stores case n as the daemon does, one transaction a step:
// recorded with its reply's bytes, the reply's intent and its outcome (on
// the case's head, as the outbox does), and the message and reply filed
// (on the whole case); the reply's bytes are kept, or deleted once filed
// (as the daemon did before it kept them).
func lifecycle(s *Store, n int, keep bool) error {
	var id string
	err := s.Update(func(tx *Tx) error {
		var err error
		if id, err = tx.NewCaseID(2026); err != nil {
			return err
		}
		c := benchCase(id, n)
		if err := tx.PutRaw(c.Replies[0].MessageID, benchReply(id)); err != nil {
			return err
		}
		return tx.PutCase(c)
	})
	if err != nil {
		return err
	}
	onHead := func(step func(c *cases.Case)) error {
		return s.Update(func(tx *Tx) error {
			h, err := tx.CaseHead(id)
			if err != nil {
				return err
			}
			step(h.Case)
			return tx.PutCaseHead(h)
		})
	}
	err = onHead(func(c *cases.Case) { c.Replies[0].State = cases.ReplySending; c.Replies[0].Attempts = 1 })
	if err != nil {
		return err
	}
	err = onHead(func(c *cases.Case) {
		r := &c.Replies[0]
		r.State, r.SentAt = cases.ReplySent, r.PlannedAt
		c.Log(r.SentAt, cases.ActorDaemon, "reply sent", "california-disclosure <"+r.MessageID+">")
	})
	if err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error {
		c, err := tx.Case(id)
		if err != nil {
			return err
		}
		c.Replies[0].InSent = true
		c.Messages[0].Moved, c.Messages[0].At = true, "Processed"
		if !keep {
			if err := tx.DeleteRaw(c.Replies[0].MessageID); err != nil {
				return err
			}
		}
		return tx.PutCase(c)
	})
}

// BenchmarkStoreBytesPerCase reports what the store file holds per case
// after 2,000 cases went through their life as the daemon's do, their
// replies' bytes kept or deleted: the file's size over the cases (bbolt
// grows it in steps of up to 16 MiB), the size of the pages it uses
// (free or not), and the bytes in use.
func BenchmarkStoreBytesPerCase(b *testing.B) {
	for _, keep := range []bool{true, false} {
		b.Run(map[bool]string{true: "replies-kept", false: "replies-deleted"}[keep], func(b *testing.B) {
			const n = 2000
			for range b.N {
				s, _ := openB(b)
				for i := range n {
					if err := lifecycle(s, i, keep); err != nil {
						b.Fatal(err)
					}
				}
				u, err := s.Usage()
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				b.ReportMetric(float64(u.FileBytes)/n, "file-B/case")
				b.ReportMetric(float64(u.PageBytes)/n, "pages-B/case")
				b.ReportMetric(float64(u.DataBytes)/n, "inuse-B/case")
				b.ReportMetric(float64(u.FileBytes), "file-B/2000")
			}
		})
	}
}
