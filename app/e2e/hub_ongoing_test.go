package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// evalTrue waits until the expression js is true in the page.
func evalTrue(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	apptest.Eventually(t, 15*time.Second, what, func() bool {
		short, cancel := context.WithTimeout(ctx, tryTimeout)
		defer cancel()
		ok, err := chromedp.Run(short, chromedp.Evaluate[bool](js))
		return err == nil && ok
	})
}

// While a chat goes on the hub says so ([10/13] item 7): a burst of the
// shopper's messages shares one time; Home offers to continue the chat with
// its latest message; a reply that arrives while the shopper is on another
// tab marks the Chat tab, and one that arrives while the hub is closed shows
// in the bubble above the launcher instead of the welcome; End chat sits
// below the composer, next for the keyboard, not over the thread.
func TestHubShowsTheChatGoingOn(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	storage.NewFAQs(e.DB, time.Now).Create(context.Background(), e.shopID, "Do you ship abroad?", "Yes, to 40 countries.", true)
	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/products/trailhead-merino-hoodie")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`)), chromedp.Click(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatal(err)
	}
	hubText(t, ctx, `[data-hc-home-title]`, "Chat with us")

	// Home's space holds the shop's FAQs; one picked is answered in Chat.
	hubText(t, ctx, `[data-hc-home-faqs]`, "Do you ship abroad?")
	apptest.Screenshot(t, ctx, "hub-home")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-hc-home-faqs] .hc-chip`))); err != nil {
		t.Fatal(err)
	}
	threadText(t, ctx, "Yes, to 40 countries.")

	// A burst: three messages, one time, under the last.
	for _, m := range []string{"Is the hoodie warm?", "I mean for winter", "Size M"} {
		send(t, ctx, m)
		threadText(t, ctx, m)
	}
	evalTrue(t, ctx, "the burst to show one time", `(() => {
		const mine = [...document.querySelectorAll('.hc-thread .hc-msg--shopper[data-id]')];
		const times = mine.map(m => m.querySelector('.hc-state time')).filter(t => t && t.getClientRects().length);
		return mine.length === 3 && times.length === 1 && mine[2].contains(times[0]);
	})()`)
	apptest.Screenshot(t, ctx, "hub-chat-burst")

	// End chat: below the thread, and the next stop after the composer.
	evalTrue(t, ctx, "End chat below the thread", `(() => {
		const end = document.querySelector('.hc-end'), thread = document.querySelector('.hc-thread');
		return !!end && !end.hidden && end.getBoundingClientRect().top >= thread.getBoundingClientRect().bottom;
	})()`)
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(`.hc-input`)), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if focused, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.classList.contains('hc-end')`)); !focused {
		t.Error("Tab from the composer does not reach End chat")
	}

	// Home now continues the chat, with its latest message.
	openHubTab(t, ctx, "home")
	hubText(t, ctx, `[data-hc-home-title]`, "Continue the chat")
	hubText(t, ctx, `[data-hc-home-text]`, "You: Size M")
	apptest.Screenshot(t, ctx, "hub-home-ongoing")

	// An agent's reply while the shopper is on Home: the Chat tab is marked.
	var convID int64
	if err := e.DB.Get(&convID, `SELECT id FROM conversations WHERE status = 'open'`); err != nil {
		t.Fatal(err)
	}
	reply := agentReply(t, e, convID)
	reply("Yes, it's our warmest.")
	evalTrue(t, ctx, "the Chat tab's unread mark", `!document.querySelector('[data-hc-unread]').hidden`)
	hubText(t, ctx, `[data-hc-home-text]`, "Yes, it's our warmest.")
	apptest.Screenshot(t, ctx, "hub-chat-tab-unread")
	openHubTab(t, ctx, "chat")
	evalTrue(t, ctx, "the mark to clear once the reply is shown", `document.querySelector('[data-hc-unread]').hidden`)

	// A reply while the hub is closed: the bubble shows it, not the welcome.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatal(err)
	}
	reply("Size M is in stock.")
	evalTrue(t, ctx, "the bubble to show the reply", `(() => {
		const b = document.querySelector('[data-hc-bubble]');
		return !!b && !b.hidden && b.textContent.includes('Size M is in stock.') && b.textContent.includes('Alex');
	})()`)
	if text, _ := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`[data-hc-bubble]`))); strings.Contains(text, "How can we help") {
		t.Errorf("the bubble still shows the welcome: %q", text)
	}
	apptest.Screenshot(t, ctx, "hub-bubble-reply")
	// Opening it shows the reply in the chat; the bubble goes.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-hc-bubble-open]`))); err != nil {
		t.Fatal(err)
	}
	threadText(t, ctx, "Size M is in stock.")
	evalTrue(t, ctx, "the bubble to go", `document.querySelector('[data-hc-bubble]').hidden`)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, ctx, "hub-chat-phone")
	openHubTab(t, ctx, "home")
	apptest.Screenshot(t, ctx, "hub-home-phone")
}

// agentReply returns a function that posts a reply from the agent Alex in
// the conversation.
func agentReply(t *testing.T, e shopEnv, convID int64) func(string) {
	ctx := context.Background()
	agents := storage.NewAgents(e.DB, time.Now)
	agent, err := agents.Seen(ctx, e.shopID, 9001)
	if err != nil {
		t.Fatal(err)
	}
	agents.Name(ctx, e.shopID, agent.ID, storage.AgentName{FirstName: "Alex"})
	n := 0
	return func(body string) {
		t.Helper()
		n++
		_, err := storage.NewConversations(e.DB, time.Now).PostFromAgent(ctx, e.shopID, convID, agent.ID,
			storage.AgentReply{ClientID: "c0000000-0000-4000-8000-00000000010" + string(rune('0'+n)), Body: body, Preview: body})
		if err != nil {
			t.Fatal(err)
		}
	}
}
