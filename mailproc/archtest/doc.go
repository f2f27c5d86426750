// Package archtest holds the tests of how the packages depend on each
// other: which product package may import go-imap and bbolt, that the mail
// loop (daemon) and the services beside it (staff, letterdesk, jobs) meet
// only in service and plan, what the daemon's binary carries, and that
// every word of the vocabulary the packages share (kinds, states, reasons,
// outcomes, templates, job states) that the code writes is in its table in
// package cases. It has no code of its own.
package archtest
