package bench

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// Options say what to measure against which servers.
type Options struct {
	N    int    // messages in the backlog (issue 7: 10,000)
	Seed uint64 // the backlog is the same for the same seed
	// Base dates the first message; zero means 15 days ago at midnight UTC.
	Base time.Time
	// IMAP is the server, its security, CA file and the password every
	// user has (Dovecot of scripts/test-servers.sh: "secret"); the user
	// names are made afresh for each run.
	IMAP mailbox.Config
	SMTP SMTPServer

	Throughput  bool  // parts 1–3: seeding, the two floors, mailproc
	Runs        int   // throughput runs, each on a backlog of its own; their figures are given as median and range (0 = 1)
	Latency     int   // part 4: requests appended one at a time; 0 = skip
	MemorySizes []int // part 5: backlogs whose peak RSS is measured
	Decide      bool  // part 6: parse + classify + extract per message
	CorpusDir   string

	WorkDir          string // configurations, stores, logs; "" = a new temporary directory
	Keep             bool   // leave the runs' mail on the server
	Executable       string // the bench binary, run again as the daemon's child
	DaemonCPUProfile string // a CPU profile of the first throughput run's daemon, "" = none
	DaemonMemProfile string // an allocation profile of the first throughput run's daemon, "" = none
	Progress         io.Writer
}

// withDefaults fills in the base date and the progress writer.
func (o Options) withDefaults() Options {
	if o.Base.IsZero() {
		o.Base = time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -15)
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	return o
}

// account is the IMAP account of one contender of this run.
func (o Options) account(run, role string) mailbox.Config {
	a := o.IMAP
	a.Username = "bench-" + run + "-" + role + "@example.test"
	return a
}

// runID names a run's accounts and reply address.
func runID() string {
	b := make([]byte, 3)
	rand.Read(b)
	return time.Now().UTC().Format("0102-1504") + "-" + hex.EncodeToString(b)
}
