package control

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// fake is a Service that records calls and fails on the case "missing"
// and "closed".
type fake struct{ calls []string }

func (f *fake) check(id string) error {
	switch id {
	case "missing":
		return fmt.Errorf("case %s: %w", id, ErrNotFound)
	case "closed":
		return fmt.Errorf("case %s: %w: the case is dismissed", id, ErrRefused)
	}
	return nil
}

func (f *fake) List(fl Filter) ([]Summary, error) {
	f.calls = append(f.calls, fmt.Sprintf("list %s %s %s %v %v", fl.State, fl.Kind, fl.Reason, fl.Overdue, fl.Open))
	return []Summary{{ID: "C-1", State: cases.Review, Reasons: []cases.Reason{"near-miss"}}}, nil
}
func (f *fake) Get(id string) (*cases.Case, error) {
	f.calls = append(f.calls, "get "+id)
	return &cases.Case{ID: id}, f.check(id)
}
func (f *fake) Preview(id string, d Draft) (Preview, error) {
	f.calls = append(f.calls, "preview "+id+" "+string(d.Template)+" "+d.Message)
	return Preview{Template: d.Template, Text: "hello"}, f.check(id)
}
func (f *fake) Approve(id string, a Approval) (*cases.Case, error) {
	f.calls = append(f.calls, fmt.Sprintf("approve %s %s %s %s", id, a.Actor, a.Template, a.Fields.ZIP))
	return &cases.Case{ID: id}, f.check(id)
}
func (f *fake) Dismiss(id string, a Act) (*cases.Case, error) {
	f.calls = append(f.calls, "dismiss "+id+" "+a.Actor+" "+a.Reason)
	if a.Reason == "" {
		return nil, fmt.Errorf("dismiss: %w: a reason is required", ErrInvalid)
	}
	return &cases.Case{ID: id}, f.check(id)
}
func (f *fake) Reclassify(id string, k cases.Kind, a Act) (*cases.Case, error) {
	f.calls = append(f.calls, "reclassify "+id+" "+string(k)+" "+a.Actor)
	return &cases.Case{ID: id}, f.check(id)
}
func (f *fake) Done(id string, a Act) (*cases.Case, error) {
	f.calls = append(f.calls, "done "+id+" "+a.Actor+" "+a.Note)
	return &cases.Case{ID: id}, f.check(id)
}
func (f *fake) Reopen(id string, a Act) (*cases.Case, error) {
	f.calls = append(f.calls, "reopen "+id+" "+a.Actor+" "+a.Reason)
	return &cases.Case{ID: id}, f.check(id)
}
func (f *fake) Close(id string, cl Closing) (*cases.Case, error) {
	f.calls = append(f.calls, "close "+id+" "+cl.Actor+" "+string(cl.Outcome)+" "+cl.Reason)
	return &cases.Case{ID: id}, f.check(id)
}

func (f *fake) Search(q Query) (Page, error) {
	f.calls = append(f.calls, fmt.Sprintf("search %s %q %s %d", q.View, q.Text, q.Kind, q.Page))
	return Page{Rows: []Summary{{ID: "C-1"}}, Total: 51, Page: q.Page, PerPage: 50}, nil
}
func (f *fake) Advise(id string) (Advice, error) {
	f.calls = append(f.calls, "advise "+id)
	return Advice{Suggested: cases.Suggestion{Action: cases.SuggestDecline, Template: cases.TemplateNotCalifornia}}, f.check(id)
}
func (f *fake) Bulk(b Bulk) ([]BulkResult, error) {
	f.calls = append(f.calls, fmt.Sprintf("bulk %s %s %v %v", b.Action, strings.Fields(b.Actor)[0], b.IDs, b.DryRun))
	return []BulkResult{{ID: b.IDs[0], OK: true}}, nil
}
func (f *fake) Attachment(id string, n int, part string) (File, error) {
	f.calls = append(f.calls, fmt.Sprintf("attachment %s %d %s", id, n, part))
	return File{Name: "id.jpg", Type: "image/jpeg", Data: []byte{0, 1, 2}}, f.check(id)
}

