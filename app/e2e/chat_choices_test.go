package e2e_test

import (
	"context"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"hubchat/app/aiagent"
	"hubchat/app/apptest"
	"hubchat/storage"
)

// choosingEngine asks "did you mean…?" for one question and answers its
// choices; it stands in for the built-in engine, whose choices another
// package decides.
type choosingEngine struct {
	mu    sync.Mutex
	asked []string
}

// The choices: the second is markup, which the widget must show as text.
var sizeChoices = []string{"Size guide", "<b>Sizes</b> & fit of the Summit Rain Shell"}

func (e *choosingEngine) Answer(_ context.Context, _ int64, q aiagent.Question) (aiagent.Answer, error) {
	e.mu.Lock()
	e.asked = append(e.asked, q.Text)
	e.mu.Unlock()
	switch q.Text {
	case "sizes?":
		return aiagent.Answer{Text: "Did you mean one of these?", Choices: sizeChoices, Confidence: 0.4,
			Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}, nil
	case "fit?":
		return aiagent.Answer{Text: "Did you mean this?", Choices: sizeChoices[:1], Confidence: 0.4,
			Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}, nil
	case sizeChoices[0]:
		return aiagent.Answer{Text: "Our tops follow standard US sizing.", Confidence: 0.9,
			Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}, nil
	}
	return aiagent.Answer{Handoff: true, HandoffReason: "low confidence", Intent: aiagent.IntentQuestion, Tag: aiagent.TagOther}, nil
}

// The assistant's "did you mean…?" shows its choices as buttons under its
// latest message, as text; picking one with the keyboard sends it as the
// shopper's message, which is answered, and the buttons close for good.
func TestShopperPicksOneOfTheAssistantsChoices(t *testing.T) {
	t.Parallel()
	engine := &choosingEngine{}
	e := startShopWith(t, apptest.Options{Engine: engine})
	e.aiOn(t, storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/")
	openChat(t, ctx)
	ask(t, ctx, "sizes?", "Did you mean one of these?")
	shown(t, ctx, ".hc-msg--ai .hc-picks .hc-btn", 2)
	label := evalString(t, ctx, `document.querySelector('.hc-picks').getAttribute('aria-label')`)
	texts := evalString(t, ctx, `[...document.querySelectorAll('.hc-picks .hc-btn')].map(b => b.textContent).join('|')`)
	if label != "Did you mean…?" || texts != sizeChoices[0]+"|"+sizeChoices[1] {
		t.Fatalf("the choices are %q, labelled %q", texts, label)
	}
	if n := evalString(t, ctx, `String(document.querySelectorAll('.hc-picks b').length)`); n != "0" {
		t.Fatal("a choice's text was taken as markup")
	}
	shots(t, ctx, "ai-choices")

	// On the next page they are still offered: the question is still open.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.Shopify.StorefrontURL+"/products/summit-rain-shell")); err != nil {
		t.Fatal(err)
	}
	openChat(t, ctx)
	shown(t, ctx, ".hc-msg--ai .hc-picks .hc-btn", 2)

	// The keyboard: focus the first choice and press Enter.
	err := chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(`.hc-picks .hc-btn`)),
		chromedp.SendKeys(chromedp.CSS(`.hc-picks .hc-btn`), "\r"),
	)
	if err != nil {
		t.Fatal(err)
	}
	threadText(t, ctx, "Our tops follow standard US sizing.")
	shown(t, ctx, ".hc-picks", 0)
	if active := evalString(t, ctx, `document.activeElement.className`); active != "hc-input" {
		t.Fatalf("after the pick the focus is on %q, want the composer", active)
	}
	var bodies []string
	if err := e.DB.Select(&bodies, `SELECT body FROM messages WHERE author = 'shopper' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 2 || bodies[1] != sizeChoices[0] {
		t.Fatalf("the shopper's messages are %q: want the pick sent once, as a message", bodies)
	}
	engine.mu.Lock()
	asked := append([]string(nil), engine.asked...)
	engine.mu.Unlock()
	if len(asked) != 2 || asked[1] != sizeChoices[0] {
		t.Fatalf("the engine was asked %q", asked)
	}
	shots(t, ctx, "ai-choices-picked")

	// On the next page the past choices are not offered again.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.Shopify.StorefrontURL+"/")); err != nil {
		t.Fatal(err)
	}
	openChat(t, ctx)
	threadText(t, ctx, "Our tops follow standard US sizing.")
	shown(t, ctx, ".hc-picks", 0)
}

// A "did you mean this?" of one choice shows it as one button (it showed
// none: the question asked of nothing to pick), and a click on it is
// answered.
func TestShopperConfirmsTheAssistantsOneChoice(t *testing.T) {
	t.Parallel()
	e := startShopWith(t, apptest.Options{Engine: &choosingEngine{}})
	e.aiOn(t, storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	ctx := apptest.Browser(t)
	e.signIn(t, ctx, "/")
	openChat(t, ctx)
	ask(t, ctx, "fit?", "Did you mean this?")
	shown(t, ctx, ".hc-msg--ai .hc-picks .hc-btn", 1)
	if text := evalString(t, ctx, `document.querySelector('.hc-picks .hc-btn').textContent`); text != sizeChoices[0] {
		t.Fatalf("the one choice reads %q", text)
	}
	shots(t, ctx, "ai-one-choice")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.hc-picks .hc-btn`))); err != nil {
		t.Fatal(err)
	}
	threadText(t, ctx, "Our tops follow standard US sizing.")
	shown(t, ctx, ".hc-picks", 0)
}
