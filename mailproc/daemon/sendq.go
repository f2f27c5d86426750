package daemon

import (
	"context"
)

// sendQueue sends the planned replies of a batch's cases on a goroutine of
// its own, in the order they were queued, while the batch goes on reading
// and deciding the next messages. Each reply keeps the outbox order of its
// own: its decision is recorded before it is queued, its intent before it
// is sent and its outcome after; and no message of the batch moves before
// the queue is drained. One reply is in flight at a time, so a process
// killed at any moment leaves at most one reply unconfirmed, as before.
type sendQueue struct {
	ids  chan string
	task *task
}

// startSending starts a batch's send queue. Once ctx ends no further reply
// is begun: what is left stays planned and is sent on the next cycle. After
// a failure to record a send, the replies after it stay planned too.
func (d *Daemon) startSending(ctx context.Context) *sendQueue {
	q := &sendQueue{ids: make(chan string, batchSize)}
	q.task = goTask(func() error { return d.sendFrom(ctx, q.ids) })
	return q
}

// add queues a case whose planned replies are due.
func (q *sendQueue) add(id string) {
	select {
	case q.ids <- id:
	case <-q.task.done: // sending ended early (ctx, a pause, a failure): the reply stays planned
	}
}

// dead reports whether the sending goroutine panicked.
func (q *sendQueue) dead() bool { return q.task.dead() }

// wait waits until every queued reply is settled, and returns the first
// failure to record one.
func (q *sendQueue) wait() error {
	close(q.ids)
	return q.task.wait()
}
