package letterdesk

import (
	"fmt"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/plan"
	"github.com/mailproc/mailproc/mailproc/store"
)

// The desk is the letter desk staff tools use.
var _ control.LetterDesk = (*Desk)(nil)

// AddLetter makes a case of a letter staff read and decides it by the
// rules mail is decided by; a reply becomes a letter to post.
func (d *Desk) AddLetter(l control.Letter) (*cases.Case, error) {
	l, err := d.checkLetter(l)
	if err != nil {
		return nil, fmt.Errorf("add letter: %w", err)
	}
	scan, err := d.scanOf(l.Scan)
	if err != nil {
		return nil, fmt.Errorf("add letter: %w", err)
	}
	var c *cases.Case
	err = d.store.Update(func(tx *store.Tx) error {
		if c, err = d.letterCase(tx, l, scan); err != nil {
			return err
		}
		d.decideLetter(tx, c)
		return tx.PutCase(c)
	})
	if err != nil {
		return nil, fmt.Errorf("add letter: %w", err)
	}
	d.log.Info("letter entered", "case", c.ID, "kind", c.Kind, "actor", l.Actor, "state", c.State)
	return c, nil
}

// letterCase is the new case of a letter, received on its day.
func (d *Desk) letterCase(tx *store.Tx, l control.Letter, scan *cases.Scan) (*cases.Case, error) {
	loc := d.cfg.Location()
	year := cases.Year(l.Received, loc)
	id, err := tx.NewCaseID(year)
	if err != nil {
		return nil, err
	}
	c := &cases.Case{ID: id, Kind: l.Kind, Channel: cases.ChannelLetter, Received: l.Received, Year: year,
		Due: d.plan.Due(l.Kind, "", l.Received), Letter: &cases.Letter{ReturnAddress: l.ReturnAddress, Scan: scan}}
	if l.Kind == cases.California {
		c.Fields, c.FirstLine = l.Fields, l.FirstLine
	} else {
		c.Coppa = l.Coppa
	}
	c.Log(d.now(), l.Actor, cases.ActionLetterEntered, letterDetail(c, l.Note))
	return c, nil
}

// letterDetail says in the history what was entered.
func letterDetail(c *cases.Case, note string) string {
	parts := []string{"received " + c.Received.Format(time.DateOnly)}
	if s := c.Letter.Scan; s != nil {
		parts = append(parts, fmt.Sprintf("scan %s (sha256 %s, %d bytes)", s.Path, s.SHA256, s.Bytes))
	}
	if note != "" {
		parts = append(parts, note)
	}
	return strings.Join(parts, "; ")
}

// decideLetter decides a letter's case as mail is decided, with its
// history (repeats across both channels, disclosure data) but no rate
// limits, which bound automatic mail: a reply becomes a letter to post.
func (d *Desk) decideLetter(tx *store.Tx, c *cases.Case) {
	dec := decide.Letter(c.Kind, c.Fields, c.FirstLine, c.Coppa)
	ans := decide.WithHistory(dec, d.plan.History(tx), decide.Context{Year: c.Year, Now: d.now(), Email: c.Email})
	if c.Kind == cases.California {
		c.Missing = ans.Missing
	}
	if ans.Action == decide.Reply {
		if err := d.plan.Letter(tx, c, ans, cases.ActorDaemon, ""); err != nil {
			d.log.Error("letter cannot be made; handing the case to staff", "case", c.ID, "template", ans.Template, "err", err)
			ans.Action, ans.Template, ans.Detail = decide.Review, "", err.Error()
			ans.Reasons = append(ans.Reasons, cases.ReasonTemplateFailed)
		}
	}
	if ans.Action == decide.Reply {
		c.State, c.Reasons = cases.AwaitingStaff, nil
		if o := plan.Outcome(ans.Template); o != "" {
			c.Outcome = o
		}
	} else {
		c.State, c.Reasons = cases.Review, ans.Reasons
	}
	c.Log(d.now(), cases.ActorDaemon, "decided", plan.Describe(ans.Decision))
}
