package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// floorRequest is a request the work floor answers.
type floorRequest struct {
	uid                      imap.UID
	from, subject, messageID string
}

// WorkFloor does the least protocol work the backlog needs, with no
// decision logic (the generator's labels say what each message is): the
// headers of every message in one UID FETCH, the bodies of the requests in
// another, one reply per request on one SMTP connection, the copies
// APPENDed to the sent folder (pipelined), the requests moved to the
// processed folder in one UID MOVE, and the machine mail quoting a request
// flagged and moved to the review folder in one UID STORE and one UID
// MOVE. It creates the folders as mailproc does. Nothing else is touched:
// every FETCH is a BODY.PEEK.
func WorkFloor(ctx context.Context, acct mailbox.Config, srv SMTPServer, replyFrom string, g *Generator) (FloorResult, error) {
	labels := labelsByMessageID(g)
	start := time.Now()
	c, err := dialIMAP(ctx, acct, nil)
	if err != nil {
		return FloorResult{}, err
	}
	defer c.Close()
	r, err := workFloor(ctx, c, srv, replyFrom, labels)
	if err != nil {
		return FloorResult{}, fmt.Errorf("work floor: %w", err)
	}
	if err := c.Logout().Wait(); err != nil {
		return FloorResult{}, fmt.Errorf("work floor: logout: %w", err)
	}
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// workFloor is WorkFloor's work on a logged-in connection.
func workFloor(ctx context.Context, c *imapclient.Client, srv SMTPServer, replyFrom string, labels map[string]Category) (FloorResult, error) {
	p := startPhases()
	if err := ensureFolders(c, processedFolder, reviewFolder, sentFolder); err != nil {
		return FloorResult{}, err
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		return FloorResult{}, fmt.Errorf("select INBOX: %w", err)
	}
	p.done("folders")
	reqs, review, err := floorHeaders(c, labels)
	if err != nil {
		return FloorResult{}, err
	}
	p.done("headers")
	r := FloorResult{Messages: len(reqs)}
	if r.Bytes, err = floorBodies(c, reqs); err != nil {
		return FloorResult{}, err
	}
	p.done("bodies")
	replies, err := floorSend(ctx, srv, replyFrom, reqs)
	if err != nil {
		return FloorResult{}, err
	}
	p.done("smtp")
	r.Replies = len(replies)
	if err := appendPipelined(c, sentFolder, replies); err != nil {
		return FloorResult{}, err
	}
	p.done("append")
	if err := floorMove(c, reqs, review); err != nil {
		return FloorResult{}, err
	}
	p.done("move")
	r.Moved, r.Phases = len(reqs)+len(review), p.list
	return r, nil
}

// labelsByMessageID is the generator's category of each Message-ID.
func labelsByMessageID(g *Generator) map[string]Category {
	labels := make(map[string]Category, g.Len())
	for i := range g.Len() {
		labels[g.MessageID(i)] = g.Category(i)
	}
	return labels
}

// appendPipelined appends raws to folder, \Seen, pipelined.
func appendPipelined(c *imapclient.Client, folder string, raws [][]byte) error {
	pending := make(chan *imapclient.AppendCommand, appendWindow)
	answered := make(chan error, 1)
	go func() { answered <- waitAppends(pending) }()
	var werr error
	now := time.Now()
	for _, raw := range raws {
		if werr = appendOne(c, folder, raw, now, []imap.Flag{imap.FlagSeen}, pending); werr != nil {
			break
		}
	}
	close(pending)
	if err := <-answered; err != nil {
		return err
	}
	return werr
}

// floorMove moves the requests to the processed folder, and the machine
// mail quoting a request, flagged, to the review folder.
func floorMove(c *imapclient.Client, reqs []floorRequest, review []imap.UID) error {
	var answered imap.UIDSet
	for _, q := range reqs {
		answered.AddNum(q.uid)
	}
	if len(answered) > 0 {
		if _, err := c.Move(answered, processedFolder).Wait(); err != nil {
			return fmt.Errorf("uid move to %s: %w", processedFolder, err)
		}
	}
	if len(review) == 0 {
		return nil
	}
	set := imap.UIDSetNum(review...)
	flag := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagFlagged}}
	if err := c.Store(set, flag, nil).Close(); err != nil {
		return fmt.Errorf("uid store +flags \\flagged: %w", err)
	}
	if _, err := c.Move(set, reviewFolder).Wait(); err != nil {
		return fmt.Errorf("uid move to %s: %w", reviewFolder, err)
	}
	return nil
}

// appendWindow is how many APPENDs may await their answer on one
// connection.
const appendWindow = 64

// appendOne sends one APPEND and hands it to pending to await its answer.
func appendOne(c *imapclient.Client, folder string, raw []byte, date time.Time, flags []imap.Flag, pending chan<- *imapclient.AppendCommand) error {
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: flags, Time: date})
	_, werr := cmd.Write(raw)
	cerr := cmd.Close()
	pending <- cmd
	if werr != nil {
		return fmt.Errorf("append to %s: %w", folder, werr)
	}
	if cerr != nil {
		return fmt.Errorf("append to %s: %w", folder, cerr)
	}
	return nil
}

// waitAppends waits for the answer of every APPEND sent, in order, and
// returns the first failure.
func waitAppends(pending <-chan *imapclient.AppendCommand) error {
	var first error
	for cmd := range pending {
		if _, err := cmd.Wait(); err != nil && first == nil {
			first = fmt.Errorf("append: %w", err)
		}
	}
	return first
}
