package e2e_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// shopEnv is the app installed in the demo shop whose storefront renders the
// Customer Hub.
type shopEnv struct {
	*apptest.Env
	shopID int64
}

func startShop(t *testing.T) shopEnv {
	t.Helper()
	return startShopWith(t, apptest.Options{})
}

// startShopWith is startShop with options (its storefront always renders
// the Customer Hub; opts.Shopify may then change the local Shopify more).
func startShopWith(t *testing.T, opts apptest.Options) shopEnv {
	t.Helper()
	hub, more := apptest.WithCustomerHub(t), opts.Shopify
	opts.Shopify = func(c *shopifytest.Config) {
		hub(c)
		if more != nil {
			more(c)
		}
	}
	env := apptest.Start(t, opts)
	env.Install(t)
	env.WaitForJobs(t) // the chat settings are published for the storefront
	var id int64
	if err := env.DB.Get(&id, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	return shopEnv{Env: env, shopID: id}
}

// settings changes the chat settings and republishes them, as saving them
// in the admin does.
func (e shopEnv) settings(t *testing.T, change func(*storage.ChatSettings)) {
	t.Helper()
	ctx := context.Background()
	store := storage.NewChatSettings(e.DB, time.Now)
	cs, err := store.Get(ctx, e.shopID)
	if err != nil {
		t.Fatal(err)
	}
	change(&cs)
	if err := store.Save(ctx, cs); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.NewJobs(e.DB, time.Now).Enqueue(ctx, storage.NewJob{Kind: "chat.publish", ShopID: e.shopID}); err != nil {
		t.Fatal(err)
	}
	e.WaitForJobs(t)
}

// allWeek are office hours that are always open.
var allWeek = json.RawMessage(`{"mon":[["00:00","24:00"]],"tue":[["00:00","24:00"]],"wed":[["00:00","24:00"]],
	"thu":[["00:00","24:00"]],"fri":[["00:00","24:00"]],"sat":[["00:00","24:00"]],"sun":[["00:00","24:00"]]}`)

// signIn signs the browser in as the demo customer and lands on page.
func (e shopEnv) signIn(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(e.Shopify.StorefrontURL+"/account/login?return_url="+page),
		chromedp.Click(chromedp.CSS(`[data-testid="sign-in-demo"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="sign-out"]`)),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
}

// openChat opens the hub from its launcher and goes to the Chat tab. The
// launcher is drawn before the hub's script runs: on a busy machine a
// click can come before the script listens, so it clicks until the hub is
// open on its Chat tab.
func openChat(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatalf("open the chat: %v", err)
	}
	apptest.Eventually(t, 30*time.Second, "the hub's Chat tab to open", func() bool {
		state := func() string {
			s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
				const l = document.querySelector('[data-hc-launcher]'), v = document.querySelector('[data-hc-view="chat"]');
				if (!l || l.getAttribute('aria-expanded') !== 'true') return 'closed';
				return !v || !v.hidden ? 'chat' : 'other';
			})()`))
			if err != nil {
				return "unknown"
			}
			return s
		}
		switch state() {
		case "closed":
			chromedp.Run(ctx, chromedp.Click(chromedp.CSS(`[data-hc-launcher]`)))
		case "other":
			chromedp.Run(ctx, chromedp.Click(chromedp.CSS(`[data-hc-tab="chat"]`)))
		}
		return state() == "chat"
	})
}

// threadText waits until the thread shows want and returns its text.
func threadText(t *testing.T, ctx context.Context, want string) string {
	t.Helper()
	var text string
	apptest.Eventually(t, 30*time.Second, "the thread to show "+want, func() bool {
		short, cancel := context.WithTimeout(ctx, tryTimeout)
		defer cancel()
		var err error
		text, err = chromedp.Run(short, chromedp.TextContent(chromedp.CSS(`.hc-thread`)))
		return err == nil && strings.Contains(text, want)
	})
	return text
}

// send types a message in the composer and sends it with Enter. A key goes
// to the focused composer wherever it is: a click lands where the button
// was measured, and on a busy machine a notice or the agent's reply can
// move the composer between the measure and the click.
func send(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`.hc-input`)),
		chromedp.SetValue(chromedp.CSS(`.hc-input`), text),
		chromedp.SendKeys(chromedp.CSS(`.hc-input`), kb.Enter),
	)
	if err != nil {
		t.Fatalf("send %q: %v", text, err)
	}
}

// sendByButton types a message and sends it with the send button, for a
// composer that stays put.
func sendByButton(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(`.hc-input`)),
		chromedp.SetValue(chromedp.CSS(`.hc-input`), text),
		chromedp.Click(chromedp.CSS(`.hc-send:not([disabled])`)),
	)
	if err != nil {
		t.Fatalf("send %q: %v", text, err)
	}
}

// openHubTab selects the open hub's tab name (home, chat, orders) and waits
// until it is selected, clicking again while it is not: a click lands
// where the tab was measured, and a reply arriving meanwhile can move the
// hub under it on a busy machine.
func openHubTab(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	tab := `[data-hc-tab="` + name + `"]`
	apptest.Eventually(t, 30*time.Second, "the hub's "+name+" tab to open", func() bool {
		short, cancel := context.WithTimeout(ctx, tryTimeout)
		defer cancel()
		selected := func() bool {
			on, err := chromedp.Run(short, chromedp.Evaluate[bool](`(t => !!t && t.getAttribute('aria-selected') === 'true')(document.querySelector('`+tab+`'))`))
			return err == nil && on
		}
		if selected() {
			return true
		}
		chromedp.Run(short, chromedp.Click(chromedp.CSS(tab)))
		return selected()
	})
}
