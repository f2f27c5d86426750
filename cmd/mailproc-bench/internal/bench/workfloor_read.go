package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/mail"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// floorHeaders fetches the header of every message with one UID FETCH and
// sorts out the requests to answer and the machine mail to review.
func floorHeaders(c *imapclient.Client, labels map[string]Category) ([]floorRequest, []imap.UID, error) {
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, Peek: true}
	opts := &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}
	var reqs []floorRequest
	var review []imap.UID
	err := eachMessage(c.Fetch(imap.UIDSet{{Start: 1, Stop: 0}}, opts), func(uid imap.UID, header []byte) error {
		h, err := mail.ReadMessage(bytes.NewReader(header))
		if err != nil {
			return nil // not ours to judge: a real floor would leave it
		}
		switch cat := labels[h.Header.Get("Message-ID")]; {
		case cat.Answered():
			from, _ := mail.ParseAddress(h.Header.Get("From"))
			q := floorRequest{uid: uid, subject: h.Header.Get("Subject"), messageID: h.Header.Get("Message-ID")}
			if from != nil {
				q.from = from.Address
			}
			reqs = append(reqs, q)
		case cat.Reviewed():
			review = append(review, uid)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("uid fetch 1:* body.peek[header]: %w", err)
	}
	return reqs, review, nil
}

// floorBodies fetches the requests whole with one UID FETCH and returns how
// many bytes came.
func floorBodies(c *imapclient.Client, reqs []floorRequest) (int64, error) {
	if len(reqs) == 0 {
		return 0, nil
	}
	var set imap.UIDSet
	for _, q := range reqs {
		set.AddNum(q.uid)
	}
	var total int64
	err := drainBodies(c.Fetch(set, wholeBody()), func(_ imap.UID, body io.Reader) error {
		n, err := io.Copy(io.Discard, body)
		total += n
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("uid fetch requests body.peek[]: %w", err)
	}
	return total, nil
}

// floorSend sends one reply per request on one SMTP connection and returns
// the replies sent.
func floorSend(ctx context.Context, srv SMTPServer, replyFrom string, reqs []floorRequest) ([][]byte, error) {
	if len(reqs) == 0 {
		return nil, nil
	}
	c, err := dialSMTP(ctx, srv)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	addr, err := mail.ParseAddress(replyFrom)
	if err != nil {
		return nil, fmt.Errorf("reply from %q: %w", replyFrom, err)
	}
	replies := make([][]byte, 0, len(reqs))
	for i, q := range reqs {
		raw := floorReply(replyFrom, q.from, q.subject, q.messageID, i, time.Now())
		if err := sendSMTP(c, addr.Address, q.from, raw); err != nil {
			return nil, fmt.Errorf("send reply %d: %w", i, err)
		}
		replies = append(replies, raw)
	}
	if err := c.Quit(); err != nil {
		return nil, fmt.Errorf("smtp quit: %w", err)
	}
	return replies, nil
}

// eachMessage hands each message of a FETCH of one body section to fn,
// whole, with its UID.
func eachMessage(cmd *imapclient.FetchCommand, fn func(uid imap.UID, body []byte) error) error {
	defer cmd.Close()
	for msg := cmd.Next(); msg != nil; msg = cmd.Next() {
		buf, err := msg.Collect()
		if err != nil {
			return err
		}
		if len(buf.BodySection) == 0 {
			continue
		}
		if err := fn(buf.UID, buf.BodySection[0].Bytes); err != nil {
			return err
		}
	}
	return cmd.Close()
}
