package store

import (
	"fmt"
	"slices"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// CaseHead is a case read for an update that needs neither its messages'
// texts nor its history (the daemon's outbox: a reply's intent and
// outcome): what is kept apart of it is neither read nor written again.
//
// Its Case holds the texts of no message, and a History that begins
// empty: append events
// with Log as on a whole case, and PutCaseHead adds them to the stored
// history. A message added to it is written with its text. Such a case is
// only ever written with PutCaseHead, which never deletes or replaces a
// text or an event: the empty texts and the missing history of a head
// can never erase what is stored. PutCase refuses it when it holds fewer
// events than are stored (the usual case), and a head cannot erase a case:
// PutCaseHead refuses a case newly erased (erasure rewrites the history,
// which takes the whole case).
type CaseHead struct {
	Case *cases.Case

	logged int    // events of Case.History written already
	search string // the search text of Case without its messages' texts, when read or last put
}

// CaseHead returns the head of a case by id, or ErrNotFound. A case kept
// in the format before this one is read whole (its history in its
// History), and written whole in this format by PutCaseHead.
func (t *Tx) CaseHead(id string) (*CaseHead, error) {
	if t.step != nil {
		if h, err := t.step.caseHead(id); h != nil || err != nil {
			return h, err
		}
	}
	v := t.bucket(bucketCases).Get([]byte(id))
	if v == nil {
		return nil, fmt.Errorf("case %s: %w", id, ErrNotFound)
	}
	c, _, err := readCase(t.tx, id, v, readHead)
	if err != nil {
		return nil, err
	}
	return &CaseHead{Case: c, search: textless(c).SearchText()}, nil
}

// PutCaseHead writes a case read with CaseHead: its body, the events added
// to its history since it was read (after those stored now), the texts of
// messages added to it, and its indexes; its search text only when what
// it holds but the texts changed.
func (t *Tx) PutCaseHead(h *CaseHead) error {
	if t.step != nil {
		return t.step.put(h)
	}
	c := h.Case
	stored, err := t.header(c.ID)
	if err != nil {
		return err
	}
	if c.Erased && !stored.erased {
		return fmt.Errorf("write case %s: a case is erased whole (Case and PutCase), not from its head", c.ID)
	}
	if len(c.History) < h.logged || len(c.Messages) < stored.texts {
		return fmt.Errorf("write case %s: its head lost messages or events it held", c.ID)
	}
	if err := t.putBody(c, stored, c.History[h.logged:]); err != nil {
		return err
	}
	h.logged = len(c.History)
	if err := t.putIndexes(c); err != nil {
		return err
	}
	if err := t.putHeadRow(c, stored); err != nil {
		return err
	}
	search := textless(c).SearchText()
	if search == h.search {
		return nil
	}
	whole := *c
	whole.Messages = slices.Clone(c.Messages)
	if err := readTexts(t.tx, c.ID, whole.Messages[:min(stored.texts, len(whole.Messages))]); err != nil {
		return err
	}
	if err := t.putSearch(&whole); err != nil {
		return err
	}
	h.search = search
	return nil
}

// putHeadRow writes the row of the head c. A row's gist is the only part
// of it that may read a text, the first message's, and only when nothing
// else gives it: when the row without that text has no gist, the text is
// read and the row made again.
func (t *Tx) putHeadRow(c *cases.Case, stored caseHeader) error {
	row := c.Row()
	if row.Gist == "" && len(c.Messages) > 0 && c.Messages[0].Text == "" && stored.texts > 0 {
		withFirst := *c
		withFirst.Messages = slices.Clone(c.Messages)
		if err := readTexts(t.tx, c.ID, withFirst.Messages[:1]); err != nil {
			return err
		}
		row = withFirst.Row()
	}
	return putRow(t.tx, row)
}

// textless is a copy of c whose messages hold no text (the messages are
// copied, the rest shared).
func textless(c *cases.Case) *cases.Case {
	cp := *c
	cp.Messages = slices.Clone(c.Messages)
	for i := range cp.Messages {
		cp.Messages[i].Text = ""
	}
	return &cp
}