func serve(t *testing.T, svc Service) (*Client, string) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "control.sock")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, Listeners{Socket: sock}, NewHandler(svc), nil)
	}()
	t.Cleanup(func() { cancel(); <-done })
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := Dial(sock)
		if err == nil {
			return c, sock
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestClientRoundTrip: every Service call crosses the socket with its
// arguments, and errors come back matching the Service's sentinels.
func TestClientRoundTrip(t *testing.T) {
	f := &fake{}
	c, sock := serve(t, f)
	fi, err := os.Stat(sock)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode = %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	act := Act{Actor: "alice", Reason: "spam", Note: "n"}
	if l, err := c.List(Filter{State: cases.Review, Overdue: true}); err != nil || len(l) != 1 || l[0].Reasons[0] != "near-miss" {
		t.Errorf("List = %+v, %v", l, err)
	}
	c.Get("C-1")
	c.Preview("C-1", Draft{Template: "coppa-completed", Message: "deleted"})
	c.Approve("C-1", Approval{Act: act, Template: "california-disclosure", Fields: &cases.Fields{ZIP: "93704"}})
	c.Dismiss("C-1", act)
	c.Reclassify("C-1", cases.Coppa, act)
	c.Done("C-1", act)
	c.Reopen("C-1", act)
	c.Close("C-1", Closing{Act: act, Outcome: cases.OutcomeDenied})
	alice := LocalActor("alice", OSUser(os.Getuid())) // the socket's caller: alice as said, and the OS user who said it
	want := []string{"list review   true false", "get C-1", "preview C-1 coppa-completed deleted", "approve C-1 " + alice + " california-disclosure 93704",
		"dismiss C-1 " + alice + " spam", "reclassify C-1 coppa " + alice, "done C-1 " + alice + " n", "reopen C-1 " + alice + " spam",
		"close C-1 " + alice + " denied spam"}
	if fmt.Sprint(f.calls) != fmt.Sprint(want) {
		t.Errorf("calls =\n%q\nwant\n%q", f.calls, want)
	}
	for _, tt := range []struct {
		err  error
		want error
	}{
		{func() error { _, err := c.Get("missing"); return err }(), ErrNotFound},
		{func() error { _, err := c.Reopen("closed", act); return err }(), ErrRefused},
		{func() error { _, err := c.Dismiss("C-1", Act{Actor: "a"}); return err }(), ErrInvalid},
	} {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("error %v, want one matching %v", tt.err, tt.want)
		}
	}
}

func TestSocketInUse(t *testing.T) {
	_, sock := serve(t, &fake{})
	err := Serve(context.Background(), Listeners{Socket: sock}, NewHandler(&fake{}), nil)
	if err == nil {
		t.Fatal("a second Serve on a socket in use = nil, want an error")
	}
}

func TestDialNoDaemon(t *testing.T) {
	if _, err := Dial(filepath.Join(t.TempDir(), "none.sock")); err == nil {
		t.Fatal("Dial with no daemon = nil error")
	}
}

// TestQueueCallsRoundTrip: search, advice, bulk actions and attachments
// cross the socket with their arguments, the bulk action's actor being
// the caller.
func TestQueueCallsRoundTrip(t *testing.T) {
	f := &fake{}
	c, _ := serve(t, f)
	p, err := c.Search(Query{View: ViewClosed, Text: "ada byron", Filter: Filter{Kind: cases.California}, Page: 2})
	if err != nil || p.Total != 51 || p.Pages() != 2 || len(p.Rows) != 1 {
		t.Errorf("Search = %+v, %v", p, err)
	}
	if a, err := c.Advise("C-1"); err != nil || a.Suggested.Template != cases.TemplateNotCalifornia {
		t.Errorf("Advise = %+v, %v", a, err)
	}
	if r, err := c.Bulk(Bulk{Act: Act{Actor: "alice"}, Action: BulkApprove, IDs: []string{"C-1", "C-2"}, DryRun: true}); err != nil || len(r) != 1 || !r[0].OK {
		t.Errorf("Bulk = %+v, %v", r, err)
	}
	if file, err := c.Attachment("C-1", 1, "2.1"); err != nil || file.Name != "id.jpg" || len(file.Data) != 3 {
		t.Errorf("Attachment = %+v, %v", file, err)
	}
	if _, err := c.Attachment("missing", 1, "2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Attachment of a missing case = %v, want ErrNotFound", err)
	}
	want := []string{`search closed "ada byron" california 2`, "advise C-1", "bulk approve alice [C-1 C-2] true",
		"attachment C-1 1 2.1", "attachment missing 1 2"}
	if fmt.Sprint(f.calls) != fmt.Sprint(want) {
		t.Errorf("calls =\n%q\nwant\n%q", f.calls, want)
	}
}
