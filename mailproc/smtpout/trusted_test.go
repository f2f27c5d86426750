package smtpout_test

import (
	"context"
	"testing"

	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// TestTrustedConnectionDeadIsRedialled: a connection used a moment ago is
// reused without RSET; when the server has dropped it meanwhile, the send
// fails before MAIL FROM is answered, so nothing was accepted and the
// message goes once, on a new connection.
func TestTrustedConnectionDeadIsRedialled(t *testing.T) {
	sink := startSink(t, smtpsink.Options{})
	s, _ := newSender(t, sinkConfig(t, sink.Addr, "none"))
	if err := s.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("t1")); err != nil {
		t.Fatal(err)
	}
	sink.FailNext(smtpsink.Down, 1) // drops the open connection
	if err := sink.Up(); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), testFrom, []string{testRcpt}, testMessage("t2")); err != nil {
		t.Fatalf("Send after the server dropped the connection = %v, want it sent on a new one", err)
	}
	if n := len(sink.Messages()); n != 2 {
		t.Errorf("messages = %d, want 2 (each once)", n)
	}
	if n := sink.Connections(); n != 2 {
		t.Errorf("connections = %d, want 2", n)
	}
}
