package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// What an action did is shown on the queue it returns to (post, redirect,
// get): the lines are kept here under a random token the redirect
// carries, for the user who acted, for a while.
const (
	resultsKept = 200              // at most this many actions' results
	resultsTTL  = 30 * time.Minute // each for this long
)

// resultLine is what an action did to one case.
type resultLine struct {
	ID       string
	OK       bool
	What     string // "sent decline-not-california", "dismissed"
	Error    string // why it was refused
	Reported string // how the report counts it
}

// resultSet is one action's lines.
type resultSet struct {
	user  string
	at    time.Time
	title string
	lines []resultLine
}

// resultStore keeps recent actions' results.
type resultStore struct {
	mu   sync.Mutex
	sets map[string]resultSet
}

func newResultStore() *resultStore { return &resultStore{sets: map[string]resultSet{}} }

// put keeps a set and returns its token; the oldest go when too many are
// kept.
func (s *resultStore) put(set resultSet) string {
	b := make([]byte, 12)
	rand.Read(b)
	token := hex.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.sets {
		if set.at.Sub(v.at) > resultsTTL {
			delete(s.sets, k)
		}
	}
	for len(s.sets) >= resultsKept {
		oldest := ""
		for k, v := range s.sets {
			if oldest == "" || v.at.Before(s.sets[oldest].at) {
				oldest = k
			}
		}
		delete(s.sets, oldest)
	}
	s.sets[token] = set
	return token
}

// get returns the set under a token, if the user kept it.
func (s *resultStore) get(token, user string) (resultSet, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	set, ok := s.sets[token]
	return set, ok && set.user == user
}

// resultsView is an action's results as the queue shows them, each case's
// reply as it stands now.
type resultsView struct {
	Title   string
	Lines   []resultShown
	OK      int
	Refused int
	Pending bool // a reply is still being sent: the page reloads itself
	Sending int  // how many replies are still being sent
}

// resultShown is one case's line.
type resultShown struct {
	resultLine
	Reply string // the reply's state now: "sent 10:31", "sending"
}

// maxResultLines is how many lines the queue shows; the rest are counted.
const maxResultLines = 500

// results is the results the request's token names, with each case's
// reply read again, or nil.
func (c *console) results(r *http.Request) *resultsView {
	token := r.URL.Query().Get("result")
	if token == "" {
		return nil
	}
	set, ok := c.done.get(token, sessionOf(r).User)
	if !ok {
		return &resultsView{Title: "The results of that action are no longer kept; the cases show what was done."}
	}
	v := &resultsView{Title: set.title}
	for i, l := range set.lines {
		if l.OK {
			v.OK++
		} else {
			v.Refused++
		}
		if i >= maxResultLines {
			continue
		}
		shown := resultShown{resultLine: l}
		if l.OK {
			var pending bool
			shown.Reply, pending = c.replyNow(l.ID, false)
			if pending {
				v.Pending, v.Sending = true, v.Sending+1
			}
		}
		v.Lines = append(v.Lines, shown)
	}
	return v
}

// replyNow says where a case's latest reply stands, and whether one is
// still being sent.
func (c *console) replyNow(id string, pending bool) (string, bool) {
	cs, err := c.svc.Get(id)
	if err != nil || len(cs.Replies) == 0 {
		return "", pending
	}
	rep := cs.Replies[len(cs.Replies)-1]
	switch rep.State {
	case cases.ReplyPlanned, cases.ReplySending:
		return "reply " + string(rep.Template) + ": " + string(rep.State) + "…", true
	case cases.ReplySent:
		return "reply " + string(rep.Template) + ": sent " + c.when(rep.SentAt), pending
	case cases.ReplyToPost:
		return "letter " + string(rep.Template) + ": to print and post", pending
	}
	words := "reply " + string(rep.Template) + ": " + string(rep.State)
	if rep.Error != "" {
		words += " (" + rep.Error + ")"
	}
	return words, pending
}

// awaitReplies waits, a little, for the replies of the cases just acted
// on to leave the outbox, so that the page after the action can say they
// were sent.
func (c *console) awaitReplies(ids []string) {
	deadline := time.Now().Add(c.settle)
	for {
		pending := false
		for _, id := range ids {
			if _, p := c.replyNow(id, false); p {
				pending = true
				break
			}
		}
		if !pending || time.Now().After(deadline) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
