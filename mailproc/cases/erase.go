package cases

import "time"

// Erase removes a case's personal data once its retention has passed,
// keeping what the monthly reports count: kind, state, channel, outcome,
// reasons, dates, each reply's template and state, each message's action
// and each history event's actor and action (SPEC §7).
func (c *Case) Erase(at time.Time) {
	c.Email = ""
	c.Fields, c.Coppa = Fields{}, CoppaFields{}
	if c.Letter != nil {
		c.Letter.ReturnAddress = Fields{}
		if c.Letter.Scan != nil {
			c.Letter.Scan.Path = "" // the file itself is the operator's to shred
		}
	}
	for i := range c.Messages {
		m := &c.Messages[i]
		m.Key, m.MessageID, m.From, m.Subject, m.Text = "", "", "", "", ""
		for j := range m.Attachments {
			m.Attachments[j].Name = ""
		}
	}
	c.Copies = nil // filed copies: nothing the reports count
	for i := range c.Replies {
		r := &c.Replies[i]
		r.To, r.InReplyTo, r.Error = "", "", ""
	}
	for i := range c.History {
		c.History[i].Detail = ""
	}
	c.Erased = true
	c.Log(at, ActorDaemon, "personal data erased", "retention period over")
}
