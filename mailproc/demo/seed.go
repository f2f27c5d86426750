package demo

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/mail"
	"sort"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// seed appends the demo's messages (all but the follow-up) to INBOX, each
// received when its Date header says.
func (w *world) seed() (int, error) {
	names, err := fs.Glob(mailFS, "mail/*.eml")
	if err != nil {
		return 0, err
	}
	sort.Strings(names)
	n := 0
	for _, name := range names {
		if strings.Contains(name, "followup") {
			continue
		}
		raw, err := mailFS.ReadFile(name)
		if err != nil {
			return n, err
		}
		if err := w.deliver(raw); err != nil {
			return n, fmt.Errorf("demo: seed %s: %w", name, err)
		}
		n++
	}
	return n, nil
}

// deliver appends a message with CRLF line ends, received at its Date.
func (w *world) deliver(raw []byte) error {
	raw = bytes.ReplaceAll(bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	date, err := m.Header.Date()
	if err != nil {
		return err
	}
	return w.imap.Append("INBOX", raw, date)
}

// appendFollowUp delivers Brian's answer to the incomplete notice the
// daemon sent him, naming that notice's Message-ID as a mail client would.
func (w *world) appendFollowUp() error {
	id, err := w.incompleteNoticeID()
	if err != nil {
		return err
	}
	raw, err := mailFS.ReadFile("mail/13-followup.eml")
	if err != nil {
		return err
	}
	return w.deliver(bytes.ReplaceAll(raw, []byte("{{INCOMPLETE}}"), []byte(id)))
}

func (w *world) incompleteNoticeID() (string, error) {
	var id string
	err := w.store.View(func(tx *store.Tx) error {
		return tx.ForEachCase(func(c *cases.Case) error {
			if r := c.Reply("california-incomplete"); r != nil && id == "" {
				id = r.MessageID
			}
			return nil
		})
	})
	if err == nil && id == "" {
		err = fmt.Errorf("demo: no incomplete notice was sent")
	}
	return id, err
}
