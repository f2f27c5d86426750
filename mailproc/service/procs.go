package service

import (
	"os"
	"runtime"
)

// limitProcs lets the daemon's Go code run on one thread at a time
// (GOMAXPROCS 1) unless the GOMAXPROCS environment variable says
// otherwise, and returns the number in force.
//
// The daemon waits on IMAP, SMTP and the disk far more than it computes
// (half a core at its busiest, through a 10,000-message backlog). With a
// thread per core, each hand-over between its reading, sending and filing
// goroutines woke a second thread, which found nothing to do and slept
// again: measured on two cores shared with Dovecot and an SMTP server,
// one thread cut the daemon's CPU per 10,000 messages by 2–14% (the most
// when the servers were busiest; its system time by a sixth), with wall
// time the same within the benchmark's noise. The staff console's pages
// and the control API are small enough to share it.
func limitProcs() int {
	if os.Getenv("GOMAXPROCS") != "" {
		return runtime.GOMAXPROCS(0)
	}
	runtime.GOMAXPROCS(1)
	return 1
}
