package store

// The binary encoding of a case's body. Each field that is set is a key
// (uvarint: the field's number << 1 | 1 for bytes, 0 for a number) and its
// value: a number as a uvarint (a signed one zigzag), bytes (a string, a
// time, a nested struct) as their length and themselves. A field not
// written is zero; a list is its field repeated, once per element. A
// reader skips fields it does not know. It gives back what JSON gave back
// (the store kept cases as JSON before): strings with each byte that is
// not UTF-8 a U+FFFD, times in UTC when their offset is 0, in Local when
// Local has their offset then, else in a zone of that offset.

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

type enc struct{ b []byte }

func (e *enc) key(n, bytesType int) { e.b = binary.AppendUvarint(e.b, uint64(n<<1|bytesType)) }

func (e *enc) bytes(n int, b []byte) {
	e.key(n, 1)
	e.b = binary.AppendUvarint(e.b, uint64(len(b)))
	e.b = append(e.b, b...)
}

// str writes s, unless it is empty.
func (e *enc) str(n int, s string) {
	if s != "" {
		e.strAlways(n, s)
	}
}

func (e *enc) strAlways(n int, s string) {
	s = asJSON(s)
	e.key(n, 1)
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

// strs writes every element of a list of strings.
func strs[S ~string](e *enc, n int, ss []S) {
	for _, s := range ss {
		e.strAlways(n, string(s))
	}
}

func (e *enc) uint(n int, u uint64) {
	if u != 0 {
		e.key(n, 0)
		e.b = binary.AppendUvarint(e.b, u)
	}
}

func (e *enc) int(n int, i int64) {
	if i != 0 {
		e.key(n, 0)
		e.b = binary.AppendVarint(e.b, i)
	}
}

func (e *enc) flag(n int, b bool) {
	if b {
		e.uint(n, 1)
	}
}

// time writes t unless it is zero: Unix seconds, nanoseconds, offset in
// seconds.
func (e *enc) time(n int, t time.Time) {
	if t.IsZero() {
		return
	}
	_, off := t.Zone()
	b := binary.AppendVarint(nil, t.Unix())
	b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
	e.bytes(n, binary.AppendVarint(b, int64(off)))
}

// msg writes a nested struct, which write encodes.
func (e *enc) msg(n int, write func(*enc)) {
	var sub enc
	write(&sub)
	e.bytes(n, sub.b)
}

var errCodec = errors.New("case body cut short")

type dec struct {
	b   []byte
	err error
}

// next reads a field's key; false at the end or on an error.
func (d *dec) next() (n int, isBytes bool, ok bool) {
	if len(d.b) == 0 || d.err != nil {
		return 0, false, false
	}
	k := d.uvarint()
	return int(k >> 1), k&1 == 1, d.err == nil
}

func (d *dec) uvarint() uint64 {
	u, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[k:]
	return u
}

func (d *dec) varint() int64 {
	i, k := binary.Varint(d.b)
	if k <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[k:]
	return i
}

func (d *dec) bytes() []byte {
	n := d.uvarint()
	if uint64(len(d.b)) < n {
		d.err, d.b = errCodec, nil
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *dec) str() string { return string(d.bytes()) }
func (d *dec) flag() bool  { return d.uvarint() != 0 }
func (d *dec) u32() uint32 { return uint32(d.uvarint()) }

func (d *dec) time() time.Time {
	t := dec{b: d.bytes()}
	sec, ns, off := t.varint(), t.uvarint(), t.varint()
	if t.err != nil {
		d.err = t.err
		return time.Time{}
	}
	at := time.Unix(sec, int64(ns))
	if off == 0 {
		return at.UTC()
	}
	if _, local := at.In(time.Local).Zone(); int64(local) == off {
		return at.In(time.Local)
	}
	return at.In(time.FixedZone("", int(off)))
}

// skip passes over the value of a field not known.
func (d *dec) skip(isBytes bool) {
	if isBytes {
		d.bytes()
	} else {
		d.uvarint()
	}
}

// sub reads a nested struct with read.
func (d *dec) sub(read func(*dec)) {
	s := dec{b: d.bytes()}
	read(&s)
	if s.err != nil && d.err == nil {
		d.err = s.err
	}
}

// encodeCase writes c but its History and the texts of its Messages (its
// Copies keep theirs).
func encodeCase(e *enc, c *cases.Case) {
	e.str(1, c.ID)
	e.str(2, string(c.Kind))
	e.str(3, string(c.State))
	strs(e, 4, c.Reasons)
	e.str(5, c.Channel)
	e.str(6, c.Email)
	e.msg(7, func(e *enc) { encodeFields(e, c.Fields) })
	e.flag(8, c.FirstLine)
	strs(e, 9, c.Missing)
	e.msg(10, func(e *enc) { encodeCoppa(e, c.Coppa) })
	e.str(11, c.Law)
	strs(e, 12, c.Rights)
	e.time(13, c.Received)
	e.int(14, int64(c.Year))
	e.time(15, c.Due)
	e.time(16, c.Answered)
	e.str(17, string(c.Outcome))
	for _, m := range c.Messages {
		e.msg(18, func(e *enc) { encodeMessage(e, m, false) })
	}
	for _, m := range c.Copies {
		e.msg(19, func(e *enc) { encodeMessage(e, m, true) })
	}
	for _, r := range c.Replies {
		e.msg(20, func(e *enc) { encodeReply(e, r) })
	}
	e.flag(21, c.Erased)
	if c.Letter != nil {
		e.msg(22, func(e *enc) { encodeLetter(e, c.Letter) })
	}
	e.flag(23, c.Messages != nil && len(c.Messages) == 0)
}

func decodeCase(d *dec, c *cases.Case) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			c.ID = d.str()
		case 2:
			c.Kind = cases.Kind(d.str())
		case 3:
			c.State = cases.State(d.str())
		case 4:
			c.Reasons = append(c.Reasons, cases.Reason(d.str()))
		case 5:
			c.Channel = d.str()
		case 6:
			c.Email = d.str()
		case 7:
			d.sub(func(d *dec) { decodeFields(d, &c.Fields) })
		case 8:
			c.FirstLine = d.flag()
		case 9:
			c.Missing = append(c.Missing, d.str())
		case 10:
			d.sub(func(d *dec) { decodeCoppa(d, &c.Coppa) })
		case 11:
			c.Law = d.str()
		case 12:
			c.Rights = append(c.Rights, d.str())
		case 13:
			c.Received = d.time()
		case 14:
			c.Year = int(d.varint())
		case 15:
			c.Due = d.time()
		case 16:
			c.Answered = d.time()
		case 17:
			c.Outcome = cases.Outcome(d.str())
		case 18:
			c.Messages = append(c.Messages, cases.Message{})
			d.sub(func(d *dec) { decodeMessage(d, &c.Messages[len(c.Messages)-1]) })
		case 19:
			c.Copies = append(c.Copies, cases.Message{})
			d.sub(func(d *dec) { decodeMessage(d, &c.Copies[len(c.Copies)-1]) })
		case 20:
			c.Replies = append(c.Replies, cases.Reply{})
			d.sub(func(d *dec) { decodeReply(d, &c.Replies[len(c.Replies)-1]) })
		case 21:
			c.Erased = d.flag()
		case 22:
			c.Letter = &cases.Letter{}
			d.sub(func(d *dec) { decodeLetter(d, c.Letter) })
		case 23:
			if d.flag() && c.Messages == nil {
				c.Messages = []cases.Message{}
			}
		default:
			d.skip(isBytes)
		}
	}
}

