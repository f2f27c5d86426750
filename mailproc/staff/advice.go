package staff

import (
	"slices"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/store"
)

// maxOthers is how many of a requester's other cases the advice lists.
const maxOthers = 20

// Advise says what to make of a case: its reasons in plain words, what to
// do first, the answers that fit with how each would be reported, and the
// requester's other cases.
func (d *Desk) Advise(id string) (control.Advice, error) {
	c, err := d.Get(id)
	if err != nil {
		return control.Advice{}, err
	}
	a := control.Advice{Fields: cases.CausedBy(c), Reasons: []cases.ReasonInfo{}}
	for _, code := range c.Reasons {
		a.Reasons = append(a.Reasons, cases.ReasonOf(code))
	}
	for _, ans := range cases.Answers() {
		if ans.Fits(c.Kind) {
			reported := cases.ReportedAs(c.Kind, ans.Outcome)
			if ans.FreeText {
				reported = "as you choose: complied, denied, not covered, or no outcome (the case then waits for the requester)"
			}
			a.Answers = append(a.Answers, control.AnswerFit{Template: ans.Template, Words: ans.Words,
				Decline: ans.Decline, FreeText: ans.FreeText, Reported: reported})
		}
	}
	err = d.store.View(func(tx *store.Tx) error {
		a.Suggested = d.suggest(tx, c)
		a.Others, err = d.othersOf(tx, c)
		return err
	})
	return a, err
}

// suggest is cases.Suggest with what the store knows: a disclosure that
// would be this calendar year's second answer is a repeat notice.
func (d *Desk) suggest(tx *store.Tx, c *cases.Case) cases.Suggestion {
	s := cases.Suggest(c)
	if s.Template == cases.TemplateDisclosure {
		if _, earlier, ok := tx.EarlierAnswer(c.Year, c.Email, c.Fields); ok && earlier != c.ID {
			s.Template = cases.TemplateRepeat
		}
	}
	return s
}

// othersOf lists the other cases of the same requester (the same address,
// or for a letter the same name and ZIP code), newest first.
func (d *Desk) othersOf(tx *store.Tx, c *cases.Case) ([]control.Summary, error) {
	email, name := strings.ToLower(c.Email), strings.ToLower(c.RequesterName())
	if email == "" && name == "" {
		return nil, nil
	}
	words := cases.SearchWords(email)
	if email == "" {
		words = cases.SearchWords(name)
	}
	now, loc := d.now(), d.cfg.Location()
	var out []control.Summary
	err := tx.ForEachRow(words, func(r cases.Row) error {
		same := email != "" && strings.EqualFold(r.Email, email) || email == "" && strings.EqualFold(r.Name, name)
		if r.ID != c.ID && same {
			out = append(out, summaryOf(r, now, loc))
		}
		return nil
	})
	slices.SortFunc(out, func(a, b control.Summary) int { return b.Received.Compare(a.Received) })
	return out[:min(len(out), maxOthers)], err
}
