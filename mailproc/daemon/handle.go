package daemon

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/classify"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/privacy"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/validate"
)

// A message that names no request is read from its start to see whether
// its first line does: previewBytes first, and up to previewMaxBytes when
// that did not hold the first line whole.
const (
	previewBytes    = 16 << 10
	previewMaxBytes = 64 << 10
)

// maxFetchFailures is how often fetching one message may fail before it is
// handed to staff instead.
const maxFetchFailures = 3

// handle deals with one new message. It returns an error only when the
// mailbox or the store fails; a message that cannot be read goes to review.
func (d *Daemon) handle(ctx context.Context, mb Mailbox, s mailbox.Summary) error {
	d.metrics.Seen()
	h, herr := parse.ParseHeader(s.Header)
	key := messageKey(h.MessageID)
	if key != "" {
		id, ok, err := d.caseForMessage(key)
		if err != nil {
			return err
		}
		if ok {
			return d.handleKnown(ctx, mb, s, id, key)
		}
		ours, err := d.isOurReply(h.MessageID)
		if err != nil {
			return err
		}
		if ours {
			d.log.Debug("our own reply in the inbox; left alone", "uid", s.UID)
			return nil
		}
	}
	thread, err := d.caseForThread(h)
	if err != nil {
		return err
	}
	var preview []byte
	if herr == nil && thread == "" {
		sc, err := d.mayMatter(ctx, mb, s, h)
		preview = sc.preview
		if err != nil {
			return err
		}
		if !sc.matter {
			d.ignored(s, h, sc.machine)
			return nil
		}
	}
	raw, err := d.fetchBody(ctx, mb, s, preview)
	if errors.Is(err, mailbox.ErrNotFound) {
		return nil // gone meanwhile: nothing to do
	}
	if err != nil {
		return d.fetchFailed(ctx, mb, s, err)
	}
	if key == "" {
		key = rawKey(raw)
		id, ok, err := d.caseForMessage(key)
		if err != nil {
			return err
		}
		if ok {
			return d.handleKnown(ctx, mb, s, id, key)
		}
	}
	return d.decideAndRecord(s, key, raw, thread, herr)
}

// screening is what mayMatter found of a message that belongs to no case.
type screening struct {
	matter  bool   // it could be a request, a near miss, or a report on one of our replies
	machine bool   // machine mail (classify.Automated)
	preview []byte // the start of the message, when it was read to see its first line
}

// mayMatter reports whether a message that belongs to no case could be a
// request (a privacy-rights request among them), a near miss, or a report
// on one of our replies; everything else is left alone unread. When it
// read the start of the message to see its first line, it returns those
// bytes too.
func (d *Daemon) mayMatter(ctx context.Context, mb Mailbox, s mailbox.Summary, h parse.Header) (screening, error) {
	subj := classify.ClassifySubject(h.Subject)
	if subj.Request() || subj.NearMiss() {
		return screening{matter: true}, nil
	}
	if _, machine := classify.Automated(h, d.plan.Ours()); machine {
		return screening{matter: reportLike(h), machine: true}, nil
	}
	raw, text, line, err := d.preview(ctx, mb, s.UID)
	if errors.Is(err, mailbox.ErrNotFound) {
		return screening{}, nil
	}
	if err != nil {
		return screening{}, fmt.Errorf("preview uid %d: %w", s.UID, err)
	}
	return screening{matter: classify.HasRequestLine(line) || privacy.Detect(h.Subject, text).Request, preview: raw}, nil
}

// preview reads the start of a message and returns it with its text and
// the first line of it: from previewBytes when they hold that line whole
// (a line break after it) or the whole message, else from previewMaxBytes.
// The text starts with what a privacy request is read from (SPEC §10).
func (d *Daemon) preview(ctx context.Context, mb Mailbox, uid uint32) (raw []byte, text, line string, err error) {
	for _, n := range []int64{previewBytes, previewMaxBytes} {
		if raw, err = mb.FetchRaw(ctx, uid, n); err != nil {
			return nil, "", "", err
		}
		text = parse.Preview(raw, d.limits)
		line = validate.FirstLine(text)
		if int64(len(raw)) < n || lineEnds(text, line) {
			break
		}
	}
	return raw, text, line, nil
}

// lineEnds reports whether line occurs in text with a line break after it,
// so that a message cut short did not cut it.
func lineEnds(text, line string) bool {
	i := strings.Index(text, line)
	return line != "" && i >= 0 && strings.IndexByte(text[i+len(line):], '\n') >= 0
}

// reportLike reports whether machine mail may return one of our replies: a
// delivery or read report, or mail from a null sender or mailer daemon.
func reportLike(h parse.Header) bool {
	return h.MediaType == "multipart/report" || h.NullReturnPath || len(h.InReplyTo) > 0 || classify.FromMachine(h)
}