func encodeFields(e *enc, f cases.Fields) {
	e.str(1, f.Name)
	e.str(2, f.Street)
	e.str(3, f.City)
	e.str(4, f.State)
	e.str(5, f.ZIP)
}

func decodeFields(d *dec, f *cases.Fields) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			f.Name = d.str()
		case 2:
			f.Street = d.str()
		case 3:
			f.City = d.str()
		case 4:
			f.State = d.str()
		case 5:
			f.ZIP = d.str()
		default:
			d.skip(isBytes)
		}
	}
}

func encodeCoppa(e *enc, f cases.CoppaFields) {
	e.str(1, f.ParentName)
	e.str(2, f.ChildName)
	e.str(3, f.ChildEmail)
	e.str(4, f.ChildUsername)
}

func decodeCoppa(d *dec, f *cases.CoppaFields) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			f.ParentName = d.str()
		case 2:
			f.ChildName = d.str()
		case 3:
			f.ChildEmail = d.str()
		case 4:
			f.ChildUsername = d.str()
		default:
			d.skip(isBytes)
		}
	}
}

// encodeMessage writes m, its text only when withText is set.
func encodeMessage(e *enc, m cases.Message, withText bool) {
	e.str(1, m.Key)
	e.str(2, m.MessageID)
	e.time(3, m.Received)
	e.str(4, m.From)
	e.str(5, m.Subject)
	if withText {
		e.str(6, m.Text)
	}
	e.str(7, m.Folder)
	e.flag(8, m.Flag)
	e.str(9, m.At)
	e.uint(10, uint64(m.UID))
	e.uint(11, uint64(m.UIDValidity))
	e.flag(12, m.Moved)
	if f := m.Filing; f != nil {
		e.msg(13, func(e *enc) {
			e.str(1, f.Folder)
			e.flag(2, f.Flag)
			e.uint(3, uint64(f.UIDValidity))
			e.uint(4, uint64(f.UIDNext))
		})
	}
	e.str(14, m.Action)
	e.str(15, string(m.Template))
	strs(e, 16, m.Reasons)
	for _, a := range m.Attachments {
		e.msg(17, func(e *enc) {
			e.str(1, a.Part)
			e.str(2, a.Name)
			e.str(3, a.Type)
			e.int(4, a.Size)
			e.str(5, a.Encoding)
		})
	}
}

