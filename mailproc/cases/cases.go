// Package cases defines mailproc's record of a request: its kind, state,
// messages, replies, due date and history. It holds data and the rules that
// tie states together; it does no I/O.
package cases

import "time"

// Kind is what a message or case is about.
type Kind string

// The kinds of SPEC §1, §2 and §10.
const (
	California Kind = "california"
	Coppa      Kind = "coppa"
	// Privacy is every other privacy-rights request: GDPR, CCPA and the
	// other US state laws, or none named (SPEC §10).
	Privacy   Kind = "privacy"
	Other     Kind = "other"
	Automated Kind = "automated"
)

// State is where a case stands.
type State string

// The case states of SPEC §5.
const (
	AwaitingRequester State = "awaiting-requester"
	Answered          State = "answered"
	Review            State = "review"
	AwaitingStaff     State = "awaiting-staff"
	Done              State = "done"
	Dismissed         State = "dismissed"
)

// States lists the case states, in the order they are offered: the open
// ones first, staff's before the requester's, then the closed ones.
func States() []State {
	return []State{Review, AwaitingStaff, AwaitingRequester, Answered, Done, Dismissed}
}

// Open reports whether the case still needs someone to act.
func (s State) Open() bool {
	return s == AwaitingRequester || s == Review || s == AwaitingStaff
}

// Review reasons (SPEC §2–§5), plus the few the product adds; each has
// its row in reasons.go.
const (
	ReasonAmbiguous        Reason = "ambiguous-subject"
	ReasonNearMiss         Reason = "near-miss"
	ReasonAutomated        Reason = "automated"
	ReasonNotCalifornia    Reason = "not-california"
	ReasonZIPMismatch      Reason = "zip-mismatch"
	ReasonNoDisclosureData Reason = "no-disclosure-data"
	ReasonDeliveryUnknown  Reason = "delivery-unknown"
	ReasonRateLimited      Reason = "rate-limited"
	ReasonTooLarge         Reason = "too-large"
	ReasonUnparseable      Reason = "unparseable"
	ReasonDMARCFail        Reason = "dmarc-fail"
	ReasonNoReplyAddress   Reason = "no-reply-address"
	// ReasonDeliveryFailed: the SMTP server refused the reply for good.
	ReasonDeliveryFailed Reason = "delivery-failed"
	// ReasonTemplateFailed: the reply's template could not be rendered.
	ReasonTemplateFailed Reason = "template-failed"
	// ReasonFollowUp: the requester wrote again on a case that needs no
	// automatic answer (already answered, or with staff).
	ReasonFollowUp Reason = "follow-up"
	// ReasonStillIncomplete: a follow-up still lacks fields, and the case
	// has had its one automatic incomplete notice.
	ReasonStillIncomplete Reason = "still-incomplete"
	// ReasonAlreadyReplied: the decision would repeat a template this case
	// has already been sent automatically.
	ReasonAlreadyReplied Reason = "already-replied"
	// ReasonPrivacyRequest: a privacy-rights request (SPEC §10); staff
	// verify the requester and act in the company's systems.
	ReasonPrivacyRequest Reason = "privacy-request"
)

// Fields are what a california request must give (SPEC §3).
type Fields struct {
	Name   string `json:"name" cbor:"1,keyasint,omitempty"`
	Street string `json:"street" cbor:"2,keyasint,omitempty"`
	City   string `json:"city" cbor:"3,keyasint,omitempty"`
	State  string `json:"state" cbor:"4,keyasint,omitempty"`
	ZIP    string `json:"zip" cbor:"5,keyasint,omitempty"`
}

// CoppaFields identify the child and the parent of a coppa request.
type CoppaFields struct {
	ParentName    string `json:"parent_name,omitempty" cbor:"1,keyasint,omitempty"`
	ChildName     string `json:"child_name,omitempty" cbor:"2,keyasint,omitempty"`
	ChildEmail    string `json:"child_email,omitempty" cbor:"3,keyasint,omitempty"`
	ChildUsername string `json:"child_username,omitempty" cbor:"4,keyasint,omitempty"`
}