// fetchBody fetches the whole message. One over the size limit is never
// loaded whole: its header, or the start already read to see its first
// line, stands for it.
func (d *Daemon) fetchBody(ctx context.Context, mb Mailbox, s mailbox.Summary, preview []byte) ([]byte, error) {
	max := d.cfg.Limits.MaxMessageBytes
	if s.Size > max {
		if preview != nil {
			return preview, nil
		}
		return s.Header, nil
	}
	raw, err := mb.FetchRaw(ctx, s.UID, max+1)
	if err != nil {
		return nil, fmt.Errorf("fetch uid %d: %w", s.UID, err)
	}
	return raw, nil
}

// fetchFailed counts a failure to fetch a message. A connection failure
// ends the session; a message that fails again and again goes to review
// (read from its header) so it cannot stop the ones after it.
func (d *Daemon) fetchFailed(ctx context.Context, mb Mailbox, s mailbox.Summary, err error) error {
	d.failures[s.UID]++
	if d.failures[s.UID] < maxFetchFailures {
		return err
	}
	delete(d.failures, s.UID)
	d.log.Warn("message cannot be fetched; handing it to staff", "uid", s.UID, "err", err)
	key := rawKey(s.Header)
	id, ok, lerr := d.caseForMessage(key)
	if lerr != nil {
		return lerr
	}
	if ok {
		return d.handleKnown(ctx, mb, s, id, key)
	}
	in := d.unreadable(s.Header, s.Size, "the message could not be fetched: "+err.Error())
	d.record(s, key, in, "")
	return nil
}

// ignored reports a message left alone without reading its body, as
// machine mail when machine is set.
func (d *Daemon) ignored(s mailbox.Summary, h parse.Header, machine bool) {
	dec := decide.Decision{Kind: cases.Other, Action: decide.Ignore, Missing: []string{}, Reasons: []cases.Reason{}}
	if machine {
		dec.Kind = cases.Automated
	}
	d.tell(s, Decided{UID: s.UID, Subject: h.Subject, From: h.From.Email, Decision: dec})
}

func messageKey(messageID string) string {
	if messageID == "" {
		return ""
	}
	return "mid:" + messageID
}

func rawKey(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// caseForMessage returns the case a message (by its key) belongs to. The
// batch's group is recorded first when it holds a message of that key or
// a decision on that case.
func (d *Daemon) caseForMessage(key string) (id string, ok bool, err error) {
	if err := d.recordGroupIf(func(g *group) bool { return g.keys[key] }); err != nil {
		return "", false, err
	}
	err = d.store.View(func(tx *store.Tx) error {
		id, ok = tx.CaseForMessage(key)
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("look up the message's case: %w", err)
	}
	if ok {
		if err := d.recordGroupIf(func(g *group) bool { return g.cases[id] }); err != nil {
			return "", false, err
		}
	}
	return id, ok, nil
}

// caseForThread returns the case a message's References and In-Reply-To
// name, or "". The batch's group is recorded first when it holds a
// message they name or a decision on that case.
func (d *Daemon) caseForThread(h parse.Header) (id string, err error) {
	ids := append(append([]string{}, h.References...), h.InReplyTo...)
	if len(ids) == 0 {
		return "", nil
	}
	if err := d.recordGroupIf(func(g *group) bool { return g.holdsAny(ids) }); err != nil {
		return "", err
	}
	err = d.store.View(func(tx *store.Tx) error {
		id, _ = tx.CaseForThread(ids)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("look up the thread's case: %w", err)
	}
	if id != "" {
		if err := d.recordGroupIf(func(g *group) bool { return g.cases[id] }); err != nil {
			return "", err
		}
	}
	return id, nil
}

// isOurReply reports whether a Message-ID is one of the replies we sent.
func (d *Daemon) isOurReply(messageID string) (bool, error) {
	id, err := d.caseForThread(parse.Header{InReplyTo: []string{messageID}})
	if id == "" || err != nil {
		return false, err
	}
	c, err := d.loadCase(id)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, r := range c.Replies {
		if r.MessageID == messageID {
			return true, nil
		}
	}
	return false, nil
}

// loadCase reads the head of a case (store.CaseHead: no texts, no
// history), all the mail loop reads of one.
func (d *Daemon) loadCase(id string) (*cases.Case, error) {
	cs, err := d.loadHeads([]string{id})
	if err != nil {
		return nil, err
	}
	return cs[0], nil
}

// decisionInput is a parsed message and its stateless decision.
type decisionInput struct {
	msg *parse.Message
	dec decide.Decision
}

func (d *Daemon) unreadable(raw []byte, size int64, why string) decisionInput {
	m := parse.Parse(raw, d.limits)
	dec := decide.Decide(decide.Input{Msg: m, Size: size, Policy: d.decidePolicy()})
	kind := dec.Kind // a request its subject names stays one; the rest is other
	if cases.KindOf(kind).Subject == "" {
		kind = cases.Other
	}
	dec = decide.Decision{Kind: kind, Action: decide.Review, Reasons: []cases.Reason{cases.ReasonUnparseable}, Detail: why, Missing: []string{}, Fields: dec.Fields}
	return decisionInput{msg: m, dec: dec}
}
