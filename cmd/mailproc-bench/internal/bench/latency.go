package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// LatencyResult is part 4: the time from each APPEND of a request to the
// SMTP server accepting mailproc's reply, beside the time from the same
// APPEND to Dovecot announcing it to a bare client idling in the INBOX.
type LatencyResult struct {
	Requests int
	Mailproc Percentiles // APPEND → reply accepted
	Dovecot  Percentiles // APPEND → EXISTS to an idling client: the floor
}

// Gaps between the requests of the latency part.
const (
	leastGap = 500 * time.Millisecond
	mostGap  = 2 * time.Second
	// latencyGrace is how long replies may take after the last request.
	latencyGrace = 60 * time.Second
)

// latency is part 4. The daemon idles in a fresh, empty INBOX and sends to
// an in-process go-smtp sink that records when it accepts each reply; a
// bare client idles in the same INBOX; the bench appends one warm-up
// request, waits for its reply, then appends the requests one at a time,
// 0.5–2 s apart.
func (r *runner) latency(ctx context.Context) error {
	sink, err := smtpsink.Start(smtpsink.Options{})
	if err != nil {
		return err
	}
	defer sink.Close()
	acct, floor := r.o.account(r.id, "latency"), r.o.account(r.id, "idle-floor")
	defer r.cleanup(acct, floor)
	watch, err := watchInbox(ctx, floor)
	if err != nil {
		return err
	}
	defer watch.close()
	stop, err := r.startIdleDaemon(ctx, acct, sink.Addr)
	if err != nil {
		return err
	}
	defer stop()
	appended, err := r.appendRequests(ctx, acct, floor, sink)
	if err != nil {
		return err
	}
	res, err := latencyFigures(ctx, appended, sink, watch)
	if err != nil {
		return err
	}
	r.res.Latency = &res
	r.progress("latency: mailproc p50 %.3f s, Dovecot p50 %.3f s", res.Mailproc.P50, res.Dovecot.P50)
	return nil
}

// startIdleDaemon starts the daemon on acct, sending to the sink, and
// returns what stops it.
func (r *runner) startIdleDaemon(ctx context.Context, acct mailbox.Config, sinkAddr string) (func(), error) {
	s := r.daemonSetup("latency", acct)
	host, port, _ := strings.Cut(sinkAddr, ":")
	s.SMTP = SMTPServer{Host: host, Security: "none"}
	s.SMTP.Port, _ = strconv.Atoi(port)
	cfg, err := s.writeConfig()
	if err != nil {
		return nil, err
	}
	return r.child.start(ctx, cfg)
}

// appendedRequest is a request and when its APPENDs were answered.
type appendedRequest struct {
	messageID string
	at        time.Time // in the daemon's INBOX
	floorAt   time.Time // in the idling client's INBOX, just after
}

// appendRequests appends a warm-up request and waits until the daemon has
// answered and moved it, then appends the measured requests one at a
// time, each to the daemon's INBOX and then to the idling client's. The
// warm-up request is first in what it returns.
func (r *runner) appendRequests(ctx context.Context, acct, floor mailbox.Config, sink *smtpsink.Sink) ([]appendedRequest, error) {
	c, err := dialIMAP(ctx, acct, nil)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	fc, err := dialIMAP(ctx, floor, nil)
	if err != nil {
		return nil, err
	}
	defer fc.Close()
	gaps := rand.New(rand.NewPCG(r.o.Seed, 0x1a7))
	var out []appendedRequest
	for i := 0; i <= r.o.Latency; i++ {
		if i == 1 {
			if err := warmedUp(ctx, c, sink); err != nil {
				return nil, err
			}
		}
		if i > 0 {
			if err := sleep(ctx, leastGap+time.Duration(gaps.Int64N(int64(mostGap-leastGap)))); err != nil {
				return nil, err
			}
		}
		m := LatencyRequest(r.o.Seed, i, time.Now())
		if err := appendNow(c, "INBOX", m.Raw); err != nil {
			return nil, err
		}
		a := appendedRequest{messageID: m.MessageID, at: time.Now()}
		if err := appendNow(fc, "INBOX", m.Raw); err != nil {
			return nil, err
		}
		a.floorAt = time.Now()
		out = append(out, a)
	}
	return out, nil
}

// appendNow appends one message and waits for the server's answer.
func appendNow(c *imapclient.Client, folder string, raw []byte) error {
	cmd := c.Append(folder, int64(len(raw)), nil)
	_, werr := cmd.Write(raw)
	cerr := cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("append to %s: %w", folder, err)
	}
	if werr != nil {
		return fmt.Errorf("append to %s: %w", folder, werr)
	}
	return cerr
}

// warmedUp waits until the warm-up request is answered and moved out of
// the INBOX: the daemon is then idling again.
func warmedUp(ctx context.Context, c *imapclient.Client, sink *smtpsink.Sink) error {
	ctx, cancel := context.WithTimeout(ctx, latencyGrace)
	defer cancel()
	if _, err := sink.WaitFor(ctx, 1); err != nil {
		return fmt.Errorf("warm-up request: %w", err)
	}
	for {
		data, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil {
			return fmt.Errorf("warm-up request: status: %w", err)
		}
		if *data.NumMessages == 0 {
			return nil
		}
		if err := sleep(ctx, 20*time.Millisecond); err != nil {
			return fmt.Errorf("warm-up request not moved: %w", err)
		}
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
