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

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Browser gives the test a tab of its own in the test binary's headless
// Chromium and returns its context; the tab is closed when the test ends.
// Each tab is in a browser context of its own (cookies, storage and cache
// apart, as in a separate profile) and a window of its own, focused as far
// as its page can tell, so tests in parallel never see each other. One
// Chromium serves every test of the binary: starting one per test cost some
// 1.6 s of CPU each. CHROME_PATH names the browser, else chromium on PATH.
// A package whose tests call Browser calls CloseBrowser at the end of its
// TestMain.
func Browser(t testing.TB) context.Context {
	t.Helper()
	root, err := sharedBrowser()
	if err != nil {
		t.Fatal(err)
	}
	tab, cancelTab := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	// A window that is not the focused one would blur its page's focused
	// field (the composer stops its typing notice on blur): every page is
	// told it has the focus, as each would in a browser of its own.
	err = chromedp.Do(tab)
	if err == nil {
		_, err = chromedp.Call(tab, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	}
	if err != nil {
		cancelTab()
		t.Fatalf("open a tab in Chromium: %v", err)
	}
	// No timeout on the tab itself: the test's steps get one derived from
	// it. That budget only stops a hung browser (each wait has its own
	// timeout): it is wide because browser tests run in parallel on few
	// cores, where a test that takes a minute alone can take three.
	ctx, cancelSteps := context.WithTimeout(tab, stepsBudget)
	name := nextBrowserName(t)
	t.Cleanup(func() {
		describeOnFailure(t, tab, name)
		cancelSteps()
		cancelTab()
	})
	return ctx
}

// shared is the test binary's Chromium, started by the first Browser.
var shared struct {
	sync.Mutex
	browser context.Context
	close   func()
}

// sharedBrowser returns the binary's Chromium, starting it the first time
// with a profile directory of its own, removed when it closes.
func sharedBrowser() (context.Context, error) {
	shared.Lock()
	defer shared.Unlock()
	if shared.browser != nil {
		return shared.browser, nil
	}
	path := os.Getenv("CHROME_PATH")
	if path == "" {
		var err error
		if path, err = exec.LookPath("chromium"); err != nil {
			return nil, fmt.Errorf("Chromium not found: install Debian's chromium package (make test does) or set CHROME_PATH")
		}
	}
	dir, err := os.MkdirTemp("", "hubchat-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		// Windows behind others are neither throttled nor backgrounded:
		// every test's window is one someone is looking at.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.WindowSize(1280, 800),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start Chromium: %w", err)
	}
	shared.browser = browser
	shared.close = func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
	}
	return browser, nil
}

// CloseBrowser stops the binary's Chromium, if a test started it; TestMain
// calls it after the tests. (Should a binary end without it, Chromium is
// killed with it anyway: it is started to die with its parent.)
func CloseBrowser() {
	shared.Lock()
	defer shared.Unlock()
	if shared.close != nil {
		shared.close()
		shared.browser, shared.close = nil, nil
	}
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
