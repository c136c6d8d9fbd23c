package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// Acceptance 4 of [8/13]: the merchant asks "Try your agent" a question in
// a shopper's words that the shop's data does not use ("tin cup" for the
// demo shop's enamel mug), sees the built-in agent hand off, adds the
// synonym in Settings, asks the same question again and sees the agent
// answer with the mug.
func TestMerchantsSynonymChangesTheAgentsAnswer(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{}) // the built-in engine
	env.Install(t)
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appClick(t, ctx, `[data-testid="settings-card-ai-agent"]`)
	const question = "do you sell a tin cup?"

	tryQuestion(t, ctx, question)
	if got := appText(t, ctx, `[data-testid="try-handoff"]`); !strings.Contains(got, "Would hand off") {
		t.Fatalf("before the synonym the agent answers: %q", got)
	}
	appCount(t, ctx, `[data-testid="try-card"]`, 0)
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "synonyms-try-before")

	// The synonyms page: a group refused first, then added.
	appClick(t, ctx, `[data-testid="synonyms-open"]`)
	appText(t, ctx, `[data-testid="synonym-empty"]`)
	appSetValue(t, ctx, `#synonym-words`, "tin cup")
	appClick(t, ctx, `[data-testid="synonym-save"]`)
	if got := appText(t, ctx, `[data-testid="error-synonym-words"]`); !strings.Contains(got, "at least two different words") {
		t.Fatalf("one word: %q", got)
	}
	apptest.Screenshot(t, ctx, "synonyms-error")
	appSetValue(t, ctx, `#synonym-words`, "mug, tin cup, camp cup")
	appClick(t, ctx, `[data-testid="synonym-save"]`)
	adminToast(t, ctx, "Settings saved")
	appCount(t, ctx, `[data-testid="synonym-row"]`, 1)
	apptest.Screenshot(t, ctx, "synonyms")

	// The same question again: now the mug.
	appClick(t, ctx, `.breadcrumb a`)
	if got := appText(t, ctx, `[data-testid="synonyms-summary"]`); !strings.Contains(got, "mug, tin cup, camp cup") {
		t.Fatalf("the AI agent page lists %q", got)
	}
	tryQuestion(t, ctx, question)
	apptest.Eventually(t, 30*time.Second, "the mug to be shown", func() bool {
		return strings.Contains(appText(t, ctx, `[data-testid="try-answer"]`), "Campfire Enamel Mug")
	})
	if got := appText(t, ctx, `[data-testid="try-handoff"]`); !strings.Contains(got, "Would answer") {
		t.Fatalf("after the synonym: %q", got)
	}
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "synonyms-try-after")
}

// tryQuestion asks the try panel question and waits for its answer. The
// answer shown before is marked first and the wait is for an unmarked one:
// asked twice, the same question's earlier answer would otherwise pass for
// the new one while the request is still under way.
func tryQuestion(t *testing.T, ctx context.Context, question string) {
	t.Helper()
	inApp(t, ctx, "to mark the answer shown", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SetAttributeValue(chromedp.CSS(`#try-result`), "data-asked-before", "true", chromedp.FromNode(frame))
	})
	appSetValue(t, ctx, `#try-question`, question)
	appClick(t, ctx, `[data-testid="try-ask"]`)
	apptest.Eventually(t, 30*time.Second, "the answer to "+question, func() bool {
		return strings.Contains(appText(t, ctx, `#try-result:not([data-asked-before])`), "Handoff")
	})
}

// The try panel shows the "did you mean…?" the shopper would get as
// buttons; clicking one asks it.
func TestTryYourAgentAsksTheChoicePicked(t *testing.T) {
	t.Parallel()
	engine := &choosingEngine{}
	env := apptest.Start(t, apptest.Options{Engine: engine})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appClick(t, ctx, `[data-testid="settings-card-ai-agent"]`)
	tryQuestion(t, ctx, "sizes?")
	appCount(t, ctx, `[data-testid="try-choice"]`, 2)
	if got := appText(t, ctx, `[data-testid="try-choices"]`); !strings.Contains(got, sizeChoices[1]) {
		t.Fatalf("the choices read %q", got)
	}
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "try-choices")

	appClick(t, ctx, `[data-testid="try-choice"]`)
	apptest.Eventually(t, 10*time.Second, "the pick's answer", func() bool {
		return strings.Contains(appText(t, ctx, `[data-testid="try-answer-text"]`), "Our tops follow standard US sizing.")
	})
	if got := inApp(t, ctx, "to read the question", func(frame *chromedp.Node) chromedp.Action[string] {
		return chromedp.Value(chromedp.CSS(`#try-question`), chromedp.FromNode(frame))
	}); got != sizeChoices[0] {
		t.Fatalf("the question field holds %q after the pick", got)
	}
	appCount(t, ctx, `#try-question:focus`, 1) // the focus is back on the question
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "try-choices-picked")
}
