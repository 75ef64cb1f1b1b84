// Package browsertest drives Debian's headless Chromium from Go tests, so that
// sendash's pages are checked as a person sees them: charts really drawn on
// their canvases, axe-core accessibility rules, screenshots, clicks, and the
// console (script errors, Content-Security-Policy violations, failed loads).
//
// It is imported only by _test.go files. It does not download a browser: it
// runs /usr/bin/chromium from the Debian package (`apt-get install -y chromium`,
// which .ci/run does), with a fixed, minimal set of flags.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package installs the browser.
const ChromiumPath = "/usr/bin/chromium"

// Default viewport and time limits. A desktop-sized viewport is the default;
// use Resize for a phone-sized one.
const (
	DefaultWidth  = 1280
	DefaultHeight = 900
	startTimeout  = 90 * time.Second
	actionTimeout = 30 * time.Second
)

// Browser is one headless Chromium with one tab, owned by one test. Its
// methods are not safe for concurrent use (they share the tab).
type Browser struct {
	ctx     context.Context // the tab's chromedp context, without a deadline
	timeout time.Duration   // limit for each action

	mu       sync.Mutex
	problems []string // console errors, exceptions and failed loads of the current page
}

// flags are exactly the switches sendash runs Chromium with, besides the
// profile directory and the DevTools pipe that chromedp adds. Each one keeps
// the browser from doing anything but render the page under test: no sandbox
// (tests run as root in CI), no GPU, no background or update traffic.
func flags(userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(userDataDir),
	}
}

// New starts Chromium for the test t and closes it when the test ends. It fails
// the test with install instructions if /usr/bin/chromium is missing.
func New(t testing.TB) *Browser {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		t.Fatalf("browsertest: %s is missing (%v): install Debian's browser with "+
			"`apt-get install -y chromium` (.ci/run does this)", ChromiumPath, err)
	}
	dir, err := os.MkdirTemp("", "sendash-chromium-")
	if err != nil {
		t.Fatalf("browsertest: profile directory: %v", err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags(dir)...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser process to exit
		_ = os.RemoveAll(dir)
	})
	b := &Browser{ctx: ctx, timeout: actionTimeout}
	if err := b.start(); err != nil {
		t.Fatalf("browsertest: start %s: %v", ChromiumPath, err)
	}
	return b
}

// start launches the browser (the first action on a chromedp context does),
// subscribes to the console and sets the default viewport. The first action
// must run on the context without a deadline, or the browser would die with
// it, so a timer guards it instead.
func (b *Browser) start() error {
	guard := time.AfterFunc(startTimeout, func() { _ = chromedp.Cancel(b.ctx) })
	defer guard.Stop()
	if err := chromedp.Do(b.ctx); err != nil {
		return err
	}
	if err := chromedp.Listen(b.ctx, b.record); err != nil {
		return err
	}
	return b.do(chromedp.EmulateViewport(DefaultWidth, DefaultHeight))
}

// do runs actions on the tab with the per-action time limit.
func (b *Browser) do(actions ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// run runs one action that returns a value, with the per-action time limit.
func run[T any](b *Browser, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, b.timeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// Visit loads url and waits for its load event. It clears Problems, and it
// returns an error for an HTTP status of 400 or more, so a test can't pass by
// screenshotting an error page.
func (b *Browser) Visit(url string) error {
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()
	resp, err := run(b, chromedp.NavigateResponse(url))
	if err != nil {
		return fmt.Errorf("visit %s: %w", url, err)
	}
	if resp != nil && resp.Status >= 400 {
		return fmt.Errorf("visit %s: HTTP %d %s", url, resp.Status, resp.StatusText)
	}
	return nil
}

// Click clicks the first element matching the CSS selector, waiting for it to
// be visible.
func (b *Browser) Click(selector string) error {
	if err := b.do(chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible)); err != nil {
		return fmt.Errorf("click %q: %w", selector, err)
	}
	return nil
}

// Text returns the visible text (innerText) of the first element matching the
// CSS selector, waiting for it to exist.
func (b *Browser) Text(selector string) (string, error) {
	s, err := run(b, chromedp.Text(chromedp.CSS(selector), chromedp.NodeReady))
	if err != nil {
		return "", fmt.Errorf("text of %q: %w", selector, err)
	}
	return strings.TrimSpace(s), nil
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// result into T. A promise is awaited.
func Eval[T any](b *Browser, expression string) (T, error) {
	return run(b, chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
}

// Resize sets the viewport, e.g. 375x812 for a phone; the page re-lays out and
// fires a resize event, so charts.js resizes the charts.
func (b *Browser) Resize(width, height int64) error {
	return b.do(chromedp.EmulateViewport(width, height))
}

// ReduceMotion makes the page see prefers-reduced-motion: reduce (from the
// next Visit on, for scripts that read it at start-up).
func (b *Browser) ReduceMotion() error {
	return b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	}))
}

