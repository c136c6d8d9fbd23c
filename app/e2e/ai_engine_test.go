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

// A merchant chooses an OpenAI-compatible model in Settings → AI agent:
// its fields appear once it is chosen, an empty form says what is missing,
// the key is saved (and never shown back), and "Try your agent" answers
// with the model and says so.
func TestMerchantChoosesAModelEngine(t *testing.T) {
	t.Parallel()
	const key = "sk-e2e-3f9a1c7e5b"
	model := modelserver.Start(key)
	t.Cleanup(model.Close)
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.NewFAQs(env.DB, time.Now).Create(context.Background(), shopID, "Do you ship to Canada?",
		"Yes: Canada in 5 to 7 working days.", true); err != nil {
		t.Fatal(err)
	}
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appClick(t, ctx, `[data-testid="settings-card-ai-agent"]`)
	appText(t, ctx, `[data-testid="ai-engine-form"]`)

	appClick(t, ctx, `[data-testid="engine-openai"]`)
	appClick(t, ctx, `[data-testid="ai-engine-form"] [data-testid="save"]`)
	if got := appText(t, ctx, `[data-testid="error-engine-base-url"]`); !strings.Contains(got, "Enter the base URL") {
		t.Fatalf("base URL error: %q", got)
	}
	appScroll(t, ctx, `[data-testid="ai-engine-form"]`)
	apptest.Screenshot(t, ctx, "ai-agent-engine-errors")
	appSetValue(t, ctx, `#engine-base-url`, model.URL)
	appSetValue(t, ctx, `#engine-model`, "small-model")
	appSetValue(t, ctx, `#engine-api-key`, key)
	appClick(t, ctx, `[data-testid="ai-engine-form"] [data-testid="save"]`)
	appText(t, ctx, `[data-testid="engine-api-key-set"]`)
	appScroll(t, ctx, `[data-testid="ai-engine-form"]`)
	apptest.Screenshot(t, ctx, "ai-agent-engine-saved")
	if html := appText(t, ctx, `[data-testid="ai-engine-form"]`); strings.Contains(html, key) {
		t.Fatal("the key is shown back")
	}

	model.Reply(modelserver.Text("Yes, we ship to Canada: 5 to 7 working days."))
	appSetValue(t, ctx, `#try-question`, "can you send it to canada")
	appClick(t, ctx, `[data-testid="try-ask"]`)
	if got := appText(t, ctx, `[data-testid="try-answer-text"]`); got != "Yes, we ship to Canada: 5 to 7 working days." {
		t.Fatalf("answer: %q", got)
	}
	if got := appText(t, ctx, `[data-testid="try-engine"]`); !strings.Contains(got, "Your OpenAI-compatible model") {
		t.Fatalf("answered by: %q", got)
	}
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "ai-agent-try-model")
}
