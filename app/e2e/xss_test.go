package e2e_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// xssPayloads reads testdata/xss_payloads.txt: one payload a line, {{N}}
// replaced by its number.
func xssPayloads(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/xss_payloads.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, strings.ReplaceAll(line, "{{N}}", strconv.Itoa(len(out)+1)))
		}
	}
	if len(out) < 80 {
		t.Fatalf("%d payloads, want at least 80", len(out))
	}
	return out
}

// pageFindings is what a page showed of the payloads: elements they
// would have made, CSP violations reported, and the page's text.
type pageFindings struct {
	Markers, CSP []string
	Text         string
}

// reportViolations records, in every frame before its scripts run, the
// CSP violations the browser reports (securitypolicyviolation) on the
// document's root element, where a query from outside the frame reads
// them.
const reportViolations = `document.addEventListener('securitypolicyviolation', e => {
	const root = document.documentElement;
	root.setAttribute('data-csp-violation', (root.getAttribute('data-csp-violation') || '') + e.violatedDirective + ' ' + e.blockedURI + '; ');
}, true);`

// xssWatch listens for dialogs (dismissing each, so the page goes on) and
// installs the CSP reporter in every new document.
type xssWatch struct {
	mu      sync.Mutex
	dialogs []string
}

func watchXSS(t *testing.T, ctx context.Context) *xssWatch {
	w := &xssWatch{}
	opened := make(chan string, 64)
	err := chromedp.Listen(ctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			select {
			case opened <- string(d.Type) + ": " + d.Message:
			default:
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	// Dismiss each dialog from another goroutine (a listener must not run
	// commands), so that the page goes on and the test sees the rest.
	go func() {
		for msg := range opened {
			w.mu.Lock()
			w.dialogs = append(w.dialogs, msg)
			w.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: reportViolations}); err != nil {
		t.Fatal(err)
	}
	return w
}

// findings reads the page, or the admin's app frame when inFrame: the
// elements the payloads would have made, the CSP violations reported and
// the text shown.
func findings(ctx context.Context, inFrame bool) (pageFindings, bool) {
	short, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	scope := []chromedp.QueryOption{chromedp.AtLeast(0)}
	if inFrame {
		frames, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`iframe[data-testid="app-frame"]`)))
		if err != nil || len(frames) == 0 {
			return pageFindings{}, false
		}
		scope = append(scope, chromedp.FromNode(frames[0]))
	}
	var f pageFindings
	markers, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`[data-xss], [id^="xss"]`), scope...))
	if err != nil {
		return f, false
	}
	for _, m := range markers {
		f.Markers = append(f.Markers, m.NodeName+" "+m.AttributeValue("id"))
	}
	roots, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`html[data-csp-violation]`), scope...))
	if err != nil {
		return f, false
	}
	for _, r := range roots {
		f.CSP = append(f.CSP, r.AttributeValue("data-csp-violation"))
	}
	f.Text, err = chromedp.Run(short, chromedp.TextContent(chromedp.CSS(`body`), scope[1:]...))
	return f, err == nil
}

// check inspects the page (or the app's frame) and fails on any dialog,
// injected element or CSP violation, or when a wanted text is not shown
// as text.
func (w *xssWatch) check(t *testing.T, ctx context.Context, where string, inFrame bool, wantText ...string) {
	t.Helper()
	var f pageFindings
	apptest.Eventually(t, 30*time.Second, where+" to show the payloads as text", func() bool {
		var ok bool
		if f, ok = findings(ctx, inFrame); !ok {
			return false
		}
		for _, want := range wantText {
			if !strings.Contains(f.Text, want) {
				return false
			}
		}
		return true
	})
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.dialogs) > 0 {
		t.Errorf("%s: dialogs opened: %q", where, w.dialogs)
	}
	if len(f.Markers) > 0 {
		t.Errorf("%s: payloads made elements: %q", where, f.Markers)
	}
	if len(f.CSP) > 0 {
		t.Errorf("%s: CSP violations: %q", where, f.CSP)
	}
	apptest.Screenshot(t, ctx, "xss-"+strings.ReplaceAll(where, " ", "-"))
}

