package bench

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/reply"
	"github.com/mailproc/mailproc/mailproc/service"
	"github.com/mailproc/mailproc/mailproc/store"
	"github.com/mailproc/mailproc/mailproc/web"
	"github.com/mailproc/mailproc/mailproc/web/browsertest"
)

// consoleCases is how many cases the console's benchmarks hold.
const consoleCases = 5000

// consolePages are the pages the console's benchmarks ask for.
var consolePages = []struct{ name, path string }{
	{"queue", "/"},
	{"queue-page-20", "/?page=20"},
	{"closed", "/?view=closed"},
	{"search-name", "/?q=%22Person+4321+Quill%22&view=all"},
	{"search-word", "/?q=parcel&view=all"},
	{"search-nothing", "/?q=zzzzqqq&view=all"},
	{"case", "/cases/C-2026-4321"},
}

// BenchmarkConsole is the staff console's pages on the server, with 5,000
// cases in the store (the real daemon as its service, a signed-in user):
//
//	go test -run NONE -bench Console -benchtime 50x ./mailproc/bench
//
// The target is 100 ms a page on the server.
func BenchmarkConsole(b *testing.B) {
	srv := consoleServer(b)
	client := signIn(b, srv.URL)
	for _, p := range consolePages {
		b.Run(p.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				size = get(b, client, srv.URL+p.path)
			}
			b.ReportMetric(float64(size)/1000, "KB/page")
		})
	}
}

// BenchmarkConsoleChromium is how long the same pages take to load in
// headless Chromium (navigation start to the end of the load event):
//
//	go test -run NONE -bench ConsoleChromium -benchtime 10x ./mailproc/bench
//
// The target is 300 ms a page.
func BenchmarkConsoleChromium(b *testing.B) {
	ctx := browsertest.Start(b)
	srv := consoleServer(b)
	site := browsertest.Site{BaseURL: srv.URL, User: "alice", Password: "correct horse"}
	for _, p := range consolePages {
		b.Run(p.name, func(b *testing.B) {
			var loaded, response time.Duration
			for b.Loop() {
				tm, err := browsertest.PageTiming(ctx, site, p.path)
				if err != nil {
					b.Fatal(err)
				}
				loaded, response = loaded+tm.Loaded, response+tm.Response
			}
			b.ReportMetric(float64(loaded.Microseconds())/1000/float64(b.N), "ms-loaded")
			b.ReportMetric(float64(response.Microseconds())/1000/float64(b.N), "ms-response")
		})
	}
}

// consoleServer serves the console over a store of consoleCases cases.
func consoleServer(b *testing.B) *httptest.Server {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "console.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	seedCases(b, st, consoleCases)
	cfg := config.Default()
	cfg.Company = config.Company{Name: "Cooper", ReplyFrom: "Cooper Privacy <privacy@cooper.example>", Timezone: "America/Los_Angeles"}
	cfg.Disclosure = []config.Disclosure{{Year: 2025}}
	tmpl, err := reply.Load("")
	if err != nil {
		b.Fatal(err)
	}
	p, err := service.Assemble(service.Wiring{Config: &cfg, Store: st, Templates: tmpl, Now: func() time.Time { return consoleNow }})
	if err != nil {
		b.Fatal(err)
	}
	hash, err := web.HashPassword("correct horse")
	if err != nil {
		b.Fatal(err)
	}
	h, err := web.New(p.Desk, web.Options{Users: []config.WebUser{{Name: "alice", PasswordHash: hash}}, Company: "Cooper",
		Location: cfg.Location(), Sessions: service.NewWebSessions(st)})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return srv
}

// consoleNow is the benchmarks' today.
var consoleNow = time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)

