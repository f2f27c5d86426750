package daemon_test

import (
	"context"
	"testing"
	"time"
)

// TestRunAnswersNewMailAndStops: the long-running loop answers mail that
// arrives while it waits (IDLE on the memory server), and stops when its
// context ends.
func TestRunAnswersNewMailAndStops(t *testing.T) {
	eachKind(t, func(t *testing.T, w *world) {
		w.cfg.Mailbox.PollInterval.Duration = time.Minute // only IDLE can wake it in time
		d := w.daemon(time.Now())
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- d.Run(ctx) }()

		w.deliver(time.Now(), "Ada Byron <ada@example.com>", calSubject, fullBody)
		wait, stop := context.WithTimeout(context.Background(), 10*time.Second)
		defer stop()
		if _, err := w.smtp.WaitFor(wait, 1); err != nil {
			t.Fatalf("no reply while the daemon waits for mail: %v", err)
		}
		w.deliver(time.Now(), "Bo Li <bo@example.com>", "COPPA Information Request", "Please delete my child's data.")
		if _, err := w.smtp.WaitFor(wait, 2); err != nil {
			t.Fatalf("no reply to the second message: %v", err)
		}
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run = %v, want nil after the context ends", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not stop after its context ended")
		}
	})
}
