package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// markStale marks the page the tab shows, so that a wait after a click
// that navigates finds what it waits for on the next page, not this one.
func markStale(ctx context.Context) error {
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.body.dataset.stale = "1", true`))
	return err
}

// fresh is a CSS selector for elements of a page not marked stale.
func fresh(selectors string) chromedp.CSS {
	parts := strings.Split(selectors, ",")
	for i, p := range parts {
		parts[i] = "body:not([data-stale]) " + strings.TrimSpace(p)
	}
	return chromedp.CSS(strings.Join(parts, ", "))
}

// Draft is an answer staff draft on a case page: the template (""
// keeps the one suggested), fields typed anew by name ("zip": "93704"),
// the message for the requester and, for a reply staff write, its outcome
// and reason.
type Draft struct {
	Template string
	Fields   map[string]string
	Message  string
	Outcome  string
	Reason   string
}

// Answer signs in, opens the case from a queue page (path: a view, a
// search), drafts the answer in the case's answer form and previews it,
// ticks the confirmation and sends it; it returns the line the queue then
// shows. A page that shows an error instead is an error.
func Answer(ctx context.Context, s Site, queuePath, caseID string, d Draft) (string, error) {
	if err := OpenFromQueue(ctx, s, queuePath, caseID); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := draft(ctx, d); err != nil {
		return "", fmt.Errorf("answer %s: %w", caseID, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("a-confirm"))); err != nil {
		return "", fmt.Errorf("confirm the answer to %s: %w", caseID, err)
	}
	if err := markStale(ctx); err != nil {
		return "", err
	}
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form.send button[type="submit"]`)),
		chromedp.WaitVisible(fresh(`section.results, p.error`)),
	)
	if err != nil {
		return "", fmt.Errorf("send the answer to %s: %w", caseID, err)
	}
	if msg, _ := pageError(ctx); msg != "" {
		return "", fmt.Errorf("answer %s: the page says %q", caseID, msg)
	}
	return chromedp.Run(ctx, chromedp.Text(chromedp.CSS("section.results")))
}

// OpenFromQueue signs in, opens a queue page and follows the link to a
// case on it.
func OpenFromQueue(ctx context.Context, s Site, queuePath, caseID string) error {
	if err := SignIn(ctx, s); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url(queuePath))); err != nil {
		return fmt.Errorf("open %s: %w", queuePath, err)
	}
	if err := markStale(ctx); err != nil {
		return err
	}
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href^=%q]`, "/cases/"+url.PathEscape(caseID)+"?"))),
		chromedp.WaitVisible(fresh("main h1")),
	)
	if err != nil {
		return fmt.Errorf("open %s from %s: %w", caseID, queuePath, err)
	}
	return nil
}

// draft fills the answer form as d says and previews it, unless d keeps
// everything suggested; it waits for the send form (or an error).
func draft(ctx context.Context, d Draft) error {
	if d.Template == "" && len(d.Fields) == 0 && d.Message == "" && d.Outcome == "" && d.Reason == "" {
		return nil
	}
	var steps []chromedp.Action[chromedp.Void]
	if d.Template != "" {
		steps = append(steps, chromedp.Click(chromedp.ID("t-"+d.Template)))
	}
	for name, value := range d.Fields {
		field := chromedp.CSS(fmt.Sprintf(`form.draft [name=%q]`, name))
		steps = append(steps, chromedp.Clear(field), chromedp.SendKeys(field, value))
	}
	if d.Message != "" {
		steps = append(steps, chromedp.SendKeys(chromedp.ID("a-message"), d.Message)) // after what the form holds
	}
	if d.Outcome != "" {
		steps = append(steps, chromedp.SetValue(chromedp.ID("a-outcome"), d.Outcome))
	}
	if d.Reason != "" {
		steps = append(steps, chromedp.SendKeys(chromedp.ID("a-reason"), d.Reason))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		return fmt.Errorf("draft: %w", err)
	}
	if err := markStale(ctx); err != nil {
		return err
	}
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form.draft button[type="submit"]`)),
		chromedp.WaitVisible(fresh(`form.send, p.error`)),
	)
	if err != nil {
		return fmt.Errorf("preview: %w", err)
	}
	if msg, _ := pageError(ctx); msg != "" {
		return fmt.Errorf("the page says %q", msg)
	}
	return nil
}

// Preview signs in, opens the case from the queue page and returns the
// text of the answer's preview the page shows first (the one suggested).
func Preview(ctx context.Context, s Site, queuePath, caseID string) (string, error) {
	if err := OpenFromQueue(ctx, s, queuePath, caseID); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Text(chromedp.CSS("section.preview")))
}

