package cases

import "strings"

// The channels a request comes by.
const (
	ChannelEmail  = "email"
	ChannelLetter = "letter"
)

// History actions of the letter desk. Entering a letter and marking it
// posted are clerical: they record what staff did with paper.
const (
	ActionLetterEntered = "letter entered"
	ActionLetterPlanned = "letter planned"
	ActionLetterPosted  = "letter posted"
)

// Letter is what a request that came by post carries beyond its fields.
type Letter struct {
	// ReturnAddress is where the answer is posted when the request's own
	// fields do not give it: always for coppa (the parent's address), and
	// for california when the letter lacks an address and the envelope
	// has one.
	ReturnAddress Fields `json:"return_address,omitzero" cbor:"1,keyasint,omitzero"`
	// Scan is a scan of the letter, kept outside the database.
	Scan *Scan `json:"scan,omitempty" cbor:"2,keyasint,omitempty"`
}

// Scan is a file staff scanned the letter into, referenced by path and
// checked by its SHA-256 at intake.
type Scan struct {
	Path   string `json:"path" cbor:"1,keyasint,omitempty"`
	SHA256 string `json:"sha256" cbor:"2,keyasint,omitempty"` // hex
	Bytes  int64  `json:"bytes" cbor:"3,keyasint,omitempty"`
}

// ByPost reports whether the case came by letter and is answered by post.
func (c *Case) ByPost() bool { return c.Channel == ChannelLetter }

// PostalAddress is where a letter answering the case goes: the return
// address when one was given, else the request's own fields.
func (c *Case) PostalAddress() Fields {
	if c.Letter != nil && c.Letter.ReturnAddress.Street != "" {
		return c.Letter.ReturnAddress
	}
	return c.Fields
}

// LetterToPost returns the case's letter waiting to be posted, or nil.
func (c *Case) LetterToPost() *Reply {
	for i := range c.Replies {
		if c.Replies[i].State == ReplyToPost {
			return &c.Replies[i]
		}
	}
	return nil
}

// Lines are an address as printed: the name, the street (an address line
// 2 after ", " goes on its own line), and "City, ST 12345". Empty parts
// are left out.
func (f Fields) Lines() []string {
	var lines []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			lines = append(lines, s)
		}
	}
	add(f.Name)
	for _, part := range strings.SplitN(f.Street, ", ", 2) {
		add(part)
	}
	last := strings.TrimSpace(f.City)
	if f.State != "" {
		last = strings.TrimLeft(last+", "+f.State, ", ")
	}
	add(strings.TrimSpace(last + " " + f.ZIP))
	return lines
}

// OneLine is an address on one line, parts joined by ", ".
func (f Fields) OneLine() string { return strings.Join(f.Lines(), ", ") }
