package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/app/apptest"
	"hubchat/storage"
)

// With the store's model answering, the shopper sees the answer appear in
// the assistant's typing bubble as it is written, growing, and then the
// answer itself in its place.
func TestShopperSeesTheModelsAnswerAsItIsWritten(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	e.aiOn(t, storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	ctx := context.Background()
	if _, err := storage.NewFAQs(e.DB, time.Now).Create(ctx, e.shopID, "How long does shipping take?",
		"Standard shipping takes 3 to 5 business days.", true); err != nil {
		t.Fatal(err)
	}
	model := modelserver.Start("sk-browser-test")
	t.Cleanup(model.Close)
	if _, err := storage.NewAIEngines(e.DB, e.Keys, time.Now).Save(ctx, storage.AIEngineSettings{ShopID: e.shopID,
		Engine: storage.AIEngineOpenAI, BaseURL: model.URL, Model: "m"}, "sk-browser-test"); err != nil {
		t.Fatal(err)
	}
	pieces := []string{"Standard ", "shipping ", "takes 3 to 5 ", "business days."}
	model.Reply(modelserver.Reply{Chunks: pieces, Delay: 400 * time.Millisecond})

	shopper := apptest.Browser(t)
	e.signIn(t, shopper, "/")
	openChat(t, shopper)
	// Every text the typing bubble shows is recorded as it changes.
	if _, err := chromedp.Run(shopper, chromedp.Evaluate[bool](`(() => {
		window.hcDrafts = [];
		new MutationObserver(() => {
			const d = document.querySelector('.hc-typing .hc-draft');
			if (d && window.hcDrafts[window.hcDrafts.length - 1] !== d.textContent) window.hcDrafts.push(d.textContent);
		}).observe(document.body, {subtree: true, childList: true, characterData: true});
		return true;
	})()`)); err != nil {
		t.Fatal(err)
	}
	answer := strings.Join(pieces, "")
	ask(t, shopper, "how long does shipping take", answer)
	drafts, err := chromedp.Run(shopper, chromedp.Evaluate[[]string](`window.hcDrafts`))
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) < 2 {
		t.Fatalf("the bubble showed %q: want the answer growing as it is written", drafts)
	}
	for i, d := range drafts {
		if !strings.HasPrefix(answer, d) || i > 0 && len(d) <= len(drafts[i-1]) {
			t.Fatalf("the bubble showed %q: each the text so far, growing", drafts)
		}
	}
	shown(t, shopper, ".hc-draft", 0)
	if n := evalString(t, shopper, `String(document.querySelectorAll('.hc-msg--ai').length)`); n != "1" {
		t.Fatalf("%s assistant messages, want the answer once", n)
	}
}
