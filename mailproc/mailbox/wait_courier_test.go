package mailbox

import (
	"fmt"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
)

// courierEnv names the Courier-IMAP that `scripts/test-servers.sh
// start-courier` starts: "host:port,none,password".
const courierEnv = "MAILPROC_TEST_COURIER"

// TestIdleRecheckOnCourier measures how soon WaitForMail hears of new mail
// on Courier-IMAP, which announces it in IDLE only every 60 s (Debian's
// IMAP_ENHANCEDIDLE=0, IMAP_IDLE_TIMEOUT=60), with the documented default
// idle_recheck: within seconds, where IDLE alone takes up to a minute. It
// prints each latency.
func TestIdleRecheckOnCourier(t *testing.T) {
	env := os.Getenv(courierEnv)
	if env == "" {
		t.Skipf("%s is not set: run scripts/test-servers.sh start-courier DIR && . DIR/env-courier", courierEnv)
	}
	addr, _, _ := strings.Cut(env, ",")
	host, port, _ := net.SplitHostPort(addr)
	p, _ := strconv.Atoi(port)
	cfg := Config{Host: host, Port: p, Security: SecurityNone, Username: fmt.Sprintf("idle-%d@example.test", time.Now().UnixNano()),
		Password: "secret", IdleRecheck: config.Default().Mailbox.IdleRecheck.Duration}
	ctx := testContext(t)
	b := &backend{cfg: cfg}
	c := b.dialSelected(t, "INBOX")
	other := b.dial(t)
	var took []time.Duration
	for i := range 5 {
		done := startWaiting(t, ctx, c, 2*time.Minute)
		time.Sleep(time.Duration(i) * 700 * time.Millisecond) // the APPEND at different points of a recheck period
		if err := other.Append(ctx, "INBOX", testMessage(fmt.Sprintf("idle-%d@example.test", i), "new"), nil, time.Time{}); err != nil {
			t.Fatalf("Append: %v", err)
		}
		d, err := waitResult(t, done, 90*time.Second)
		if err != nil {
			t.Fatalf("WaitForMail: %v", err)
		}
		took = append(took, d)
	}
	slices.Sort(took)
	t.Logf("Courier-IMAP, idle_recheck %s: new mail heard after %v (sorted)", cfg.IdleRecheck, took)
	if worst := took[len(took)-1]; worst > 2*cfg.IdleRecheck+2*time.Second {
		t.Errorf("WaitForMail heard of new mail after %v at worst, want within a recheck period (%v) and its round trips", worst, cfg.IdleRecheck)
	}
}