// Case is one request and everything done about it.
//
// The cbor tags here and on the structs a Case holds number the fields in
// the store's encoding of a case (mailproc/store): a field's number never
// changes, and the number of a field removed is not used again. History
// is kept apart by the store, so it has none.
type Case struct {
	ID        string      `json:"id" cbor:"1,keyasint,omitempty"`
	Kind      Kind        `json:"kind" cbor:"2,keyasint,omitempty"`
	State     State       `json:"state" cbor:"3,keyasint,omitempty"`
	Reasons   []Reason    `json:"reasons,omitempty" cbor:"4,keyasint,omitempty"`
	Channel   string      `json:"channel" cbor:"5,keyasint,omitempty"`
	Email     string      `json:"email" cbor:"6,keyasint,omitempty"`
	Fields    Fields      `json:"fields" cbor:"7,keyasint,omitzero"`
	FirstLine bool        `json:"first_line" cbor:"8,keyasint,omitempty"`
	Missing   []string    `json:"missing,omitempty" cbor:"9,keyasint,omitempty"`
	Coppa     CoppaFields `json:"coppa,omitempty" cbor:"10,keyasint,omitzero"`
	// Law and Rights are what a privacy request names (SPEC §10).
	Law      string    `json:"law,omitempty" cbor:"11,keyasint,omitempty"`
	Rights   []string  `json:"rights,omitempty" cbor:"12,keyasint,omitempty"`
	Received time.Time `json:"received" cbor:"13,keyasint,omitzero"`
	Year     int       `json:"year" cbor:"14,keyasint,omitempty"`
	Due      time.Time `json:"due" cbor:"15,keyasint,omitzero"`
	Answered time.Time `json:"answered,omitempty" cbor:"16,keyasint,omitzero"`
	Outcome  Outcome   `json:"outcome,omitempty" cbor:"17,keyasint,omitempty"`
	Messages []Message `json:"messages" cbor:"18,keyasint"`
	// Copies are other copies of the case's messages found in the inbox
	// (delivered twice, copied back), filed where the first went; they
	// are not decided again.
	Copies  []Message `json:"copies,omitempty" cbor:"19,keyasint,omitempty"`
	Replies []Reply   `json:"replies,omitempty" cbor:"20,keyasint,omitempty"`
	History []Event   `json:"history" cbor:"-"`
	Erased  bool      `json:"erased,omitempty" cbor:"21,keyasint,omitempty"`
	// Letter is set for a request that came by post (Channel "letter").
	Letter *Letter `json:"letter,omitempty" cbor:"22,keyasint,omitempty"`
}

// Message is one mail that belongs to a case.
type Message struct {
	Key         string    `json:"key" cbor:"1,keyasint,omitempty"`
	MessageID   string    `json:"message_id,omitempty" cbor:"2,keyasint,omitempty"`
	Received    time.Time `json:"received" cbor:"3,keyasint,omitzero"`
	From        string    `json:"from" cbor:"4,keyasint,omitempty"`
	Subject     string    `json:"subject" cbor:"5,keyasint,omitempty"`
	Text        string    `json:"text" cbor:"6,keyasint,omitempty"`
	Folder      string    `json:"folder" cbor:"7,keyasint,omitempty"`         // where it goes (or went)
	Flag        bool      `json:"flag,omitempty" cbor:"8,keyasint,omitempty"` // \Flagged there
	At          string    `json:"at,omitempty" cbor:"9,keyasint,omitempty"`   // the folder it is in now when not the inbox
	UID         uint32    `json:"uid,omitempty" cbor:"10,keyasint,omitempty"`
	UIDValidity uint32    `json:"uid_validity,omitempty" cbor:"11,keyasint,omitempty"`
	Moved       bool      `json:"moved,omitempty" cbor:"12,keyasint,omitempty"`
	// Filing is the intent to move it out of the inbox, recorded before
	// the first IMAP command of the move; nil while none was begun.
	Filing   *Filing  `json:"filing,omitempty" cbor:"13,keyasint,omitempty"`
	Action   string   `json:"action" cbor:"14,keyasint,omitempty"`
	Template Template `json:"template,omitempty" cbor:"15,keyasint,omitempty"`
	Reasons  []Reason `json:"reasons,omitempty" cbor:"16,keyasint,omitempty"`
	// Attachments are the files attached to it, listed (never copied).
	Attachments []Attachment `json:"attachments,omitempty" cbor:"17,keyasint,omitempty"`
}

