package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// DaemonRun is one run of the daemon in a child process.
type DaemonRun struct {
	ChildReport
	Wall   float64 // seconds from starting the child to its exit: a cold start
	MaxRSS int64   // the child's peak resident set, in bytes (see peakRSS)
	CPU    float64 // the child's user and system CPU seconds
	SysCPU float64 // the system (kernel) part of CPU
	// Requests is how many messages of the backlog are requests (they
	// leave the inbox); 0 when not known.
	Requests int
}

// child starts the daemon as a child process of exe (the bench binary).
type child struct {
	exe        string
	cpuProfile string // "" = none
	memProfile string // "" = none
}

// command is the child's command line for a configuration.
func (ch child) command(ctx context.Context, cfgPath string, once bool) *exec.Cmd {
	args := []string{ChildCommand, "-config", cfgPath}
	if once {
		args = append(args, "-once")
	}
	if ch.cpuProfile != "" {
		args = append(args, "-cpuprofile", ch.cpuProfile)
	}
	if ch.memProfile != "" {
		args = append(args, "-memprofile", ch.memProfile)
	}
	cmd := exec.CommandContext(ctx, ch.exe, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 30 * time.Second
	return cmd
}

// runOnce runs the daemon over the backlog until it has handled it all,
// from a cold start: a new process and a new store. Its log goes to
// daemon.log beside its configuration.
func (ch child) runOnce(ctx context.Context, cfgPath string) (DaemonRun, error) {
	logf, err := os.Create(filepath.Join(filepath.Dir(cfgPath), "daemon.log"))
	if err != nil {
		return DaemonRun{}, fmt.Errorf("daemon log: %w", err)
	}
	defer logf.Close()
	cmd := ch.command(ctx, cfgPath, true)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, logf
	start := time.Now()
	err = cmd.Run()
	run := DaemonRun{Wall: time.Since(start).Seconds(), MaxRSS: maxRSS(cmd.ProcessState)}
	if ps := cmd.ProcessState; ps != nil {
		run.CPU, run.SysCPU = (ps.UserTime() + ps.SystemTime()).Seconds(), ps.SystemTime().Seconds()
	}
	if err != nil {
		return run, fmt.Errorf("daemon child: %w (log: %s)", err, logf.Name())
	}
	if err := json.Unmarshal(out.Bytes(), &run.ChildReport); err != nil {
		return run, fmt.Errorf("daemon child report %q: %w", out.String(), err)
	}
	if run.PeakRSS > 0 {
		run.MaxRSS = run.PeakRSS
	}
	return run, nil
}

// start starts the daemon on cfgPath to run until the returned func stops
// it (SIGTERM, then a wait for its exit). Its log goes to daemon.log
// beside its configuration.
func (ch child) start(ctx context.Context, cfgPath string) (func(), error) {
	logf, err := os.Create(filepath.Join(filepath.Dir(cfgPath), "daemon.log"))
	if err != nil {
		return nil, fmt.Errorf("daemon log: %w", err)
	}
	cmd := ch.command(context.WithoutCancel(ctx), cfgPath, false)
	cmd.Stdout, cmd.Stderr = io.Discard, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start daemon child: %w", err)
	}
	return func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		logf.Close()
	}, nil
}
