package daemon_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/testenv"
)

// TestDotInFolderNameRefused: on Courier-IMAP ('.' separator, "INBOX."
// prefix) a configured folder with a dot in its name would silently make
// sub-folders, so `run` stops at once with an error that names it; with
// names it can use, the start-up log shows the server's names for them.
func TestDotInFolderNameRefused(t *testing.T) {
	w := newWorldOn(t, testenv.Courier, testenv.Memory)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	mc := w.imap.Config()
	mc.Logger = logger
	withLog := func(o *daemon.Options) {
		o.Logger = logger
		o.Dial = func(ctx context.Context) (daemon.Mailbox, error) { return mailbox.Dial(ctx, mc) }
	}
	w.cfg.Mailbox.ReviewFolder = "Privacy/Review v1.2"
	err := w.daemon(time.Now(), withLog).Run(ctx)
	if !errors.Is(err, mailbox.ErrFolderName) || !strings.Contains(err.Error(), "Privacy/Review v1.2") || ctx.Err() != nil {
		t.Fatalf("Run = %v, want an ErrFolderName naming the folder, at once", err)
	}
	w.cfg.Mailbox.ReviewFolder = "Privacy/Review"
	if err := w.daemon(time.Now(), withLog).RunOnce(ctx); err != nil {
		t.Fatalf("RunOnce with usable names: %v", err)
	}
	for _, want := range []string{"Privacy/Processed = INBOX.Privacy.Processed", "Privacy/Review = INBOX.Privacy.Review", "Sent = INBOX.Sent"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log does not show %q:\n%s", want, logs.String())
		}
	}
}
