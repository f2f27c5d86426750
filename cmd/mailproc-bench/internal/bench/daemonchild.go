package bench

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	rtmetrics "runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/mailproc/mailproc/mailproc/buildinfo"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/daemon"
	"github.com/mailproc/mailproc/mailproc/metrics"
	"github.com/mailproc/mailproc/mailproc/service"
	"github.com/mailproc/mailproc/mailproc/store"
)

// ChildCommand is the first argument that makes the bench binary the
// daemon's child process: `mailproc-bench daemon-child -config FILE
// [-once] [-cpuprofile FILE] [-memprofile FILE]`.
const ChildCommand = "daemon-child"

// ChildReport is what the child prints on its standard output when it
// ends, as JSON.
type ChildReport struct {
	Seconds float64 // from loading the configuration to the daemon's return
	Ops     Ops     // time in each mailbox and SMTP operation
	PeakRSS int64   // the child's own peak resident set, in bytes (0 = unknown)
	Peaks   RSSPeaks
	Commits uint64      // store transactions committed (store.Store.Commits)
	Store   store.Usage // what the store's file holds when the daemon has returned
	GC      GCWork      // the Go runtime's collections over the run
}

// GCWork is what the Go runtime's garbage collector did over a run.
type GCWork struct {
	CPU    float64 // seconds of CPU, the runtime's own estimate
	Cycles uint64  // collections completed
}

// String is how the report shows it: "GC 0.5 s in 240 cycles".
func (g GCWork) String() string { return fmt.Sprintf("GC %.1f s in %d cycles", g.CPU, g.Cycles) }

// gcWork reads GCWork from runtime/metrics, as counted since the process
// started.
func gcWork() GCWork {
	ms := []rtmetrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/gc/cycles/total:gc-cycles"}}
	rtmetrics.Read(ms)
	var g GCWork
	if ms[0].Value.Kind() == rtmetrics.KindFloat64 {
		g.CPU = ms[0].Value.Float64()
	}
	if ms[1].Value.Kind() == rtmetrics.KindUint64 {
		g.Cycles = ms[1].Value.Uint64()
	}
	return g
}

// ChildMain runs the daemon as `mailproc run [--once]` does — the
// configuration loaded, the Go runtime limited (service.LimitRuntime),
// the store opened, the daemon built by service.Build — with its mailbox
// and SMTP calls timed, and prints a ChildReport.
// Without -once it runs until ctx ends (SIGTERM).
func ChildMain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(ChildCommand, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfgPath := fs.String("config", "", "configuration file")
	once := fs.Bool("once", false, "handle the backlog, then exit")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the daemon to this file")
	memProfile := fs.String("memprofile", "", "write an allocation profile of the daemon to this file when it returns")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *profile != "" {
		stop, err := startCPUProfile(*profile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer stop()
	}
	report, err := runChild(ctx, *cfgPath, *once, *memProfile != "", stderr)
	if err == nil && *memProfile != "" {
		err = writeAllocProfile(*memProfile)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", ChildCommand, err)
		return 1
	}
	if err := json.NewEncoder(stdout).Encode(report); err != nil {
		return 1
	}
	return 0
}

// runChild is ChildMain's daemon run. With allocs set, the runtime samples
// allocations for the allocation profile, as it did before
// service.LimitRuntime turned that off.
func runChild(ctx context.Context, path string, once, allocs bool, logTo io.Writer) (ChildReport, error) {
	start := time.Now()
	sctx, stopSampling := context.WithCancel(context.Background())
	peaks := sampleRSS(sctx)
	defer stopSampling()
	cfg, err := config.Load(path)
	if err != nil {
		return ChildReport{}, fmt.Errorf("config %s: %w", path, err)
	}
	log := service.NewLogger(logTo, cfg.Log)
	rate := runtime.MemProfileRate
	service.LimitRuntime()
	if allocs {
		runtime.MemProfileRate = rate
	}
	st, err := store.Open(cfg.Store.Path)
	if err != nil {
		return ChildReport{}, err
	}
	defer st.Close()
	clock := newOpClock()
	p, closeSender, err := service.Build(&cfg.Config, st, log, "", func(o *daemon.Options) {
		o.Metrics = metrics.New(buildinfo.Read())
		o.Dial = timedDial(o.Dial, clock, cfg.Limits.MaxMessageBytes)
		o.Sender = timedSender{Sender: o.Sender, clock: clock}
	})
	if err != nil {
		return ChildReport{}, err
	}
	defer closeSender()
	if once {
		err = p.Daemon.RunOnce(ctx)
	} else {
		err = p.Daemon.Run(ctx)
	}
	if err != nil {
		return ChildReport{}, err
	}
	seconds := time.Since(start).Seconds()
	gc := gcWork()
	stopSampling()
	peak := peakRSS() // before Usage, which reads every page of the store
	rss := <-peaks
	rss.Binary, rss.Store = fileRSS(cfg.Store.Path)
	usage, err := st.Usage()
	if err != nil {
		return ChildReport{}, err
	}
	return ChildReport{Seconds: seconds, Ops: clock.snapshot(), PeakRSS: peak, Peaks: rss, Commits: st.Commits(), Store: usage, GC: gc}, nil
}

// startCPUProfile starts profiling into path; the func stops it.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeAllocProfile writes the allocations sampled since the start to path.
func writeAllocProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("allocation profile: %w", err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("allocation profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("allocation profile: %w", err)
	}
	return nil
}
