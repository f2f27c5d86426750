package main

import (
	"fmt"
	"io"
	"os"

	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/service"
)

// openStaff opens the staff side of the service: the running daemon's
// socket, or the database when no daemon runs, and says which on stderr.
// The caller calls the returned function when done.
func openStaff(cfgPath string, stderr io.Writer) (control.Service, func(), error) {
	svc, how, closeFn, err := service.Staff(cfgPath)
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(stderr, "(working through the %s)\n", how)
	return svc, closeFn, nil
}

// part is the part T of the service (a letter desk, a reporter…), or an
// error saying that this daemon lacks it.
func part[T any](svc control.Service, lacks string) (T, error) {
	p, ok := svc.(T)
	if !ok {
		return p, fmt.Errorf("this daemon %s", lacks)
	}
	return p, nil
}

// actor is the name the history records for a command: the --as name,
// which the daemon qualifies with the OS user it learns from the socket
// ("alice (unix user mailproc)"); with no daemon running, the command
// does the same itself.
func actor(svc control.Service, as string) string {
	if _, viaDaemon := svc.(*control.Client); viaDaemon {
		return as
	}
	return control.LocalActor(as, control.OSUser(os.Getuid()))
}
