package plan

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/letter"
	"github.com/mailproc/mailproc/mailproc/store"
)

// LetterContent is a letter as it was made, kept (like a reply's bytes)
// until retention erases it: every print of it reads the same.
type LetterContent struct {
	Date    time.Time `json:"date"`
	To      []string  `json:"to"`
	Subject string    `json:"subject"`
	Text    string    `json:"text"`
}

// Answer plans a reply staff chose: a letter to post for a case that
// came by post, else an email to the requester.
func (d *Planner) Answer(tx *store.Tx, c *cases.Case, ans decide.Answer, actor, message string) error {
	if c.ByPost() {
		return d.Letter(tx, c, ans, actor, message)
	}
	return d.Reply(tx, c, ans, CaseTarget(c), actor, message)
}

// StateAfterPlan is a case's state once a reply is planned: a letter
// waits for staff to post it; an email case is as the reply leaves it.
func StateAfterPlan(c *cases.Case, template cases.Template) cases.State {
	if c.ByPost() {
		return cases.AwaitingStaff
	}
	return StateAfter(template)
}

// Letter renders the reply a decision calls for, with staff's message
// for the requester, as a letter to the case's postal address, checks that
// it fits on one page, and keeps it to print. It is never sent by SMTP:
// staff post it and mark it posted. Only one letter waits to be posted at
// a time.
func (d *Planner) Letter(tx *store.Tx, c *cases.Case, ans decide.Answer, actor, message string) error {
	if r := c.LetterToPost(); r != nil {
		return control.Refuse(c.ID, "plan letter", "the letter %s is still to post: post it and mark it posted first", r.Template)
	}
	now, tmpl, addr := d.now(), ans.Template, c.PostalAddress()
	key, err := d.replyMessageID(c, tmpl)
	if err != nil {
		return err
	}
	content, err := d.ComposeLetter(c, ans, message)
	if err != nil {
		return err
	}
	if _, err := letter.PDF(d.LetterOf(c.ID, content)); err != nil {
		return fmt.Errorf("lay out %s: %w", tmpl, err)
	}
	if err := d.keepLetter(tx, key, content); err != nil {
		return err
	}
	if tmpl == decide.CaliforniaDisclosure {
		if err := tx.RecordAnswer(c.Year, c.Email, ans.Fields, c.ID, now); err != nil {
			return err
		}
	}
	c.Replies = append(c.Replies, cases.Reply{Template: tmpl, MessageID: key, To: addr.OneLine(),
		State: cases.ReplyToPost, Actor: actor, PlannedAt: now})
	c.Log(now, actor, cases.ActionLetterPlanned, string(tmpl)+": to print and post")
	return nil
}

// ComposeLetter renders a template as the letter to a case's postal
// address, as Letter keeps it and staff's preview shows it.
func (d *Planner) ComposeLetter(c *cases.Case, ans decide.Answer, message string) (LetterContent, error) {
	addr := c.PostalAddress()
	r, err := d.render(ans.Template, d.replyData(c, ans, Target{Name: addr.Name}), message)
	if err != nil {
		return LetterContent{}, err
	}
	return LetterContent{Date: d.now(), To: addr.Lines(), Subject: r.Subject, Text: r.Text}, nil
}

func (d *Planner) keepLetter(tx *store.Tx, key string, content LetterContent) error {
	b, err := json.Marshal(content)
	if err != nil {
		return fmt.Errorf("encode letter %s: %w", key, err)
	}
	return tx.PutRaw(key, b)
}

// LetterOf is a kept letter as the company prints it now.
func (d *Planner) LetterOf(caseID string, content LetterContent) letter.Letter {
	return letter.Letter{
		Paper:   letter.Paper(d.cfg.Letters.Paper),
		Company: d.cfg.Company.Name,
		From:    d.cfg.Company.PostalAddress,
		To:      content.To,
		Date:    content.Date.In(d.cfg.Location()),
		CaseID:  caseID,
		Subject: content.Subject,
		Body:    content.Text,
	}
}
