package cases

import (
	"strings"
	"time"
)

// Row is what a list of cases shows of one, and what it is filtered and
// sorted by. The store keeps it beside the case, so that a list or a
// search reads no whole case.
type Row struct {
	ID       string    `json:"id"`
	Kind     Kind      `json:"kind"`
	State    State     `json:"state"`
	Reasons  []Reason  `json:"reasons,omitempty"`
	Channel  string    `json:"channel,omitempty"`
	Email    string    `json:"email,omitempty"`
	Name     string    `json:"name,omitempty"`    // the requester's name, as read
	Subject  string    `json:"subject,omitempty"` // the first message's
	Gist     string    `json:"gist,omitempty"`    // a line telling this case from its neighbours
	Received time.Time `json:"received"`
	Due      time.Time `json:"due,omitzero"` // zero: no legal due date
	Outcome  Outcome   `json:"outcome,omitempty"`
	Messages int       `json:"messages,omitempty"`
	ToPost   bool      `json:"to_post,omitempty"`  // a letter waits to be printed and posted
	Pending  bool      `json:"pending,omitempty"`  // a reply is planned or being sent
	Attached int       `json:"attached,omitempty"` // attachments in its mail
	// Law and Rights are a privacy request's (SPEC §10).
	Law    string   `json:"law,omitempty"`
	Rights []string `json:"rights,omitempty"`
}

// maxGist is how long a row's gist may be, in characters.
const maxGist = 90

// Row returns the case's row.
func (c *Case) Row() Row {
	r := Row{ID: c.ID, Kind: c.Kind, State: c.State, Reasons: c.Reasons, Channel: c.Channel, Email: c.Email,
		Name: c.RequesterName(), Received: c.Received, Due: c.LegalDue(), Outcome: c.Outcome,
		Messages: len(c.Messages), ToPost: c.LetterToPost() != nil, Gist: c.gist(), Law: c.Law, Rights: c.Rights}
	if len(c.Messages) > 0 {
		r.Subject = c.Messages[0].Subject
	}
	if c.ByPost() {
		r.Subject = "Letter: " + string(c.Kind) + " request"
	}
	for _, rep := range c.Replies {
		r.Pending = r.Pending || rep.State == ReplyPlanned || rep.State == ReplySending
	}
	for _, m := range c.Messages {
		r.Attached += len(m.Attachments)
	}
	return r
}

// RequesterName is the requester's name as the request gave it: a
// california requester's, a coppa parent's, else the first message's From
// display name.
func (c *Case) RequesterName() string {
	for _, n := range []string{c.Fields.Name, c.Coppa.ParentName} {
		if n != "" {
			return n
		}
	}
	if len(c.Messages) > 0 {
		if name, _, ok := strings.Cut(c.Messages[0].From, "<"); ok {
			return strings.Trim(strings.TrimSpace(name), `"`)
		}
	}
	return ""
}

// gist is one line that tells a case from the others with the same
// subject: where a california requester lives, whom a coppa request is
// about, or how the first message begins.
func (c *Case) gist() string {
	var s string
	switch {
	case c.Kind == California && (c.Fields.City != "" || c.Fields.State != "" || c.Fields.ZIP != ""):
		s = strings.TrimSpace(strings.Join(strings.Fields(c.Fields.City+", "+c.Fields.State+" "+c.Fields.ZIP), " "))
		s = strings.Trim(s, ", ")
	case c.Kind == Coppa && (c.Coppa.ChildName != "" || c.Coppa.ChildUsername != ""):
		s = "child: " + strings.TrimSpace(c.Coppa.ChildName+" "+c.Coppa.ChildUsername)
	case len(c.Messages) > 0:
		s = strings.Join(strings.Fields(c.Messages[0].Text), " ")
	}
	if r := []rune(s); len(r) > maxGist {
		s = string(r[:maxGist-1]) + "…"
	}
	return s
}

// maxSearchText bounds what search reads of one message's text.
const maxSearchText = 16 << 10

// SearchText is what a search looks in, lower-cased: the case id, the
// requester's address and name, the fields, and each message's From,
// subject and text (the first 16 KiB of it).
func (c *Case) SearchText() string {
	var b strings.Builder
	add := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	add(c.ID)
	add(c.Email)
	f := c.Fields
	add(strings.Join([]string{f.Name, f.Street, f.City, f.State, f.ZIP}, " "))
	add(strings.Join([]string{c.Coppa.ParentName, c.Coppa.ChildName, c.Coppa.ChildEmail, c.Coppa.ChildUsername}, " "))
	if c.Letter != nil {
		add(c.Letter.ReturnAddress.OneLine())
	}
	for _, m := range c.Messages {
		add(m.From)
		add(m.Subject)
		text := m.Text
		if len(text) > maxSearchText {
			text = text[:maxSearchText]
		}
		add(text)
		for _, a := range m.Attachments {
			add(a.Name)
		}
	}
	return strings.ToLower(b.String())
}

// SearchWords splits what staff typed into the words a search wants, each
// lower-cased, words in double quotes kept together as one phrase: a case
// matches when its SearchText holds every one.
func SearchWords(query string) []string {
	var words []string
	for i, part := range strings.Split(strings.ToLower(query), `"`) {
		if i%2 == 1 {
			if phrase := strings.Join(strings.Fields(part), " "); phrase != "" {
				words = append(words, phrase)
			}
			continue
		}
		words = append(words, strings.Fields(part)...)
	}
	return words
}