// DisableJavaScript turns scripts off for the following visits, to check that
// a page works without them (its tables and text carry every figure).
func (b *Browser) DisableJavaScript() error {
	return b.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled,
			emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
}

// Screenshot writes a PNG of the whole page (beyond the viewport) to path,
// creating its directory.
func (b *Browser) Screenshot(path string) error {
	png, err := run(b, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return writeFile(path, png)
}

// ScreenshotElement writes a PNG of the first element matching the CSS
// selector (e.g. one chart with its table) to path: the page region under
// the element's box, captured beyond the viewport as FullScreenshot is.
// The page's scroll bar is hidden meanwhile: capturing beyond the viewport
// drops it, and the page, wider by its width, would reflow under the box.
func (b *Browser) ScreenshotElement(selector, path string) error {
	defer Eval[bool](b, `(document.documentElement.style.overflow = '') === ''`)
	box, err := Eval[*page.Viewport](b, `(function (el) {
  if (!el) { return null; }
  document.documentElement.style.overflow = 'hidden';
  return new Promise(function (done) {
    // two frames: the charts follow the wider page before the box is read
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      var r = el.getBoundingClientRect();
      done({x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height, scale: 1});
    }); });
  });
})(document.querySelector(`+strconv.Quote(selector)+`))`)
	if err != nil || box == nil {
		return fmt.Errorf("screenshot of %q: no such element (%v)", selector, err)
	}
	png, err := run(b, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, Clip: box, CaptureBeyondViewport: new(true)})
		return res.Data, err
	})
	if err != nil {
		return fmt.Errorf("screenshot of %q: %w", selector, err)
	}
	return writeFile(path, png)
}

// PDF prints the page with its print stylesheet to a PDF file at path.
func (b *Browser) PDF(path string) error {
	pdf, err := run(b, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: new(true)})
		return res.Data, err
	})
	if err != nil {
		return fmt.Errorf("print to PDF: %w", err)
	}
	return writeFile(path, pdf)
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// ScreenshotPath is where a test should write the screenshot called name: in
// $SENDASH_SCREENSHOTS if set (e.g. to keep them from CI), else os.TempDir().
func ScreenshotPath(name string) string {
	dir := os.Getenv("SENDASH_SCREENSHOTS")
	if dir == "" {
		dir = os.TempDir()
	}
	return filepath.Join(dir, name)
}

// Type types text into the first element matching the CSS selector (an
// input), as a reader would, key by key.
func (b *Browser) Type(selector, text string) error {
	if err := b.do(chromedp.SendKeys(chromedp.CSS(selector), text, chromedp.NodeVisible)); err != nil {
		return fmt.Errorf("type into %q: %w", selector, err)
	}
	return nil
}

// ClickAndWait clicks the first element matching the CSS selector (a link or
// a submit button) and waits until the browser has loaded the page it leads
// to. It clears Problems, as Visit does, and returns the new URL.
func (b *Browser) ClickAndWait(selector string) (string, error) {
	before, err := run(b, chromedp.Location())
	if err != nil {
		return "", err
	}
	// Mark the old document, so the wait below can tell the new one from it
	// even when the URL does not change.
	if _, err := Eval[bool](b, `(window.__sendashOld = true)`); err != nil {
		return "", err
	}
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()
	if err := b.Click(selector); err != nil {
		return "", err
	}
	deadline := time.Now().Add(b.timeout)
	for time.Now().Before(deadline) {
		done, err := Eval[bool](b, `!window.__sendashOld && document.readyState === 'complete'`)
		if err == nil && done {
			url, err := run(b, chromedp.Location())
			if err != nil {
				return "", err
			}
			// Chromium reports the new document's HTTP status here.
			status, err := Eval[int](b, `performance.getEntriesByType('navigation')[0].responseStatus || 0`)
			if err == nil && status >= 400 {
				return url, fmt.Errorf("click %q: %s answered HTTP %d", selector, url, status)
			}
			return url, err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return "", fmt.Errorf("click %q on %s: no new page loaded within %s", selector, before, b.timeout)
}
