// Package sdnotify speaks systemd's notify protocol: READY, STOPPING,
// WATCHDOG and STATUS datagrams to $NOTIFY_SOCKET. Without the variable
// (not under systemd) every call does nothing.
package sdnotify

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"time"
)

// Notifier sends to the socket systemd gave.
type Notifier struct{ addr string }

// FromEnv returns a Notifier for $NOTIFY_SOCKET ("" when absent).
func FromEnv() Notifier { return Notifier{addr: os.Getenv("NOTIFY_SOCKET")} }

// Send sends one state line ("READY=1"). A Notifier without a socket
// returns nil.
func (n Notifier) Send(state string) error {
	if n.addr == "" {
		return nil
	}
	addr := n.addr
	if addr[0] == '@' {
		addr = "\x00" + addr[1:] // an abstract socket
	}
	c, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: addr, Net: "unixgram"})
	if err != nil {
		return fmt.Errorf("sd_notify: %w", err)
	}
	defer c.Close()
	if _, err := c.Write([]byte(state)); err != nil {
		return fmt.Errorf("sd_notify: %w", err)
	}
	return nil
}

// Ready tells systemd the service is up.
func (n Notifier) Ready() error { return n.Send("READY=1") }

// Stopping tells systemd the service is stopping.
func (n Notifier) Stopping() error { return n.Send("STOPPING=1") }

// Watchdog pets the watchdog.
func (n Notifier) Watchdog() error { return n.Send("WATCHDOG=1") }

// Status sets the status line systemctl shows.
func (n Notifier) Status(s string) error { return n.Send("STATUS=" + s) }

// WatchdogInterval is how often to pet the watchdog: half of
// $WATCHDOG_USEC, or 0 when systemd set no watchdog for this process.
func WatchdogInterval() time.Duration {
	usec, err := strconv.ParseInt(os.Getenv("WATCHDOG_USEC"), 10, 64)
	if err != nil || usec <= 0 {
		return 0
	}
	if pid := os.Getenv("WATCHDOG_PID"); pid != "" && pid != strconv.Itoa(os.Getpid()) {
		return 0
	}
	return time.Duration(usec) * time.Microsecond / 2
}