// Filing is an intent to move a message out of the inbox. On a server
// without MOVE it notes the destination's UIDVALIDITY and UIDNEXT, so that
// a repeat finds the copy an interrupted attempt made there.
type Filing struct {
	Folder      string `json:"folder" cbor:"1,keyasint,omitempty"`
	Flag        bool   `json:"flag,omitempty" cbor:"2,keyasint,omitempty"`
	UIDValidity uint32 `json:"uid_validity,omitempty" cbor:"3,keyasint,omitempty"`
	UIDNext     uint32 `json:"uid_next,omitempty" cbor:"4,keyasint,omitempty"`
}

// ReplyState is how far one reply got.
type ReplyState string

// Reply states, in the order a reply passes through them.
const (
	ReplyPlanned ReplyState = "planned" // decided and recorded; sending not begun
	ReplySending ReplyState = "sending" // sending begun; not confirmed
	ReplySent    ReplyState = "sent"    // the SMTP server accepted it
	ReplyFailed  ReplyState = "failed"  // refused for good
	ReplyUnknown ReplyState = "unknown" // begun, never confirmed: never resent
)

// Reply states of an answer by post: a printed letter never goes to SMTP.
const (
	ReplyToPost ReplyState = "to-post" // rendered and kept; staff print and post it
	ReplyPosted ReplyState = "posted"  // staff posted it; SentAt is the day of posting
)

// Delivered reports whether a reply reached its way to the requester: the
// SMTP server accepted it, or staff posted it.
func (s ReplyState) Delivered() bool { return s == ReplySent || s == ReplyPosted }

// Reply is one answer sent (or to be sent) on a case.
type Reply struct {
	Template    Template   `json:"template" cbor:"1,keyasint,omitempty"`
	MessageID   string     `json:"message_id" cbor:"2,keyasint,omitempty"` // for a letter, the key its content is kept under
	To          string     `json:"to" cbor:"3,keyasint,omitempty"`         // an email address, or a letter's address on one line
	InReplyTo   string     `json:"in_reply_to,omitempty" cbor:"4,keyasint,omitempty"`
	State       ReplyState `json:"state" cbor:"5,keyasint,omitempty"`
	Actor       string     `json:"actor" cbor:"6,keyasint,omitempty"`
	PlannedAt   time.Time  `json:"planned_at" cbor:"7,keyasint,omitzero"`
	SentAt      time.Time  `json:"sent_at,omitempty" cbor:"8,keyasint,omitzero"` // for a letter, the day it was posted
	Attempts    int        `json:"attempts,omitempty" cbor:"9,keyasint,omitempty"`
	NextAttempt time.Time  `json:"next_attempt,omitempty" cbor:"10,keyasint,omitzero"`
	Error       string     `json:"error,omitempty" cbor:"11,keyasint,omitempty"`
	InSent      bool       `json:"in_sent,omitempty" cbor:"12,keyasint,omitempty"`
	Bounced     time.Time  `json:"bounced,omitempty" cbor:"13,keyasint,omitzero"`
	// Answer: this reply is the case's answer (its Outcome was recorded
	// when it was planned): when it is delivered, the case is answered.
	Answer bool `json:"answer,omitempty" cbor:"14,keyasint,omitempty"`
}

// Event is one line of a case's append-only history.
type Event struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Detail string    `json:"detail,omitempty"`
}

// ActorDaemon names the daemon in a case's history.
const ActorDaemon = "daemon"

// Log appends an event to the case's history.
func (c *Case) Log(at time.Time, actor, action, detail string) {
	c.History = append(c.History, Event{At: at, Actor: actor, Action: action, Detail: detail})
}

// Reply returns the case's reply with the given template, or nil.
func (c *Case) Reply(template Template) *Reply {
	for i := range c.Replies {
		if c.Replies[i].Template == template {
			return &c.Replies[i]
		}
	}
	return nil
}

// PendingWork reports whether the case has work for the daemon: a reply not
// yet settled (not sent, or sent but not yet copied to the sent folder) or a
// message not yet moved out of the inbox. A letter waiting to be posted is
// work for staff, not for the daemon.
func (c *Case) PendingWork() bool {
	for _, r := range c.Replies {
		if r.State == ReplyPlanned || r.State == ReplySending || (r.State == ReplySent && !r.InSent) {
			return true
		}
	}
	for _, m := range c.Messages {
		if !m.Moved {
			return true
		}
	}
	for _, m := range c.Copies {
		if !m.Moved {
			return true
		}
	}
	return false
}