func decodeMessage(d *dec, m *cases.Message) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			m.Key = d.str()
		case 2:
			m.MessageID = d.str()
		case 3:
			m.Received = d.time()
		case 4:
			m.From = d.str()
		case 5:
			m.Subject = d.str()
		case 6:
			m.Text = d.str()
		case 7:
			m.Folder = d.str()
		case 8:
			m.Flag = d.flag()
		case 9:
			m.At = d.str()
		case 10:
			m.UID = d.u32()
		case 11:
			m.UIDValidity = d.u32()
		case 12:
			m.Moved = d.flag()
		case 13:
			m.Filing = &cases.Filing{}
			d.sub(func(d *dec) { decodeFiling(d, m.Filing) })
		case 14:
			m.Action = d.str()
		case 15:
			m.Template = cases.Template(d.str())
		case 16:
			m.Reasons = append(m.Reasons, cases.Reason(d.str()))
		case 17:
			m.Attachments = append(m.Attachments, cases.Attachment{})
			d.sub(func(d *dec) { decodeAttachment(d, &m.Attachments[len(m.Attachments)-1]) })
		default:
			d.skip(isBytes)
		}
	}
}

func decodeFiling(d *dec, f *cases.Filing) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			f.Folder = d.str()
		case 2:
			f.Flag = d.flag()
		case 3:
			f.UIDValidity = d.u32()
		case 4:
			f.UIDNext = d.u32()
		default:
			d.skip(isBytes)
		}
	}
}

func decodeAttachment(d *dec, a *cases.Attachment) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			a.Part = d.str()
		case 2:
			a.Name = d.str()
		case 3:
			a.Type = d.str()
		case 4:
			a.Size = d.varint()
		case 5:
			a.Encoding = d.str()
		default:
			d.skip(isBytes)
		}
	}
}

func encodeReply(e *enc, r cases.Reply) {
	e.str(1, string(r.Template))
	e.str(2, r.MessageID)
	e.str(3, r.To)
	e.str(4, r.InReplyTo)
	e.str(5, string(r.State))
	e.str(6, r.Actor)
	e.time(7, r.PlannedAt)
	e.time(8, r.SentAt)
	e.int(9, int64(r.Attempts))
	e.time(10, r.NextAttempt)
	e.str(11, r.Error)
	e.flag(12, r.InSent)
	e.time(13, r.Bounced)
	e.flag(14, r.Answer)
}

func decodeReply(d *dec, r *cases.Reply) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			r.Template = cases.Template(d.str())
		case 2:
			r.MessageID = d.str()
		case 3:
			r.To = d.str()
		case 4:
			r.InReplyTo = d.str()
		case 5:
			r.State = cases.ReplyState(d.str())
		case 6:
			r.Actor = d.str()
		case 7:
			r.PlannedAt = d.time()
		case 8:
			r.SentAt = d.time()
		case 9:
			r.Attempts = int(d.varint())
		case 10:
			r.NextAttempt = d.time()
		case 11:
			r.Error = d.str()
		case 12:
			r.InSent = d.flag()
		case 13:
			r.Bounced = d.time()
		case 14:
			r.Answer = d.flag()
		default:
			d.skip(isBytes)
		}
	}
}

func encodeLetter(e *enc, l *cases.Letter) {
	e.msg(1, func(e *enc) { encodeFields(e, l.ReturnAddress) })
	if s := l.Scan; s != nil {
		e.msg(2, func(e *enc) {
			e.str(1, s.Path)
			e.str(2, s.SHA256)
			e.int(3, s.Bytes)
		})
	}
}

func decodeLetter(d *dec, l *cases.Letter) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			d.sub(func(d *dec) { decodeFields(d, &l.ReturnAddress) })
		case 2:
			l.Scan = &cases.Scan{}
			d.sub(func(d *dec) { decodeScan(d, l.Scan) })
		default:
			d.skip(isBytes)
		}
	}
}

func decodeScan(d *dec, s *cases.Scan) {
	for {
		n, isBytes, ok := d.next()
		if !ok {
			return
		}
		switch n {
		case 1:
			s.Path = d.str()
		case 2:
			s.SHA256 = d.str()
		case 3:
			s.Bytes = d.varint()
		default:
			d.skip(isBytes)
		}
	}
}
