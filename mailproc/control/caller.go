package control

import (
	"context"
	"fmt"
	"net/http"
	"os/user"
	"strconv"
	"strings"
)

// caller is who makes a request, as the listener it came on vouches, and
// the name the history records for what it does.
type caller interface {
	// actor is the name an action is recorded under, given the actor the
	// request names (which it may only repeat or qualify, never choose).
	actor(claimed string) (string, error)
}

// tokenCaller is a caller over HTTP: the name bound to its bearer token.
type tokenCaller string

func (t tokenCaller) actor(claimed string) (string, error) {
	if c := strings.TrimSpace(claimed); c != "" && c != string(t) {
		return "", fmt.Errorf("actor %q: %w: over HTTP the caller is the name of its token (%s); leave actor out", claimed, ErrInvalid, string(t))
	}
	return string(t), nil
}

// unixCaller is a caller on the unix socket: a process of the OS user the
// kernel names (SO_PEERCRED). The socket is the daemon user's alone, so
// that user (or root) may name the member of staff it acts for (`--as`);
// the history keeps both.
type unixCaller struct{ osUser string }

func (u unixCaller) actor(claimed string) (string, error) {
	return LocalActor(claimed, u.osUser), nil
}

// LocalActor is how the history names a caller on this machine: the name
// given with --as and, when it differs, the OS user that gave it, as
// "alice (unix user mailproc)".
func LocalActor(claimed, osUser string) string {
	claimed = strings.TrimSpace(claimed)
	if claimed == "" || claimed == osUser {
		return osUser
	}
	return claimed + " (unix user " + osUser + ")"
}

// OSUser names a user id: its login name, else "uid N".
func OSUser(uid int) string {
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		return u.Username
	}
	return "uid " + strconv.Itoa(uid)
}

type callerKey struct{}

// withCaller returns ctx carrying who makes the request.
func withCaller(ctx context.Context, c caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// actorOf is the name an action of the request is recorded under: its
// caller's, whatever actor the body names. A request whose listener
// vouched for nobody is refused.
func actorOf(r *http.Request, claimed string) (string, error) {
	c, ok := r.Context().Value(callerKey{}).(caller)
	if !ok {
		return "", fmt.Errorf("%w: the request's caller is unknown", ErrRefused)
	}
	return c.actor(claimed)
}
