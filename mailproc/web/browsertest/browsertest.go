// Package browsertest drives mailproc's staff console in headless Chromium
// (Debian's chromium package) through chromedp: the steps a member of
// staff takes. The steps take a base URL, a user and a password, so the
// same steps run against a console on httptest and against the daemon.
package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package puts the browser.
const ChromiumPath = "/usr/bin/chromium"

// stepTimeout bounds one step (sign in, approve, ...).
const stepTimeout = 30 * time.Second

// Site is a running console and who signs in to it.
type Site struct {
	BaseURL  string // scheme, host and port, e.g. "http://127.0.0.1:8080"
	User     string
	Password string
}

// url joins the base URL and a path.
func (s Site) url(path string) string {
	return strings.TrimSuffix(s.BaseURL, "/") + path
}

// Start launches headless Chromium with a fresh profile for t and returns
// a context for its tab; the browser stops when t ends. It skips t when
// Chromium is not installed. The flags keep Chromium from reaching out to
// the network, which on a closed machine makes it hang; more can be given
// (say, chromedp.Flag("host-resolver-rules", "MAP rebind.test 127.0.0.1")).
func Start(t testing.TB, more ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		t.Skipf("browser test skipped: no Chromium at %s (install it with: apt-get install -y chromium)", ChromiumPath)
	}
	profile := t.TempDir()
	var output syncBuffer
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(&output),
	}
	opts = append(opts, more...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		if t.Failed() {
			t.Logf("chromium output:\n%s", output.String())
		}
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v\n%s", err, output.String())
	}
	return ctx
}

// syncBuffer collects Chromium's output from its goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// SignIn opens the sign-in page and signs in by keyboard: the name, the
// password and Enter. Already signed in, it does nothing.
func SignIn(ctx context.Context, s Site) error {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url("/login"))); err != nil {
		return fmt.Errorf("open sign-in page: %w", err)
	}
	if path, err := currentPath(ctx); err != nil || path != "/login" {
		return err // signed in already: sent on to the queue
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("user"), s.User),
		chromedp.SendKeys(chromedp.ID("password"), s.Password+"\n"),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"], p.error`)),
	)
	if err != nil {
		return fmt.Errorf("sign in as %s: %w", s.User, err)
	}
	if msg, _ := pageError(ctx); msg != "" {
		return fmt.Errorf("sign in as %s: the page says %q", s.User, msg)
	}
	return nil
}

// ApproveFromQueue signs in, opens the case from the queue, sends the
// answer the page suggests, and returns the line the queue then shows; a
// page that shows an error instead is an error.
func ApproveFromQueue(ctx context.Context, s Site, caseID string) (string, error) {
	return Answer(ctx, s, "/", caseID, Draft{})
}

// ApproveCorrected is ApproveFromQueue with the answer chosen and some
// fields of the answer form typed anew first, by their names ("zip":
// "93704").
func ApproveCorrected(ctx context.Context, s Site, caseID, template string, fields map[string]string) (string, error) {
	return Answer(ctx, s, "/", caseID, Draft{Template: template, Fields: fields})
}

// ShowsAsText signs in, opens the case and checks that text (say,
// "<script>alert(1)</script>") is in what the page shows, that the page
// has no script element and that no dialog opened.
func ShowsAsText(ctx context.Context, s Site, caseID, text string) error {
	if err := SignIn(ctx, s); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	dialogs := watchDialogs(ctx)
	shown, scripts, err := readCase(ctx, s, caseID)
	if seen := dialogs.stop(); len(seen) > 0 {
		return fmt.Errorf("case %s: dialogs opened: %s", caseID, strings.Join(seen, "; "))
	}
	switch {
	case err != nil:
		return err
	case scripts > 0:
		return fmt.Errorf("case %s: the page has %d script element(s)", caseID, scripts)
	case !strings.Contains(shown, text):
		return fmt.Errorf("case %s: the page does not show %q as text; it shows:\n%s", caseID, text, shown)
	}
	return nil
}

// readCase opens a case and returns the text its page shows and how many
// script elements it has.
func readCase(ctx context.Context, s Site, caseID string) (string, int, error) {
	err := chromedp.Do(ctx,
		chromedp.Navigate(s.url("/cases/"+url.PathEscape(caseID))),
		chromedp.WaitVisible(chromedp.CSS("main h1")),
	)
	if err != nil {
		return "", 0, fmt.Errorf("open case %s: %w", caseID, err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		return "", 0, fmt.Errorf("read case %s: %w", caseID, err)
	}
	scripts, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("script"), chromedp.AtLeast(0)))
	if err != nil {
		return "", 0, fmt.Errorf("case %s: look for script elements: %w", caseID, err)
	}
	return shown, len(scripts), nil
}