// Search signs in, types a search into the queue's search box and returns
// the ids of the cases on the first page of results.
func Search(ctx context.Context, s Site, text string) ([]string, error) {
	if err := SignIn(ctx, s); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url("/"))); err != nil {
		return nil, fmt.Errorf("open the queue: %w", err)
	}
	if err := markStale(ctx); err != nil {
		return nil, err
	}
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("s-q"), text+"\n"),
		chromedp.WaitVisible(fresh(`p.summary`)),
	)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('input[name="id"]')).map(e => e.value)`))
	if err != nil {
		return nil, fmt.Errorf("read the results of %q: %w", text, err)
	}
	return ids, nil
}

// BulkApprove signs in, opens a queue page, chooses every case matching
// it, asks to approve them each with its suggested answer, confirms on
// the page that lists them, and waits until the queue says every reply
// was sent; it returns the results the queue shows.
func BulkApprove(ctx context.Context, s Site, queuePath string, wait time.Duration) (string, error) {
	if err := SignIn(ctx, s); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Navigate(s.url(queuePath)), chromedp.Click(chromedp.ID("b-all")))
	if err != nil {
		return "", fmt.Errorf("bulk approve %s: %w", queuePath, err)
	}
	if err := markStale(ctx); err != nil {
		return "", err
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[name="action"][value="approve"]`)),
		chromedp.WaitVisible(fresh(`form[action="/bulk/confirm"], p.error`)),
	)
	if err != nil {
		return "", fmt.Errorf("bulk approve %s: %w", queuePath, err)
	}
	if msg, _ := pageError(ctx); msg != "" {
		return "", fmt.Errorf("bulk approve: the page says %q", msg)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("b-confirm"))); err != nil {
		return "", fmt.Errorf("confirm the bulk approval: %w", err)
	}
	if err := markStale(ctx); err != nil {
		return "", err
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/bulk/confirm"] button[type="submit"]`)),
		chromedp.WaitVisible(fresh(`section.results`)),
	)
	if err != nil {
		return "", fmt.Errorf("confirm the bulk approval: %w", err)
	}
	return settledResults(ctx)
}

// settledResults waits while the queue's results say a reply is still
// being sent (the page reloads itself), and returns them. The results are
// read in one script run: a query and a read of the node it found may fall
// on both sides of a reload ("No node with given id found"); a read that a
// reload interrupts is tried again until ctx ends.
func settledResults(ctx context.Context) (string, error) {
	text, readErr := "", error(nil)
	for {
		text, readErr = chromedp.Run(ctx, chromedp.Evaluate[string](
			`(document.querySelector('section.results') || {innerText: ''}).innerText`))
		if readErr == nil && text != "" && !strings.Contains(text, "still being sent") {
			return text, nil
		}
		select {
		case <-ctx.Done():
			if readErr != nil {
				return "", fmt.Errorf("read the results: %w", readErr)
			}
			return text, fmt.Errorf("replies still being sent: %w", ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// Download signs in, opens the case and follows the link to an attached
// file by its name; it returns the bytes the browser saved.
func Download(ctx context.Context, s Site, caseID, name string) ([]byte, error) {
	if err := SignIn(ctx, s); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "mailproc-download-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	progress := chromedp.Events(ctx, browser.DownloadProgress)
	events := true
	err = chromedp.Do(ctx,
		chromedp.Navigate(s.url("/cases/"+url.PathEscape(caseID))),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events})
			return err
		}),
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`ul.files a[download][data-name=%q]`, name))),
	)
	if err != nil {
		return nil, fmt.Errorf("download %q of %s: %w", name, caseID, err)
	}
	for ev, err := range progress {
		if err != nil {
			return nil, fmt.Errorf("download %q of %s: %w", name, caseID, err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			return os.ReadFile(filepath.Join(dir, ev.GUID))
		case browser.DownloadProgressStateCanceled:
			return nil, fmt.Errorf("download %q of %s: canceled", name, caseID)
		}
	}
	return nil, fmt.Errorf("download %q of %s: %w", name, caseID, ctx.Err())
}

// Timing is how long a page took in the browser, from its navigation
// timing: until its last byte came (the server's work and the transfer),
// and until it was loaded and laid out.
type Timing struct {
	Response time.Duration // requestStart to responseEnd
	Loaded   time.Duration // the navigation's start to the end of the load event
	Bytes    int64         // the page's size as sent
}

// PageTiming signs in, opens a page and returns its timing.
func PageTiming(ctx context.Context, s Site, path string) (Timing, error) {
	if err := SignIn(ctx, s); err != nil {
		return Timing{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url(path)), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
		return Timing{}, fmt.Errorf("open %s: %w", path, err)
	}
	js := `new Promise(done => { const read = () => { const n = performance.getEntriesByType('navigation')[0];
		if (!n || n.loadEventEnd === 0) { setTimeout(read, 20); return; }
		done([n.responseEnd - n.requestStart, n.loadEventEnd - n.startTime, n.encodedBodySize]); }; read(); })`
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js, chromedp.EvalAwaitPromise))
	if err != nil || len(v) != 3 {
		return Timing{}, fmt.Errorf("read the timing of %s: %v", path, err)
	}
	ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
	return Timing{Response: ms(v[0]), Loaded: ms(v[1]), Bytes: int64(v[2])}, nil
}

// Unlabelled signs in, opens a page and lists its form controls and
// links that have no name a screen reader could say, and any control
// taken out of the keyboard's reach.
func Unlabelled(ctx context.Context, s Site, path string) ([]string, error) {
	if err := SignIn(ctx, s); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url(path)), chromedp.WaitVisible(chromedp.CSS("main h1"))); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	js := `Array.from(document.querySelectorAll('input, select, textarea, button, a[href], summary')).filter(e => {
		if (e.type === 'hidden') return false;
		if (e.getAttribute('tabindex') === '-1' || e.disabled) return true;
		if (e.matches('input, select, textarea')) return e.labels.length === 0 && !e.getAttribute('aria-label');
		return e.textContent.trim() === '' && !e.getAttribute('aria-label');
	}).map(e => e.outerHTML.slice(0, 120))`
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
}
