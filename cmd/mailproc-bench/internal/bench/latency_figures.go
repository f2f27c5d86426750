package bench

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/mail"
	"time"

	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// latencyFigures waits for every reply and announcement (at most
// latencyGrace after the last request), then pairs them with the APPENDs.
// The warm-up request, first in appended, is left out of the figures.
func latencyFigures(ctx context.Context, appended []appendedRequest, sink *smtpsink.Sink, watch *idleWatch) (LatencyResult, error) {
	wctx, cancel := context.WithTimeout(ctx, latencyGrace)
	defer cancel()
	if _, err := sink.WaitFor(wctx, len(appended)); err != nil {
		return LatencyResult{}, fmt.Errorf("latency: replies: %w", err)
	}
	if err := watch.waitArrivals(wctx, len(appended)); err != nil {
		return LatencyResult{}, fmt.Errorf("latency: %w", err)
	}
	replied := replyTimes(sink.Messages())
	arrivals := watch.arrived()
	var daemon, floor []time.Duration
	for i, a := range appended[1:] {
		at, ok := replied[a.messageID]
		if !ok {
			return LatencyResult{}, fmt.Errorf("latency: no reply to %s", a.messageID)
		}
		daemon = append(daemon, at.Sub(a.at))
		floor = append(floor, arrivals[i+1].Sub(a.floorAt))
	}
	return LatencyResult{Requests: len(daemon), Mailproc: percentiles(daemon), Dovecot: percentiles(floor)}, nil
}

// replyTimes is when the sink accepted the reply to each Message-ID.
func replyTimes(msgs []smtpsink.Message) map[string]time.Time {
	out := map[string]time.Time{}
	for _, m := range msgs {
		h, err := mail.ReadMessage(bytes.NewReader(m.Raw))
		if err != nil {
			continue
		}
		out[h.Header.Get("In-Reply-To")] = m.Received
	}
	return out
}

// LatencyRequest is request i of the latency part: a complete california
// request from its own sender, dated now.
func LatencyRequest(seed uint64, i int, now time.Time) Message {
	r := rand.New(rand.NewPCG(seed^0x1a7e, uint64(i)))
	m := Message{Index: i, Category: California, MessageID: fmt.Sprintf("<bench.latency.%d.%d.%d@mail.example.net>", seed, now.UnixNano(), i), Date: now}
	m.Raw = californiaMail(r, newPerson(r, 1_000_000+i), m, true)
	return m
}
