// Package archtest holds the tests of how the packages depend on each
// other: which product package may import go-imap and bbolt, that the mail
// loop (daemon) and the services beside it (staff, letterdesk, jobs) meet
// only in service and plan, and what the daemon's binary carries. It has
// no code of its own.
package archtest
