package apptest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// shownTextLimit is how much of a page's visible text a failure report
// quotes: enough to recognise the page and its message.
const shownTextLimit = 600

// describeOnFailure reports, if the test failed, what the browser showed at
// that moment: the tab's URL, the app frame's URL and the start of its
// visible text, and a screenshot in the test's artifacts directory (kept
// when go test runs with -artifacts). Whichever wait timed out, the report
// then says whether the app was on another page, showed an error, or was
// still loading. browser must be the browser's own context (not one whose
// deadline may have passed).
func describeOnFailure(t testing.TB, browser context.Context, name string) {
	t.Helper()
	if !t.Failed() {
		return
	}
	ctx, cancel := context.WithTimeout(browser, 15*time.Second)
	defer cancel()
	t.Logf("%s showed:\n%s", name, PageState(ctx))
	shot, cancelShot := context.WithTimeout(browser, 15*time.Second)
	defer cancelShot()
	png, err := chromedp.Run(shot, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("%s: no screenshot: %v", name, err)
		return
	}
	file := filepath.Join(t.ArtifactDir(), name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Logf("%s: no screenshot: %v", name, err)
		return
	}
	t.Logf("%s: screenshot %s", name, file)
}

// PageState says what the page of ctx shows now, for a failure message:
// its URL, each frame's URL, and the first characters of the visible text
// of the app's frame (of the page itself when it has none).
func PageState(ctx context.Context) string {
	var b strings.Builder
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return fmt.Sprintf("(the page cannot be read: %v)", err)
	}
	fmt.Fprintf(&b, "  page URL: %s\n", withoutTokens(tree.FrameTree.Frame.URL))
	for _, child := range tree.FrameTree.ChildFrames {
		fmt.Fprintf(&b, "  frame %q URL: %s\n", child.Frame.Name, withoutTokens(child.Frame.URL))
	}
	text, where := visibleText(ctx)
	fmt.Fprintf(&b, "  %s text: %q", where, text)
	return b.String()
}

// signedParams are the query parameters a failure report leaves out: a
// session token and a signature are credentials, even a test's.
var signedParams = []string{"id_token", "hmac", "signature", "session"}

// withoutTokens is raw with the values of signedParams replaced by "redacted".
func withoutTokens(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for _, name := range signedParams {
		if q.Has(name) {
			q.Set(name, "redacted")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// visibleText is the start of the app frame's visible text, or of the
// page's when it has no app frame, and which of the two it is.
func visibleText(ctx context.Context) (text, where string) {
	short, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	where = "page"
	var opts []chromedp.QueryOption
	frames, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`iframe[data-testid="app-frame"]`), chromedp.AtLeast(0)))
	if err == nil && len(frames) > 0 {
		where = "app frame"
		opts = append(opts, chromedp.FromNode(frames[0]))
	}
	text, err = chromedp.Run(short, chromedp.Text(chromedp.CSS("body"), opts...))
	if err != nil {
		return fmt.Sprintf("(unreadable: %v)", err), where
	}
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > shownTextLimit {
		text = string(r[:shownTextLimit]) + "…"
	}
	return text, where
}
