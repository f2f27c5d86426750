// Package archtest holds the tests of how the packages depend on each
// other: which product package may import go-imap and bbolt, and what the
// daemon's binary carries. It has no code of its own.
package archtest