// seedCases writes n cases of the kinds a real queue holds: most of them
// california requests, waiting, held back or answered, some coppa, some
// near misses and machine mail, a fifth of them closed.
func seedCases(b *testing.B, st *store.Store, n int) {
	b.Helper()
	for from := 0; from < n; from += 500 {
		err := st.Update(func(tx *store.Tx) error {
			for i := from; i < min(from+500, n); i++ {
				if err := tx.PutCase(benchCase(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// benchCase is the i-th case of the benchmarks' store.
func benchCase(i int) *cases.Case {
	rec := consoleNow.Add(-time.Duration(i) * 7 * time.Minute)
	name := fmt.Sprintf("Person %d Quill", i)
	c := &cases.Case{ID: fmt.Sprintf("C-2026-%04d", i), Kind: cases.California, State: cases.Review, Channel: cases.ChannelEmail,
		Email: fmt.Sprintf("person%d@example.com", i), Received: rec, Year: 2026, Due: cases.Due(rec, 30, time.UTC),
		Fields:    cases.Fields{Name: name, Street: fmt.Sprintf("%d Oak Street", i), City: "Fresno", State: "CA", ZIP: "93704"},
		FirstLine: true, Reasons: []cases.Reason{cases.ReasonRateLimited}}
	text := "California Privacy Rights Request\n\nName: " + name + "\nStreet address: " + c.Fields.Street +
		"\nCity: Fresno\nState: CA\nZIP code: 93704\n\n" + strings.Repeat("I would like to know who you shared my data with. ", 8)
	subject := "Request for California Privacy Information"
	switch i % 10 {
	case 1:
		c.Reasons, c.Fields.State, c.Fields.City = []cases.Reason{cases.ReasonNotCalifornia}, "NV", "Reno"
	case 2:
		c.Kind, c.Reasons, c.Fields, subject = cases.Other, []cases.Reason{cases.ReasonNearMiss}, cases.Fields{}, "Shine the Light question"
		text = "Where is my parcel? Do you sell my data?"
	case 3:
		c.Kind, c.Reasons, c.Fields, c.Due, subject = cases.Automated, []cases.Reason{cases.ReasonAutomated}, cases.Fields{}, time.Time{}, "Automatic reply: "+subject
		text = "I am out of the office."
	case 4:
		c.Kind, c.State, c.Reasons, c.Fields, subject = cases.Coppa, cases.AwaitingStaff, nil, cases.Fields{}, "COPPA Information Request"
		c.Coppa = cases.CoppaFields{ParentName: name, ChildUsername: fmt.Sprintf("kid%d", i)}
		text = "Please delete my son's account."
	case 5, 6:
		c.State, c.Reasons, c.Outcome, c.Answered = cases.Answered, nil, cases.OutcomeDisclosure, rec.Add(time.Hour)
		c.Replies = []cases.Reply{{Template: cases.TemplateDisclosure, To: c.Email, State: cases.ReplySent, Actor: cases.ActorDaemon, PlannedAt: rec, SentAt: rec}}
	case 7:
		c.State, c.Reasons, c.Missing = cases.AwaitingRequester, nil, []string{"zip"}
	}
	c.Messages = []cases.Message{{Key: "mid:" + c.ID, MessageID: c.ID + "@example.com", Received: rec,
		From: name + " <" + c.Email + ">", Subject: subject, Text: text, Folder: "Privacy/Review", Moved: true, Action: "review"}}
	c.Log(rec, cases.ActorDaemon, "received", "message "+c.ID)
	c.Log(rec, cases.ActorDaemon, "decided", "california review")
	return c
}

// signIn signs alice in and returns a client that keeps her cookie.
func signIn(b *testing.B, base string) *http.Client {
	b.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	page := getPage(b, client, base+"/login")
	i := strings.Index(page, `name="csrf" value="`)
	if i < 0 {
		b.Fatal("no csrf field on the sign-in page")
	}
	token := page[i+len(`name="csrf" value="`):]
	token = token[:strings.IndexByte(token, '"')]
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(url.Values{"user": {"alice"}, "password": {"correct horse"}, "csrf": {token}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	res, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	res.Body.Close()
	if !strings.Contains(getPage(b, client, base+"/"), "Sign out") {
		b.Fatal("not signed in")
	}
	return client
}

// get asks for a page and returns its size; anything but 200 stops the
// benchmark.
func get(b *testing.B, client *http.Client, u string) int {
	return len(getPage(b, client, u))
}

func getPage(b *testing.B, client *http.Client, u string) string {
	res, err := client.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		b.Fatalf("GET %s = %d:\n%s", u, res.StatusCode, body)
	}
	return string(body)
}
