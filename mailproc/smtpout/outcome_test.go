package smtpout_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/smtpout"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

func TestSendFailureOutcomes(t *testing.T) {
	tests := []struct {
		kind         smtpsink.FailKind
		want         string
		wantStage    string
		wantCode     int
		wantRecorded int // messages the sink kept
	}{
		{kind: smtpsink.Fail4xx, want: "temporary", wantStage: smtpout.StageEndOfData, wantCode: 451},
		{kind: smtpsink.Fail5xx, want: "permanent", wantStage: smtpout.StageEndOfData, wantCode: 554},
		{kind: smtpsink.FailRcpt4xx, want: "temporary", wantStage: smtpout.StageRcpt, wantCode: 451},
		{kind: smtpsink.DropAfterData, want: "unknown", wantStage: smtpout.StageEndOfData, wantRecorded: 1},
		{kind: smtpsink.Down, want: "temporary", wantStage: smtpout.StageConnect},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			sink := startSink(t, smtpsink.Options{})
			sender, _ := newSender(t, sinkConfig(t, sink.Addr, smtpout.SecurityNone))
			sink.FailNext(tt.kind, 1)
			err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("fail"))
			if got := outcome(t, err); got != tt.want {
				t.Fatalf("Send = %v (%s), want %s", err, got, tt.want)
			}
			checkFailure(t, err, tt.wantStage, tt.wantCode)
			if got := len(sink.Messages()); got != tt.wantRecorded {
				t.Errorf("sink kept %d messages, want %d", got, tt.wantRecorded)
			}
			checkNextSendWorks(t, sink, sender, tt.kind)
		})
	}
}

// checkNextSendWorks checks that a failure leaves the Sender usable: the
// next send goes through (once the sink is up again).
func checkNextSendWorks(t *testing.T, sink *smtpsink.Sink, sender *smtpout.Sender, kind smtpsink.FailKind) {
	t.Helper()
	if kind == smtpsink.Down {
		if err := sink.Up(); err != nil {
			t.Fatal(err)
		}
	}
	before := len(sink.Messages())
	if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("next")); err != nil {
		t.Fatalf("Send after %v = %v, want nil", kind, err)
	}
	if got := len(sink.Messages()); got != before+1 {
		t.Errorf("messages after a good send = %d, want %d", got, before+1)
	}
}

func TestSendKeepsConnectionAfterRefusal(t *testing.T) {
	sink := startSink(t, smtpsink.Options{})
	sender, _ := newSender(t, sinkConfig(t, sink.Addr, smtpout.SecurityNone))
	sink.FailNext(smtpsink.Fail5xx, 1)
	if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("a")); err == nil {
		t.Fatal("Send with Fail5xx = nil, want an error")
	}
	if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("b")); err != nil {
		t.Fatalf("Send = %v, want nil", err)
	}
	if got := sink.Connections(); got != 1 {
		t.Errorf("connections = %d, want 1", got)
	}
}

func TestSendContextAlreadyCanceled(t *testing.T) {
	sink := startSink(t, smtpsink.Options{})
	sender, _ := newSender(t, sinkConfig(t, sink.Addr, smtpout.SecurityNone))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := sender.Send(ctx, testFrom, []string{testRcpt}, testMessage("x"))
	if got := outcome(t, err); got != "temporary" {
		t.Fatalf("Send = %v (%s), want temporary", err, got)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(%v, context.Canceled) = false, want true", err)
	}
	if got := sink.Connections(); got != 0 {
		t.Errorf("connections = %d, want 0", got)
	}
}

func TestSendNoReplyAfterEndOfDataIsUnknown(t *testing.T) {
	tests := []struct {
		name    string
		timeout time.Duration
		cancel  bool
		wantErr error
	}{
		{name: "context canceled", timeout: time.Minute, cancel: true, wantErr: context.Canceled},
		{name: "command timeout", timeout: 300 * time.Millisecond, wantErr: os.ErrDeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sink := startSink(t, smtpsink.Options{})
			cfg := sinkConfig(t, sink.Addr, smtpout.SecurityNone)
			cfg.Timeout = tt.timeout
			sender, _ := newSender(t, cfg)
			sink.FailNext(smtpsink.HangAfterData, 1)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				go cancelOnArrival(ctx, sink, cancel)
			}
			err := sender.Send(ctx, testFrom, []string{testRcpt}, testMessage("hang"))
			if got := outcome(t, err); got != "unknown" {
				t.Fatalf("Send = %v (%s), want unknown", err, got)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("errors.Is(%v, %v) = false, want true", err, tt.wantErr)
			}
			if got := len(sink.Messages()); got != 1 {
				t.Errorf("sink kept %d messages, want 1", got)
			}
		})
	}
}

// cancelOnArrival cancels once the sink has the message.
func cancelOnArrival(ctx context.Context, sink *smtpsink.Sink, cancel context.CancelFunc) {
	if _, err := sink.WaitFor(ctx, 1); err == nil {
		cancel()
	}
}