// dialogWatch records and dismisses the JavaScript dialogs a tab opens.
type dialogWatch struct {
	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
	seen   []string
}

// watchDialogs starts watching the tab for dialogs.
func watchDialogs(ctx context.Context) *dialogWatch {
	ctx, cancel := context.WithCancel(ctx)
	w := &dialogWatch{cancel: cancel, done: make(chan struct{})}
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		defer close(w.done)
		for ev, err := range events {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.seen = append(w.seen, string(ev.Type)+": "+ev.Message)
			w.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
		}
	}()
	return w
}

// stop ends the watch and returns the dialogs seen.
func (w *dialogWatch) stop() []string {
	w.cancel()
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seen
}

// FitsWidth opens a page at a window width (1280 for a desktop, 375 for
// a phone) and checks that nothing makes it scroll sideways.
func FitsWidth(ctx context.Context, s Site, path string, width int64) error {
	if err := SignIn(ctx, s); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 800),
		chromedp.Navigate(s.url(path)),
		chromedp.WaitVisible(chromedp.CSS("main h1")),
	)
	if err != nil {
		return fmt.Errorf("open %s at %d px: %w", path, width, err)
	}
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[int64]("document.documentElement.scrollWidth"))
	if err != nil {
		return fmt.Errorf("measure %s at %d px: %w", path, width, err)
	}
	if wide > width {
		return fmt.Errorf("%s at %d px is %d px wide: it scrolls sideways", path, width, wide)
	}
	return chromedp.Do(ctx, chromedp.ResetViewport())
}

// currentPath returns the path of the page the tab shows.
func currentPath(ctx context.Context) (string, error) {
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "", fmt.Errorf("read location: %w", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "", fmt.Errorf("read location %q: %w", loc, err)
	}
	return u.Path, nil
}

// pageError returns the text of the page's error message, if it has one.
func pageError(ctx context.Context) (string, error) {
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll("p.error"), chromedp.AtLeast(0)))
	if err != nil || len(nodes) == 0 {
		return "", err
	}
	return chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.error")))
}

// ComputedStyle opens a page and returns the computed value of a CSS
// property of the first element a selector finds. A style sheet the
// page's Content-Security-Policy blocks leaves the browser's default.
func ComputedStyle(ctx context.Context, s Site, path, selector, property string) (string, error) {
	if err := SignIn(ctx, s); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url(path)), chromedp.WaitVisible(chromedp.CSS(selector))); err != nil {
		return "", fmt.Errorf("open %s: %w", path, err)
	}
	js := fmt.Sprintf("getComputedStyle(document.querySelector(%q)).getPropertyValue(%q)", selector, property)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		return "", fmt.Errorf("read %s of %s on %s: %w", property, selector, path, err)
	}
	return v, nil
}

// RunScript opens a page and runs script in it, as the page's own script
// would run (with its origin), waiting for the promise it may return; it
// returns the script's result. Attack tests use it to play a hostile page.
func RunScript(ctx context.Context, pageURL, script string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		return "", fmt.Errorf("open %s: %w", pageURL, err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return "", fmt.Errorf("run the script on %s: %w", pageURL, err)
	}
	return v, nil
}

// EnterLetter signs in, opens the form for a california letter, types
// the fields by their names ("name": "Ada Byron"), chooses the scan file
// to upload, enters the letter and returns the notice the case page
// shows; a page that shows an error instead is an error.
func EnterLetter(ctx context.Context, s Site, fields map[string]string, scan string) (string, error) {
	if err := SignIn(ctx, s); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	form := `form[action="/letters"]`
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(s.url("/letters/new?kind=california")),
		chromedp.WaitVisible(chromedp.CSS(form)),
	}
	for name, value := range fields {
		steps = append(steps, chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`%s [name=%q]`, form, name)), value))
	}
	steps = append(steps,
		chromedp.SetUploadFiles(chromedp.CSS(form+` [name="scan_file"]`), []string{scan}),
		chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice, p.error`)),
	)
	if err := chromedp.Do(ctx, steps...); err != nil {
		return "", fmt.Errorf("enter a letter: %w", err)
	}
	if msg, _ := pageError(ctx); msg != "" {
		return "", fmt.Errorf("enter a letter: the page says %q", msg)
	}
	return chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.notice")))
}
