package smtpsink

import (
	"net"
	"sync"
)

// trackingListener counts the connections it accepts and keeps them in
// the sink's open set until they close, so that Down can close them all.
type trackingListener struct {
	net.Listener
	sink *Sink
}

// Accept accepts a connection and tracks it.
func (l *trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{Conn: c, sink: l.sink}
	l.sink.track(tc)
	return tc, nil
}

// trackedConn leaves the sink's open set when closed.
type trackedConn struct {
	net.Conn
	sink *Sink
	once sync.Once
}

// Close closes the connection and untracks it.
func (c *trackedConn) Close() error {
	c.once.Do(func() { c.sink.untrack(c) })
	return c.Conn.Close()
}
