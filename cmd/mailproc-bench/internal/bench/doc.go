// Package bench measures mailproc against the protocol floor on real
// servers (issue 7). It seeds a mailbox with a deterministic backlog
// (Generator, Seed), runs two bare go-imap/go-mail clients on copies of it
// — the read floor (every message whole) and the work floor (the least
// protocol work the backlog needs) — runs the real daemon on another copy
// in a child process (its wall time, its read phase and its peak RSS),
// measures reply latency beside Dovecot's own IDLE notification, times
// parse + classify + extract per message, and checks every figure against
// its target. cmd/mailproc-bench drives it; nothing here asserts timing in
// a test.
package bench
