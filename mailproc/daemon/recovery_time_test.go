package daemon_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// TestRecoveryFilingTime measures how long filing N settled cases takes
// on the batch path (decided, answered and filed in one run) and in
// recovery (a run that answered them all but filed none, then a restart
// that files them), on the real servers: recovery files in UID sets
// through the same path and should take at most twice the batch's time.
// It prints the numbers and runs only when MAILPROC_TEST_RECOVERY=N is set
// (N = 1000 for the figure in the README).
func TestRecoveryFilingTime(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MAILPROC_TEST_RECOVERY"))
	if n <= 0 {
		t.Skip("set MAILPROC_TEST_RECOVERY=N to measure filing N cases in the batch and in recovery")
	}
	for _, kind := range filingKinds() {
		if kind == testenv.Memory {
			continue
		}
		t.Run(kind, func(t *testing.T) {
			batch := filingTime(t, kind, n, false)
			recovery := filingTime(t, kind, n, true)
			t.Logf("%s, %d cases: batch path %.2f s, recovery %.2f s (%.2f×; %.1f ms a case)", kind, n,
				batch.Seconds(), recovery.Seconds(), recovery.Seconds()/batch.Seconds(), recovery.Seconds()*1000/float64(n))
		})
	}
}

// filingTime delivers n requests and returns the time spent filing them:
// in the run that decides them, or, with recover, in the run after one
// that answered them all and filed none.
func filingTime(t *testing.T, kind string, n int, recover bool) time.Duration {
	w := newWorldOn(t, kind, testenv.Memory)
	w.cfg.Limits.RepliesPerHour = 2 * n
	now := time.Now()
	w.imap.DeliverRequests(t, n, now.Add(-time.Minute))
	obs := &filingClock{}
	if recover {
		cut := w.daemon(now, func(o *daemon.Options) {
			dial := o.Dial
			o.Dial = func(ctx context.Context) (daemon.Mailbox, error) {
				mb, err := dial(ctx)
				return unfiled{mb}, err
			}
		})
		if err := cut.RunOnce(context.Background()); err == nil {
			t.Fatal("the run that must not file filed")
		}
	}
	start := time.Now()
	if err := w.daemon(now, func(o *daemon.Options) { o.Observer = obs }).RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("recover=%v: run %.2f s, filing %.2f s over %d cases", recover, time.Since(start).Seconds(), obs.took.Seconds(), obs.cases)
	if len(w.folder("Privacy/Processed")) != n || len(w.smtp.Messages()) != n {
		t.Fatalf("Processed holds %d, %d replies; want %d each", len(w.folder("Privacy/Processed")), len(w.smtp.Messages()), n)
	}
	return obs.took
}

// unfiled is a mailbox whose filing fails, as if the process died there.
type unfiled struct{ daemon.Mailbox }

var errCut = errors.New("filing cut off")

func (unfiled) File(context.Context, string, bool, []mailbox.FileItem) error { return errCut }
func (unfiled) AppendMany(context.Context, string, []mailbox.AppendItem) ([]error, error) {
	return nil, errCut
}

// filingClock adds up the filings the daemon reports.
type filingClock struct {
	mu    sync.Mutex
	took  time.Duration
	cases int
}

func (c *filingClock) Decided(daemon.Decided) {}
func (c *filingClock) Sent(daemon.Sent)       {}
func (c *filingClock) Filed(e daemon.Filed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.took += e.Took
	c.cases += e.Cases
}
