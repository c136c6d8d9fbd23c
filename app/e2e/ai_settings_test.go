package e2e_test

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/aiagent"
	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/helpdesk/helpdesktest"
	"hubchat/storage"
)

// answeringEngine is an aiagent.Engine that gives one answer to every
// question, as set by the test: it stands in for the built-in engine,
// which another package builds.
type answeringEngine struct {
	mu     sync.Mutex
	answer aiagent.Answer
	asked  []string
}

func (e *answeringEngine) Answer(_ context.Context, _ int64, q aiagent.Question) (aiagent.Answer, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.asked = append(e.asked, q.Text)
	return e.answer, nil
}

func (e *answeringEngine) set(a aiagent.Answer) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.answer = a
}

// appUpload chooses file in the app's file input sel.
func appUpload(t *testing.T, ctx context.Context, sel, file string) {
	t.Helper()
	inApp(t, ctx, "to choose a file in "+sel, func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SetUploadFiles(chromedp.CSS(sel), []string{file}, chromedp.FromNode(frame))
	})
}

// A merchant turns the AI agent on with a Zendesk handoff (the wrong API
// token first, refused beside its field), adds an article, imports a file
// from their old helpdesk, and tries a question.
func TestMerchantSetsUpTheAIAgent(t *testing.T) {
	t.Parallel()
	const email, token = "agent@demo-shop.example", "ZDTOKEN-e2e-5c1a7b9d3f"
	zendesk := httptest.NewServer(helpdesktest.NewZendesk(email, token))
	t.Cleanup(zendesk.Close)
	engine := &answeringEngine{}
	env := apptest.Start(t, apptest.Options{Engine: engine, Config: func(c *config.Config) { c.ZendeskURL = zendesk.URL }})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appClick(t, ctx, `[data-testid="settings-card-ai-agent"]`)
	appText(t, ctx, `[data-testid="ai-agent-form"]`)
	apptest.Screenshot(t, ctx, "ai-agent")

	// A custom message is required once it is chosen.
	appClick(t, ctx, `[data-testid="handoff-custom_message"]`)
	appClick(t, ctx, `[data-testid="ai-agent-form"] [data-testid="save"]`)
	if got := appText(t, ctx, `[data-testid="error-custom-message"]`); !strings.Contains(got, "Enter the message shoppers see.") {
		t.Fatalf("custom message: %q", got)
	}
	apptest.Screenshot(t, ctx, "ai-agent-custom-message-error")

	// On, with Zendesk: its fields appear once it is chosen.
	appClick(t, ctx, `[data-testid="ai-enabled"]`)
	appClick(t, ctx, `[data-testid="handoff-zendesk"]`)
	appSetValue(t, ctx, `#zendesk-subdomain`, "demo-shop")
	appSetValue(t, ctx, `#zendesk-agent-email`, email)
	appSetValue(t, ctx, `#zendesk-api-token`, "ZDTOKEN-wrong-000000")
	appClick(t, ctx, `[data-testid="ai-agent-form"] [data-testid="save"]`)
	if got := appText(t, ctx, `[data-testid="error-zendesk-api-token"]`); !strings.Contains(got, "Zendesk did not accept") {
		t.Fatalf("wrong token: %q", got)
	}
	appScroll(t, ctx, `[data-testid="handoff-option-zendesk"]`)
	apptest.Screenshot(t, ctx, "ai-agent-zendesk-refused")
	appSetValue(t, ctx, `#zendesk-api-token`, token)
	appClick(t, ctx, `[data-testid="ai-agent-form"] [data-testid="save"]`)
	adminToast(t, ctx, "Settings saved")
	appText(t, ctx, `[data-testid="zendesk-api-token-set"]`)
	a, err := storage.NewAISettings(env.DB, env.Keys, time.Now).Get(context.Background(), shopID)
	if err != nil || !a.Enabled || a.Handoff != storage.HandoffZendesk || !a.HasZendeskToken {
		t.Fatalf("saved: %+v, %v", a, err)
	}
	appScroll(t, ctx, `[data-testid="handoff-option-zendesk"]`)
	apptest.Screenshot(t, ctx, "ai-agent-zendesk-saved")

	// An article, on its own page.
	appClick(t, ctx, `[data-testid="article-new"]`)
	appSetValue(t, ctx, `#article-title`, "Shipping to Canada")
	appSetValue(t, ctx, `#article-body`, "We ship to Canada in 5 to 7 working days.\n\nDuties are paid by us at the border, so there is nothing more to pay on delivery.")
	appClick(t, ctx, `[data-testid="article-published"]`)
	apptest.Screenshot(t, ctx, "ai-agent-article")
	appClick(t, ctx, `[data-testid="article-form"] [data-testid="save"]`)
	adminToast(t, ctx, "Settings saved")
	appCount(t, ctx, `[data-testid="article-row"]`, 1)

	// An import: a file with a problem first, then a good one, previewed.
	dir := t.TempDir()
	bad, good := filepath.Join(dir, "old-helpdesk.csv"), filepath.Join(dir, "zendesk-export.csv")
	os.WriteFile(bad, []byte("type,question,answer\nfaq,Do you gift wrap?,Yes.\nfaq,,Free over $50.\n"), 0o644)
	os.WriteFile(good, []byte("\uFEFFtype,question,answer,published\r\nfaq,Do you gift wrap?,\"Yes, for $5.\r\nChoose it at checkout.\",true\r\n"+
		"article,Caring for wool,\"Wash cold, dry flat.\",true\r\nfaq,Can I pay later?,With Shop Pay Installments.,false\r\n"), 0o644)
	appClick(t, ctx, `[data-testid="import-open"]`)
	appUpload(t, ctx, `#import-file`, bad)
	appClick(t, ctx, `[data-testid="import-preview-button"]`)
	if got := appText(t, ctx, `[data-testid="import-problems"]`); !strings.Contains(got, "Row 3: the question is empty.") {
		t.Fatalf("problems: %q", got)
	}
	apptest.Screenshot(t, ctx, "ai-agent-import-problems")
	appUpload(t, ctx, `#import-file`, good)
	appClick(t, ctx, `[data-testid="import-preview-button"]`)
	appCount(t, ctx, `[data-testid="import-row"]`, 3)
	apptest.Screenshot(t, ctx, "ai-agent-import-preview")
	appClick(t, ctx, `[data-testid="import-confirm"]`)
	adminToast(t, ctx, "Import complete")
	appCount(t, ctx, `[data-testid="article-row"]`, 2)
	var faqs int
	if err := env.DB.Get(&faqs, `SELECT count(*) FROM faqs`); err != nil || faqs != 2 {
		t.Fatalf("imported FAQs: %d, %v", faqs, err)
	}
	apptest.Screenshot(t, ctx, "ai-agent-articles")

	// Deleting asks first.
	appClick(t, ctx, `[data-testid="article-row"]:first-child [data-testid="article-delete"]`)
	appText(t, ctx, `[data-testid="confirm-delete"]`)
	apptest.Screenshot(t, ctx, "ai-agent-article-delete")
	appClick(t, ctx, `[data-testid="confirm-delete-button"]`)
	adminToast(t, ctx, "Deleted")
	appCount(t, ctx, `[data-testid="article-row"]`, 1)

	// Try a question: the answer, its source with a link to edit it, the
	// confidence and no handoff.
	var articleID int64
	if err := env.DB.Get(&articleID, `SELECT id FROM knowledge_articles WHERE title = 'Shipping to Canada'`); err != nil {
		t.Fatal(err)
	}
	var products []struct {
		ID     int64  `db:"shopify_id"`
		Title  string `db:"title"`
		Handle string `db:"handle"`
		Price  string `db:"price"`
		Image  string `db:"image_url"`
	}
	if err := env.DB.Select(&products, `SELECT shopify_id, title, handle, price::text, image_url FROM products ORDER BY shopify_id LIMIT 2`); err != nil {
		t.Fatal(err)
	}
	answer := aiagent.Answer{Text: "We ship to Canada in 5 to 7 working days. Duties are paid by us at the border.",
		Confidence: 0.86, Intent: aiagent.IntentQuestion, Tag: aiagent.TagShipping,
		Sources: []aiagent.Source{{Kind: aiagent.SourceArticle, ID: strconv.FormatInt(articleID, 10), Title: "Shipping to Canada", Score: 6.4}}}
	for _, p := range products {
		answer.Cards = append(answer.Cards, aiagent.ProductCard{ProductID: p.ID, Title: p.Title, Handle: p.Handle, Price: p.Price, Currency: "USD", ImageURL: p.Image})
	}
	engine.set(answer)
	appSetValue(t, ctx, `#try-question`, "how long to canada?? do i pay customs")
	appClick(t, ctx, `[data-testid="try-ask"]`)
	if got := appText(t, ctx, `[data-testid="try-answer-text"]`); !strings.Contains(got, "We ship to Canada") {
		t.Fatalf("answer: %q", got)
	}
	if got := appText(t, ctx, `[data-testid="try-confidence"]`); !strings.Contains(got, "86% · high") {
		t.Fatalf("confidence: %q", got)
	}
	appCount(t, ctx, `[data-testid="try-card"]`, len(products))
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "ai-agent-try")

	// A question it would hand off, by pressing Enter in the question.
	engine.set(aiagent.Answer{Confidence: 0.12, Handoff: true, HandoffReason: "low confidence", Intent: aiagent.IntentQuestion, Tag: aiagent.TagOther})
	appSetValue(t, ctx, `#try-question`, "can you engrave my name on it")
	inApp(t, ctx, "to press Enter in the question", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SendKeys(chromedp.CSS(`#try-question`), "\r", chromedp.FromNode(frame))
	})
	apptest.Eventually(t, 10*time.Second, "the handoff to be shown", func() bool {
		got := appText(t, ctx, `[data-testid="try-handoff"]`)
		return strings.Contains(got, "Would hand off") && strings.Contains(got, "create a ticket in your Zendesk")
	})
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "ai-agent-try-handoff")
}
