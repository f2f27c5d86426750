// Package e2e tests the mailproc binary as an administrator runs it: built
// from cmd/mailproc, configured by a TOML file, killed with SIGKILL at each
// step of its outbox order and started again. It has only tests.
package e2e
