package daemon

import (
	"context"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// copyReplies appends the sent copies of the cases' replies to the sent
// folder, pipelined, and returns which it appended (or found there), by
// case. Replies this process did not just send may have a copy there
// already (appended before a crash): they are looked for first, all in one
// search.
func (d *Daemon) copyReplies(ctx context.Context, mb Mailbox, cs []*cases.Case) (map[string][]string, error) {
	folder := d.sentFolder()
	copied := map[string][]string{}
	type owned struct{ id, mid string }
	var todo, unsure []owned
	var unsureIDs []string
	for _, c := range cs {
		for _, r := range c.Replies {
			if r.State != cases.ReplySent || r.InSent {
				continue
			}
			o := owned{c.ID, r.MessageID}
			if d.here.firstAppend(r.MessageID) {
				todo = append(todo, o)
			} else {
				unsure = append(unsure, o)
				unsureIDs = append(unsureIDs, r.MessageID)
			}
		}
	}
	if folder == "" || len(todo)+len(unsure) == 0 {
		return copied, nil
	}
	there, err := mb.FolderMessageIDs(ctx, folder, unsureIDs)
	if err != nil {
		return nil, fmt.Errorf("look for %d sent copies in %s: %w", len(unsureIDs), folder, err)
	}
	for _, o := range unsure {
		if there[o.mid] {
			copied[o.id] = append(copied[o.id], o.mid)
		} else {
			todo = append(todo, o)
		}
	}
	var items []mailbox.AppendItem
	var whose []owned
	for _, o := range todo {
		r, raw, err := d.sentReply(cs, o.id, o.mid)
		if err != nil {
			return nil, err
		}
		if raw == nil {
			copied[o.id] = append(copied[o.id], o.mid) // nothing left to copy
			continue
		}
		items = append(items, mailbox.AppendItem{Raw: raw, Flags: []string{`\Seen`}, Date: r.SentAt})
		whose = append(whose, o)
	}
	if len(items) == 0 {
		return copied, nil
	}
	refused, err := mb.AppendMany(ctx, folder, items)
	for _, w := range whose {
		d.composed.drop(w.mid) // copied, or to be read from the store next time
	}
	if err != nil {
		return nil, fmt.Errorf("copy %d replies to %s: %w", len(items), folder, err)
	}
	for i, w := range whose {
		if refused[i] != nil {
			d.log.Warn("reply sent but its copy was refused by the sent folder; will try again", "case", w.id, "err", refused[i])
			continue
		}
		copied[w.id] = append(copied[w.id], w.mid)
	}
	return copied, nil
}

// sentReply returns a case's reply and its stored bytes (nil when they
// are no longer kept).
func (d *Daemon) sentReply(cs []*cases.Case, id, mid string) (cases.Reply, []byte, error) {
	for _, c := range cs {
		if c.ID != id {
			continue
		}
		for _, r := range c.Replies {
			if r.MessageID == mid {
				raw, err := d.rawOf(mid)
				return r, raw, err
			}
		}
	}
	return cases.Reply{}, nil, nil
}
