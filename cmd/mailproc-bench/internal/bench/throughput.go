package bench

import (
	"context"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// throughput is parts 1–3, Options.Runs times (at least once): one
// backlog seeded into three accounts, the read floor, the work floor and
// mailproc each on its own copy.
func (r *runner) throughput(ctx context.Context) error {
	runs := max(r.o.Runs, 1)
	for i := range runs {
		if runs > 1 {
			r.progress("throughput run %d of %d", i+1, runs)
		}
		run, err := r.throughputOnce(ctx, i)
		if run.ReadFloor != nil {
			r.res.Throughput = append(r.res.Throughput, run) // a failed run's floors too
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// throughputOnce is the i-th throughput run (from 0), on accounts of its
// own; only the first is profiled. On failure it returns what it measured
// before, with the error.
func (r *runner) throughputOnce(ctx context.Context, i int) (ThroughputRun, error) {
	suffix := ""
	if i > 0 {
		suffix = fmt.Sprintf("-%d", i+1)
	}
	g := NewGenerator(r.o.Seed, r.o.N, r.o.Base)
	read, work, daemon := r.o.account(r.id, "read"+suffix), r.o.account(r.id, "work"+suffix), r.o.account(r.id, "mailproc"+suffix)
	defer r.cleanup(read, work, daemon)
	if err := r.seed(ctx, g, read, work, daemon); err != nil {
		return ThroughputRun{}, err
	}
	r.progress("read floor")
	rf, err := ReadFloor(ctx, read)
	if err != nil {
		return ThroughputRun{}, err
	}
	run := ThroughputRun{ReadFloor: &rf}
	r.progress("read floor: %.2f s; work floor", rf.Seconds)
	wf, err := WorkFloor(ctx, work, r.o.SMTP, r.replyFrom(), g)
	if err != nil {
		return run, err
	}
	if err := verify(ctx, work, g); err != nil {
		return run, fmt.Errorf("work floor: %w", err)
	}
	run.WorkFloor = &wf
	r.progress("work floor: %.2f s; mailproc", wf.Seconds)
	ch := r.child
	if i == 0 {
		ch.cpuProfile, ch.memProfile = r.o.DaemonCPUProfile, r.o.DaemonMemProfile
	}
	d, err := r.mailproc(ctx, ch, g, daemon, "mailproc"+suffix)
	if err != nil {
		return run, err
	}
	run.Mailproc = &d
	return run, nil
}

// mailproc runs the daemon as ch once over the backlog in acct, from a
// cold start, with its files under name, and checks that it handled all
// of it.
func (r *runner) mailproc(ctx context.Context, ch child, g *Generator, acct mailbox.Config, name string) (DaemonRun, error) {
	cfg, err := r.daemonSetup(name, acct).writeConfig()
	if err != nil {
		return DaemonRun{}, err
	}
	run, err := ch.runOnce(ctx, cfg)
	if err != nil {
		return DaemonRun{}, err
	}
	if err := verify(ctx, acct, g); err != nil {
		return DaemonRun{}, fmt.Errorf("mailproc: %w", err)
	}
	run.Requests = requests(Mix(g.Len()))
	r.progress("mailproc: %.2f s", run.Wall)
	return run, nil
}

// memory is part 5: the daemon's peak RSS over backlogs of each size.
func (r *runner) memory(ctx context.Context) error {
	for _, n := range r.o.MemorySizes {
		g := NewGenerator(r.o.Seed, n, r.o.Base)
		acct := r.o.account(r.id, fmt.Sprintf("rss%d", n))
		if err := r.memoryRun(ctx, g, acct); err != nil {
			return err
		}
	}
	return nil
}

// memoryRun seeds one account with g and runs the daemon over it.
func (r *runner) memoryRun(ctx context.Context, g *Generator, acct mailbox.Config) error {
	defer r.cleanup(acct)
	if err := r.seed(ctx, g, acct); err != nil {
		return err
	}
	cfg, err := r.daemonSetup(fmt.Sprintf("rss%d", g.Len()), acct).writeConfig()
	if err != nil {
		return err
	}
	run, err := r.child.runOnce(ctx, cfg)
	if err != nil {
		return err
	}
	if err := verify(ctx, acct, g); err != nil {
		return fmt.Errorf("mailproc at N=%d: %w", g.Len(), err)
	}
	r.res.Memory = append(r.res.Memory, MemoryResult{N: g.Len(), Run: run})
	r.progress("N=%d: peak RSS %.1f MiB in %.1f s", g.Len(), float64(run.MaxRSS)/(1<<20), run.Wall)
	return nil
}