// Every payload of the OWASP filter-evasion families, put in every field a
// shopper, an agent or a merchant writes (messages, names, FAQs, articles,
// macros, the chat's texts), is shown as text in the widget and in the
// admin: no dialog, no element made, no CSP violation.
func TestXSSPayloadsStayInert(t *testing.T) {
	payloads := xssPayloads(t)
	e := startShop(t)
	bg := context.Background()
	shop := e.shopID
	profiles := storage.NewProfiles(e.DB, time.Now)
	p, err := profiles.ForCustomer(bg, shop, 7001)
	if err != nil {
		t.Fatal(err)
	}
	if err := profiles.UpdateDetails(bg, shop, p.ID, storage.CustomerDetails{FirstName: payloads[0], LastName: payloads[1]}); err != nil {
		t.Fatal(err)
	}
	conversations := storage.NewConversations(e.DB, time.Now)
	agent, err := storage.NewAgents(e.DB, time.Now).Seen(bg, shop, shopifytest.DemoStaff()[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var conversationID int64
	for i, pl := range payloads {
		id := fmt.Sprintf("e0000000-0000-4000-8000-%012d", i)
		if i%2 == 0 || conversationID == 0 {
			res, err := conversations.PostFromShopper(bg, shop, p.ID, storage.ShopperPost{ClientID: id, Body: pl, Preview: pl})
			if err != nil {
				t.Fatalf("payload %d from the shopper: %v", i+1, err)
			}
			conversationID = res.Conversation.ID
			continue
		}
		if _, err := conversations.PostFromAgent(bg, shop, conversationID, agent.ID, storage.AgentReply{ClientID: id, Body: pl, Preview: pl}); err != nil {
			t.Fatalf("payload %d from the agent: %v", i+1, err)
		}
	}
	faqs, articles, macros := storage.NewFAQs(e.DB, time.Now), storage.NewArticles(e.DB, time.Now), storage.NewMacros(e.DB, time.Now)
	for i, pl := range payloads {
		title := fmt.Sprintf("%.190s #%d", pl, i+1)
		if _, err := faqs.Create(bg, shop, title, pl, true); err != nil {
			t.Fatalf("FAQ %d: %v", i+1, err)
		}
		if _, err := articles.Create(bg, shop, title, pl, true); err != nil {
			t.Fatalf("article %d: %v", i+1, err)
		}
		if _, err := macros.Create(bg, shop, fmt.Sprintf("m%d %.60s", i+1, pl), pl); err != nil {
			t.Fatalf("macro %d: %v", i+1, err)
		}
	}
	welcome := payloads[len(payloads)-1]
	e.settings(t, func(cs *storage.ChatSettings) {
		cs.WelcomeMessage = welcome
		cs.LoginStatus = "all"
	})

	ctx := apptest.Browser(t)
	watch := watchXSS(t, ctx)
	last := payloads[len(payloads)-1]

	// The widget: the shopper's thread, both sides' messages.
	e.signIn(t, ctx, "/")
	openChat(t, ctx)
	watch.check(t, ctx, "widget thread", false, last)

	// The admin: the inbox, the ticket (thread and profile), the settings
	// lists and editors that show what merchants and agents wrote.
	admin := e.Shopify.AppHomeURL()
	// The settings form holds its texts as field values, not page text.
	pages := []struct{ where, path, text string }{
		{"inbox", "", "alert("},
		{"ticket", "/tickets/" + strconv.FormatInt(conversationID, 10), "alert("},
		{"FAQs", "/settings/faqs", "alert("},
		{"AI agent and articles", "/settings/ai-agent", "alert("},
		{"macros", "/settings/macros", "alert("},
		{"web chat settings", "/settings/web-chat", "Welcome"},
		{"dashboard", "/dashboard?range=7d", ""},
	}
	for _, pg := range pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(admin+pg.path)); err != nil {
			t.Fatalf("%s: %v", pg.where, err)
		}
		watch.check(t, ctx, pg.where, true, pg.text)
	}
}
