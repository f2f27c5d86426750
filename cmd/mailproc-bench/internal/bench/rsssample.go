package bench

import (
	"context"
	"time"
)

// RSSPeaks are the largest resident sets a process had, sampled: its
// anonymous memory (the Go heap and stacks) and its file-backed memory
// (the binary, and the pages of the mmapped bbolt database it touched).
type RSSPeaks struct {
	Anon, File int64
	// Binary and Store are the file-backed pages resident when the run
	// ended, of the executable and of the store's file (0: not known).
	Binary, Store int64
}

// rssSampleEvery is how often the daemon child samples its resident set.
const rssSampleEvery = 50 * time.Millisecond

// sampleRSS samples the process's resident set until ctx ends and returns
// the peaks through the channel then.
func sampleRSS(ctx context.Context) <-chan RSSPeaks {
	out := make(chan RSSPeaks, 1)
	go func() {
		var p RSSPeaks
		t := time.NewTicker(rssSampleEvery)
		defer t.Stop()
		for {
			anon, file := rssNow()
			p.Anon, p.File = max(p.Anon, anon), max(p.File, file)
			select {
			case <-ctx.Done():
				out <- p
				return
			case <-t.C:
			}
		}
	}()
	return out
}
