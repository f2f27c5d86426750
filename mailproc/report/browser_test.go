package report

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is where Debian installs Chromium.
const chromiumPath = "/usr/bin/chromium"

// shotsDirEnv names a folder to keep the screenshots and PDFs in, for a
// person to look at; unset, they go to the test's temporary folder.
const shotsDirEnv = "MAILPROC_REPORT_SHOTS"

// browser starts a headless Chromium that fetches nothing on its own, and
// returns a context for one tab in it.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no Chromium at %s (apt-get install chromium): the rendering test needs it", chromiumPath)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
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
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(900, 1400),
	}
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	tab, tcancel := chromedp.NewContext(actx)
	t.Cleanup(tcancel)
	return tab
}

// shotsDir is where the test keeps what it renders.
func shotsDir(t *testing.T) string {
	if dir := os.Getenv(shotsDirEnv); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatalf("make %s: %v", dir, err)
		}
		return dir
	}
	return t.TempDir()
}

// openReport writes r as HTML into dir and opens it in the tab.
func openReport(t *testing.T, ctx context.Context, r Report, dir string) {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path), chromedp.WaitReady(chromedp.CSS("#chart-days"))); err != nil {
		t.Fatalf("open %s in Chromium: %v", path, err)
	}
}

// chartShapesJS counts, for each chart, the bars (coloured by kind) that
// have a visible size on the page.
const chartShapesJS = `Object.fromEntries([...document.querySelectorAll("figure.chart")].map(f => [f.id,
  [...f.querySelectorAll("svg rect[class^='k-']")].filter(r => {
    const b = r.getBoundingClientRect(); return b.width > 0.5 && b.height > 0.5 }).length]))`

func TestBrowserRendersCharts(t *testing.T) {
	ctx := browser(t)
	dir := shotsDir(t)
	openReport(t, ctx, marchReport(t), dir)

	bars, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](chartShapesJS))
	if err != nil {
		t.Fatalf("count chart shapes: %v", err)
	}
	for _, id := range []string{"chart-per-day", "chart-outcomes", "chart-days"} {
		t.Run(id, func(t *testing.T) {
			if bars[id] == 0 {
				t.Errorf("chart %s has no visible bars (all charts: %v)", id, bars)
			}
			shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#"+id+" > svg")))
			if err != nil {
				t.Fatalf("screenshot %s: %v", id, err)
			}
			writeFile(t, filepath.Join(dir, id+".png"), shot)
			inked, coloured, total := inkOf(t, shot)
			t.Logf("%s: %d bars; %d of %d pixels inked, %d in the kinds' colours", id, bars[id], inked, total, coloured)
			if inked*20 < total || coloured*50 < total {
				t.Errorf("screenshot of %s: %d of %d pixels not white, %d in the bars' colours; want over 5%% and 2%%", id, inked, total, coloured)
			}
		})
	}
	full, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("full screenshot: %v", err)
	}
	writeFile(t, filepath.Join(dir, "report.png"), full)
}

// TestBrowserEmptyMonthHasNoBars shows that the pixel check can tell a
// chart with bars from one without.
func TestBrowserEmptyMonthHasNoBars(t *testing.T) {
	ctx := browser(t)
	loc := pacific(t)
	openReport(t, ctx, Build(nil, 2025, time.February, loc, at(t, loc, fixtureNow), "Cooper"), t.TempDir())
	for _, id := range []string{"chart-per-day", "chart-days"} {
		shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#"+id+" > svg")))
		if err != nil {
			t.Fatalf("screenshot %s: %v", id, err)
		}
		if _, coloured, _ := inkOf(t, shot); coloured != 0 {
			t.Errorf("screenshot of %s of an empty month: %d pixels in the kinds' colours, want 0", id, coloured)
		}
	}
}

func TestBrowserPrintsOnA4AndLetter(t *testing.T) {
	ctx := browser(t)
	dir := shotsDir(t)
	openReport(t, ctx, marchReport(t), dir)
	for _, paper := range []struct {
		name string
		size chromedp.PaperSize
	}{{"a4", chromedp.PaperA4}, {"letter", chromedp.PaperLetter}} {
		t.Run(paper.name, func(t *testing.T) {
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size)))
			if err != nil {
				t.Fatalf("print to PDF on %s: %v", paper.name, err)
			}
			writeFile(t, filepath.Join(dir, "report-"+paper.name+".pdf"), pdf)
			pages := pageCount(pdf)
			t.Logf("%s: %d pages, %d bytes", paper.name, pages, len(pdf))
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || pages < 2 || pages > 6 {
				t.Errorf("PDF on %s: %d bytes, %d pages; want a PDF of 2 to 6 pages", paper.name, len(pdf), pages)
			}
		})
	}
}

// pageCount reads the number of pages from a PDF's page tree: the largest
// /Count (Chromium writes the tree uncompressed, and no outline).
func pageCount(pdf []byte) int {
	n := 0
	for _, m := range regexp.MustCompile(`/Count (\d+)`).FindAllSubmatch(pdf, -1) {
		v, _ := strconv.Atoi(string(m[1]))
		n = max(n, v)
	}
	return n
}

// inkOf counts the pixels of a PNG that are not near white, and those in
// the colours of the california and coppa bars (the grey of the third kind
// is too near the grey of text to count), of all pixels.
func inkOf(t *testing.T, shot []byte) (inked, coloured, total int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b := rgb(img, x, y)
			total++
			if r < 235 || g < 235 || b < 235 {
				inked++
			}
			if near(r, g, b, 0x2a, 0x5d, 0x9f) || near(r, g, b, 0xe0, 0x91, 0x3a) {
				coloured++
			}
		}
	}
	return inked, coloured, total
}

// rgb is a pixel's colour in 8 bits a channel.
func rgb(img image.Image, x, y int) (r, g, b int) {
	r32, g32, b32, _ := img.At(x, y).RGBA()
	return int(r32 >> 8), int(g32 >> 8), int(b32 >> 8)
}

// near reports whether a colour is within a small distance of another.
func near(r, g, b, wr, wg, wb int) bool {
	d := func(a, b int) int { return max(a-b, b-a) }
	return d(r, wr) <= 12 && d(g, wg) <= 12 && d(b, wb) <= 12
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
}
