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

// send runs one transaction on a reused or new connection. A connection
// used successfully a moment ago is trusted without RSET; if it turns out
// dead before MAIL FROM was answered, nothing was accepted, so the message
// is sent once more on a new connection.
func (s *Sender) send(ctx context.Context, from string, to []string, raw []byte) *Error {
	if err := ctx.Err(); err != nil {
		return &Error{Stage: StageConnect, Msg: err.Error(), Err: err}
	}
	sess, trusted, e := s.connect(ctx)
	if e != nil {
		return withContext(ctx, e)
	}
	e = sess.transact(from, to, raw)
	if trusted && e != nil && e.Stage == StageMail && e.Code == 0 && ctx.Err() == nil {
		s.release(sess, e)
		s.log.Debug("smtp trusted connection was dead; dialling again", "server", s.cfg.addr())
		if sess, e = s.open(ctx); e != nil {
			return withContext(ctx, e)
		}
		e = sess.transact(from, to, raw)
	}
	s.release(sess, e)
	return withContext(ctx, e)
}

// connect returns the open connection if it still answers (or was used
// successfully under trustFor ago: trusted), else a new one, watching ctx
// either way.
func (s *Sender) connect(ctx context.Context) (sess *session, trusted bool, e *Error) {
	if sess := s.sess; sess != nil {
		s.sess = nil
		idle := time.Since(sess.used)
		if idle < maxIdle {
			sess.watch(ctx)
			if sess.lastOK && idle < trustFor {
				return sess, true, nil
			}
			if sess.alive() {
				s.log.Debug("smtp reusing connection", "server", s.cfg.addr())
				return sess, false, nil
			}
			sess.stopWatching()
		}
		_ = sess.client.Close()
	}
	s.log.Debug("smtp connecting", "server", s.cfg.addr(), "security", s.cfg.Security)
	sess, e = s.open(ctx)
	return sess, false, e
}

// trustFor is how long after a successful send a connection is used again
// without checking it first.
const trustFor = 5 * time.Second

// release keeps sess for the next send when this one succeeded or was
// refused by a reply, and closes it otherwise.
func (s *Sender) release(sess *session, e *Error) {
	if sess.stopWatching() && (e == nil || isRefusal(e)) {
		sess.used, sess.lastOK = time.Now(), e == nil
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
	attrs = append(attrs, "stage", e.Stage, "outcome", e.outcome(), "code", e.Code, "err", e.Msg)
	s.log.Warn("smtp send failed", attrs...)
}
