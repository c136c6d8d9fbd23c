package apptest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser starts a headless Chromium for the test and returns its context;
// it is closed when the test ends. CHROME_PATH names the browser, else
// chromium on PATH.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path := os.Getenv("CHROME_PATH")
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromium"); err != nil {
			t.Fatal("Chromium not found: install Debian's chromium package (make test does) or set CHROME_PATH")
		}
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.WindowSize(1280, 800),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	// The first run starts the browser, which lives as long as this context:
	// no timeout on it; the test's steps get one derived from it. That
	// budget only stops a hung browser (each wait has its own timeout): it
	// is wide because browser tests run in parallel on few cores, where a
	// test that takes a minute alone can take three.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	ctx, cancelSteps := context.WithTimeout(browser, stepsBudget)
	name := nextBrowserName(t)
	t.Cleanup(func() {
		describeOnFailure(t, browser, name)
		cancelSteps()
		cancelBrowser()
		cancelAlloc()
	})
	return ctx
}

// stepsBudget is how long a test's browser steps may take in all.
const stepsBudget = 5 * time.Minute

// browsersStarted counts each running test's browsers, to name them in its
// failure report.
var browsersStarted = struct {
	sync.Mutex
	n map[testing.TB]int
}{n: map[testing.TB]int{}}

// nextBrowserName names t's next browser "browser-1", "browser-2"… in the
// order the test started them.
func nextBrowserName(t testing.TB) string {
	browsersStarted.Lock()
	defer browsersStarted.Unlock()
	if browsersStarted.n[t] == 0 {
		t.Cleanup(func() {
			browsersStarted.Lock()
			defer browsersStarted.Unlock()
			delete(browsersStarted.n, t)
		})
	}
	browsersStarted.n[t]++
	return fmt.Sprintf("browser-%d", browsersStarted.n[t])
}

// Screenshot saves the viewport as name.png in SCREENSHOT_DIR when that is set,
// so a person can look at what the test saw.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	// Let entrance animations end: headless Chromium only advances them as
	// it paints, so a capture could catch a drawer half faded in. Endless
	// ones (a typing indicator) never finish and are taken as they are.
	settle := `Promise.all(document.getAnimations()
		.filter(a => !a.effect || a.effect.getComputedTiming().endTime !== Infinity)
		.map(a => a.finished.catch(() => null))).then(() => true)`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](settle, chromedp.EvalAwaitPromise)); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()) // the viewport, as a person sees it
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}
