package smtpout

import (
	"context"
	"fmt"
	"time"
)

// Send delivers raw to the recipients to, with MAIL FROM from ("" for the
// null reverse path). It reuses the open connection after checking it with
// RSET, and dials a new one when there is none or it is dead. Ending ctx
// interrupts the send; whether the message went is then classified like a
// lost connection. A failure is returned as an *Error.
func (s *Sender) Send(ctx context.Context, from string, to []string, raw []byte) error {
	if e := checkEnvelope(from, to); e != nil {
		return e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	e := s.send(ctx, from, to, raw)
	s.logResult(len(to), len(raw), start, e)
	if e != nil {
		return e
	}
	return nil
}

// send runs one transaction on a reused or new connection.
func (s *Sender) send(ctx context.Context, from string, to []string, raw []byte) *Error {
	if err := ctx.Err(); err != nil {
		return &Error{Stage: StageConnect, Msg: err.Error(), Err: err}
	}
	sess, e := s.connect(ctx)
	if e != nil {
		return withContext(ctx, e)
	}
	e = sess.transact(from, to, raw)
	s.release(sess, e)
	return withContext(ctx, e)
}

// connect returns the open connection if it still answers, else a new one,
// watching ctx either way.
func (s *Sender) connect(ctx context.Context) (*session, *Error) {
	if sess := s.sess; sess != nil {
		s.sess = nil
		if time.Since(sess.used) < maxIdle {
			sess.watch(ctx)
			if sess.alive() {
				s.log.Debug("smtp reusing connection", "server", s.cfg.addr())
				return sess, nil
			}
			sess.stopWatching()
		}
		_ = sess.client.Close()
	}
	s.log.Debug("smtp connecting", "server", s.cfg.addr(), "security", s.cfg.Security)
	return s.open(ctx)
}

// release keeps sess for the next send when this one succeeded or was
// refused by a reply, and closes it otherwise.
func (s *Sender) release(sess *session, e *Error) {
	if sess.stopWatching() && (e == nil || isRefusal(e)) {
		sess.used = time.Now()
		s.sess = sess // the next send begins with RSET
		return
	}
	_ = sess.client.Close()
}

// isRefusal reports whether e is a reply that leaves the connection usable:
// any 4xx or 5xx but 421, with which the server closes it.
func isRefusal(e *Error) bool {
	return e.Code != 0 && e.Code != 421 && !e.Unknown
}

// withContext marks e as caused by the end of ctx when ctx has ended, so
// that errors.Is(e, context.Canceled) holds.
func withContext(ctx context.Context, e *Error) *Error {
	if e == nil || ctx.Err() == nil || e.Code != 0 {
		return e
	}
	e.Err = fmt.Errorf("%w: %w", ctx.Err(), e.Err)
	e.Msg = ctx.Err().Error() + ": " + e.Msg
	return e
}

// logResult logs the outcome of one send, without addresses or secrets.
func (s *Sender) logResult(rcpts, size int, start time.Time, e *Error) {
	attrs := []any{"server", s.cfg.addr(), "recipients", rcpts, "bytes", size, "took", time.Since(start)}
	if e == nil {
		s.log.Info("smtp sent", attrs...)
		return
	}
	attrs = append(attrs, "stage", e.Stage, "outcome", e.outcome(), "code", e.Code, "error", e.Msg)
	s.log.Warn("smtp send failed", attrs...)
}
