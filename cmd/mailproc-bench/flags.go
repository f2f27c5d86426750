package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mailproc/mailproc/cmd/mailproc-bench/internal/bench"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// parseFlags turns the command line into bench options. The server
// defaults are those of scripts/test-servers.sh, with the CA file from
// $MAILPROC_TEST_SERVERS.
func parseFlags(args []string, stderr io.Writer) (bench.Options, error) {
	fs := flag.NewFlagSet("mailproc-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "messages in the backlog")
	seed := fs.Uint64("seed", 1, "seed of the backlog")
	parts := fs.String("parts", "throughput,latency,memory,decide", "parts to run, comma-separated")
	latency := fs.Int("latency", 200, "requests appended one at a time in the latency part")
	rss := fs.String("rss", "2000,20000", "backlog sizes whose peak RSS is measured, comma-separated")
	imapAddr := fs.String("imap", "127.0.0.1:10993", "IMAP server host:port")
	imapSec := fs.String("imap-security", "tls", "tls, starttls or none")
	imapPass := fs.String("imap-password", "secret", "password of every IMAP user")
	smtpAddr := fs.String("smtp", "127.0.0.1:11025", "SMTP server host:port (mailpit)")
	smtpSec := fs.String("smtp-security", "starttls", "tls, starttls or none")
	smtpUser := fs.String("smtp-user", "mailproc", "SMTP user; \"\" for no AUTH")
	smtpPass := fs.String("smtp-password", "anything", "SMTP password")
	ca := fs.String("ca", defaultCA(), "CA file of the servers' certificate")
	corpus := fs.String("corpus", "../shared/corpus", "directory of .eml files for the decide part")
	work := fs.String("work", "", "directory for configurations, stores and logs (default: a new temporary one)")
	keep := fs.Bool("keep", false, "leave the run's mail on the IMAP server")
	profile := fs.String("daemon-cpuprofile", "", "write a CPU profile of mailproc's (first) throughput run to this file")
	memProfile := fs.String("daemon-memprofile", "", "write an allocation profile of mailproc's (first) throughput run to this file")
	runs := fs.Int("runs", 1, "throughput runs, each on a backlog of its own: figures and targets are their median, with the range")
	if err := fs.Parse(args); err != nil {
		return bench.Options{}, err
	}
	if *runs < 1 {
		return flagError(stderr, "-runs", fmt.Errorf("%d: at least 1", *runs))
	}
	o := bench.Options{N: *n, Seed: *seed, Runs: *runs, Latency: *latency, CorpusDir: *corpus, WorkDir: *work, Keep: *keep,
		DaemonCPUProfile: absolute(*profile), DaemonMemProfile: absolute(*memProfile), Progress: stderr}
	var err error
	if o.IMAP, err = imapConfig(*imapAddr, *imapSec, *imapPass, *ca); err != nil {
		return flagError(stderr, "-imap", err)
	}
	if o.SMTP, err = smtpConfig(*smtpAddr, *smtpSec, *smtpUser, *smtpPass, *ca); err != nil {
		return flagError(stderr, "-smtp", err)
	}
	if o.MemorySizes, err = sizes(*rss); err != nil {
		return flagError(stderr, "-rss", err)
	}
	if err := choose(&o, *parts); err != nil {
		return flagError(stderr, "-parts", err)
	}
	if o.Executable, err = os.Executable(); err != nil {
		return flagError(stderr, "executable", err)
	}
	return o, nil
}

// choose switches on the parts named, and off the others.
func choose(o *bench.Options, parts string) error {
	on := map[string]bool{}
	for _, p := range strings.Split(parts, ",") {
		switch p = strings.TrimSpace(p); p {
		case "throughput", "latency", "memory", "decide":
			on[p] = true
		case "":
		default:
			return fmt.Errorf("%q: not one of throughput, latency, memory, decide", p)
		}
	}
	o.Throughput, o.Decide = on["throughput"], on["decide"]
	if !on["latency"] {
		o.Latency = 0
	}
	if !on["memory"] {
		o.MemorySizes = nil
	}
	return nil
}

func imapConfig(addr, security, password, ca string) (mailbox.Config, error) {
	host, port, err := splitAddr(addr)
	if err != nil {
		return mailbox.Config{}, err
	}
	return mailbox.Config{Host: host, Port: port, Security: security, CAFile: ca, Password: password}, nil
}

func smtpConfig(addr, security, user, password, ca string) (bench.SMTPServer, error) {
	host, port, err := splitAddr(addr)
	if err != nil {
		return bench.SMTPServer{}, err
	}
	return bench.SMTPServer{Host: host, Port: port, Security: security, CAFile: ca, Username: user, Password: password}, nil
}

func splitAddr(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(p)
	if err != nil {
		return "", 0, fmt.Errorf("port %q: %w", p, err)
	}
	return host, port, nil
}

// sizes parses "2000,20000"; "" is none.
func sizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q: not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// defaultCA is the certificate scripts/test-servers.sh made.
func defaultCA() string {
	if dir := os.Getenv("MAILPROC_TEST_SERVERS"); dir != "" {
		return filepath.Join(dir, "cert.pem")
	}
	return ""
}

func absolute(path string) string {
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

func flagError(w io.Writer, name string, err error) (bench.Options, error) {
	fmt.Fprintf(w, "mailproc-bench: %s: %v\n", name, err)
	return bench.Options{}, err
}
