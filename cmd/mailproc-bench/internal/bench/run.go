package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// runner carries one run's options and where it writes.
type runner struct {
	o     Options
	id    string
	dir   string
	child child
	res   *Results
}

// Run measures the parts the options ask for and returns their figures.
// On failure it returns what it measured so far with the error, and keeps
// the working directory (the daemons' logs are there).
func Run(ctx context.Context, o Options) (*Results, error) {
	o = o.withDefaults()
	r := &runner{o: o, id: runID(), child: child{exe: o.Executable}, res: &Results{N: o.N, Seed: o.Seed, Machine: ThisMachine()}}
	if err := r.makeDir(); err != nil {
		return r.res, err
	}
	if err := r.parts(ctx); err != nil {
		return r.res, fmt.Errorf("%w (logs in %s)", err, r.dir)
	}
	if o.WorkDir == "" && !o.Keep {
		os.RemoveAll(r.dir)
	}
	return r.res, nil
}

// parts runs the parts asked for, the quickest first.
func (r *runner) parts(ctx context.Context) error {
	steps := []struct {
		on bool
		fn func(context.Context) error
	}{
		{r.o.Decide, r.decide},
		{r.o.Throughput, r.throughput},
		{len(r.o.MemorySizes) > 0, r.memory},
		{r.o.Latency > 0, r.latency},
	}
	for _, s := range steps {
		if s.on {
			if err := s.fn(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// makeDir makes the run's working directory.
func (r *runner) makeDir() error {
	if r.o.WorkDir == "" {
		dir, err := os.MkdirTemp("", "mailproc-bench-")
		if err != nil {
			return fmt.Errorf("work dir: %w", err)
		}
		r.dir = dir
		return nil
	}
	r.dir = filepath.Join(r.o.WorkDir, r.id)
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return fmt.Errorf("work dir: %w", err)
	}
	return nil
}

// progress tells the user what is happening.
func (r *runner) progress(format string, args ...any) {
	fmt.Fprintf(r.o.Progress, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// seed seeds accounts with g and records how long it took.
func (r *runner) seed(ctx context.Context, g *Generator, accts ...mailbox.Config) error {
	r.progress("seeding %d messages into %d accounts", g.Len(), len(accts))
	start := time.Now()
	if err := Seed(ctx, g, accts...); err != nil {
		return err
	}
	s := SeedResult{Messages: g.Len(), Accounts: len(accts), Seconds: time.Since(start).Seconds()}
	r.res.Seeding = append(r.res.Seeding, s)
	r.progress("seeded in %.1f s", s.Seconds)
	return nil
}

// cleanup empties accounts on the server unless asked to keep them.
func (r *runner) cleanup(accts ...mailbox.Config) {
	if r.o.Keep {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for _, a := range accts {
		if err := EmptyAccount(ctx, a); err != nil {
			r.progress("cleanup: %v", err)
		}
	}
}

// daemonSetup is the configuration of a daemon run on acct.
func (r *runner) daemonSetup(name string, acct mailbox.Config) daemonSetup {
	y := r.o.Base.Year()
	return daemonSetup{
		Dir: filepath.Join(r.dir, name), IMAP: acct, SMTP: r.o.SMTP,
		ReplyFrom: r.replyFrom(), Years: []int{y - 1, y},
	}
}

// replyFrom is the run's reply address.
func (r *runner) replyFrom() string {
	return "Cooper Privacy <privacy-bench-" + r.id + "@cooper.example>"
}

// errMismatch means a contender did not leave the mailbox as it should.
var errMismatch = errors.New("mailbox not as expected")

// verify checks that acct's folders hold what handling g's backlog leaves:
// the requests processed with a copy of each reply in the sent folder,
// the machine mail quoting a request in review, the rest in the inbox.
func verify(ctx context.Context, acct mailbox.Config, g *Generator) error {
	got, err := FolderCounts(ctx, acct, "INBOX", processedFolder, reviewFolder, sentFolder)
	if err != nil {
		return err
	}
	want := expectedFolders(Mix(g.Len()))
	for folder, n := range want {
		if got[folder] != n {
			return fmt.Errorf("%w: %s holds %d messages, want %d (all: %v)", errMismatch, folder, got[folder], n, got)
		}
	}
	return nil
}

// requests is how many messages of a backlog of this mix are requests:
// those that leave the inbox.
func requests(mix [numCategories]int) int {
	n := 0
	for c, k := range mix {
		if Category(c).Moved() {
			n += k
		}
	}
	return n
}

// expectedFolders is how many messages each folder holds once a backlog of
// this mix is handled.
func expectedFolders(mix [numCategories]int) map[string]uint32 {
	want := map[string]uint32{}
	for c, k := range mix {
		cat := Category(c)
		switch {
		case cat.Answered():
			want[processedFolder] += uint32(k)
			want[sentFolder] += uint32(k)
		case cat.Reviewed():
			want[reviewFolder] += uint32(k)
		default:
			want["INBOX"] += uint32(k)
		}
	}
	return want
}
