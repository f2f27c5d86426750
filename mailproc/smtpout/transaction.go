package smtpout

import (
	"fmt"

	"github.com/wneessen/go-mail/smtp"
)

// transact runs MAIL, RCPT, DATA, the body and its end on s. Any refused
// recipient fails the whole send before DATA: the message goes to all of
// them or to none.
func (s *session) transact(from string, to []string, raw []byte) *Error {
	s.client.SkipSMTPUTF8(!needsSMTPUTF8(from, to, raw))
	s.arm()
	if err := s.client.Mail("<" + from + ">"); err != nil {
		return notSent(StageMail, err)
	}
	for _, rcpt := range to {
		s.arm()
		if err := s.client.Rcpt("<" + rcpt + ">"); err != nil {
			return notSent(StageRcpt, err)
		}
	}
	return s.data(raw)
}

// data sends DATA and the message, and reads the verdict on it.
//
// go-mail's DataCloser.Close writes the final "." and reads the reply in one
// call, and drops the error of the write. To tell "the end of the data never
// left us" (temporary) from "the end left us and no reply came" (unknown),
// data does not call it: it flushes the body itself, then closes the
// DataCloser's embedded dot-writer, whose Close writes only the terminating
// ".\r\n" and returns the error of that write, and then reads the reply from
// the client's textproto connection.
func (s *session) data(raw []byte) *Error {
	s.arm()
	w, err := s.client.Data()
	if err != nil {
		return notSent(StageData, err)
	}
	dc, ok := w.(*smtp.DataCloser)
	if !ok {
		err := fmt.Errorf("go-mail returned a %T, not a *smtp.DataCloser", w)
		return &Error{Stage: StageData, Msg: err.Error(), Err: err}
	}
	if e := s.body(dc, raw); e != nil {
		return e
	}
	return s.endOfData(dc)
}

// body streams raw, dot-stuffed, and flushes it to the connection, so that
// nothing but the end of the data is left to write.
func (s *session) body(dc *smtp.DataCloser, raw []byte) *Error {
	s.arm()
	if _, err := dc.Write(raw); err != nil {
		return notSent(StageBody, err)
	}
	s.arm()
	if err := s.client.Text.W.Flush(); err != nil {
		return notSent(StageBody, err)
	}
	return nil
}

// endOfData writes the terminating "." and reads the reply to it.
//
// A failed write is temporary: the terminator is at most five bytes written
// by one Write on the connection, and a Write that fails has not handed all
// of them on (a TLS record that is cut short cannot be read at all), so the
// server cannot have seen the end of the message. Once the write succeeded,
// only a 4xx or 5xx reply proves the message was refused; no reply at all
// is Unknown.
func (s *session) endOfData(dc *smtp.DataCloser) *Error {
	s.arm()
	if err := dc.WriteCloser.Close(); err != nil {
		return notSent(StageEndOfData, fmt.Errorf("write end of data: %w", err))
	}
	s.arm()
	_, _, err := s.client.Text.ReadResponse(2)
	if err != nil {
		return afterEndOfData(err)
	}
	return nil
}
