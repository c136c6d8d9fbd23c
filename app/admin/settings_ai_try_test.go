package admin_test

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/conversation"
	"hubchat/storage"
)

// With no engine named, the app runs the built-in one: the panel answers a
// question in the shopper's words from the shop's own FAQ.
func TestTryYourAgentWithTheBuiltInEngine(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	ctx := context.Background()
	if _, err := storage.NewFAQs(e.DB, time.Now).Create(ctx, e.shopID, "How long does shipping take?",
		"Orders arrive in 3 to 5 working days.", true); err != nil {
		t.Fatal(err)
	}
	resp, body := e.post(aiPath+"/try", url.Values{"question": {"how many days until my parcel arrives"}}, true)
	wantStatus(t, "try", resp, body, 200)
	if !strings.Contains(body, "3 to 5 working days") || !strings.Contains(body, "How long does shipping take?") {
		t.Fatalf("the built-in engine's answer to a paraphrase, with its source:\n%.3000s", body)
	}
}

// The panel shows the engine's answer, its sources with links to edit the
// merchant's own FAQ and article, the confidence, the product cards, and
// whether and why it would hand off, with what the handoff setting does.
func TestTryYourAgentShowsTheAnswer(t *testing.T) {
	t.Parallel()
	engine := &scriptedEngine{answers: map[string]aiagent.Answer{}}
	e := startAI(t, engine)
	ctx := context.Background()
	faq, _ := storage.NewFAQs(e.DB, time.Now).Create(ctx, e.shopID, "Do you ship abroad?", "Yes, to 40 countries.", true)
	article, _ := storage.NewArticles(e.DB, time.Now).Create(ctx, e.shopID, "Shipping times", "5 working days.", true)
	engine.answers["does it go to canada"] = aiagent.Answer{
		Text: "Yes, to 40 countries, <Canada> included.", Confidence: 0.834, Intent: aiagent.IntentQuestion, Tag: aiagent.TagShipping,
		Sources: []aiagent.Source{
			{Kind: aiagent.SourceFAQ, ID: fmt.Sprint(faq.ID), Title: faq.Question, Score: 7.25},
			{Kind: aiagent.SourceArticle, ID: fmt.Sprint(article.ID), Title: article.Title, Score: 3.5},
			{Kind: aiagent.SourcePolicy, ID: "shipping", Title: "Shipping policy", Score: 1},
		},
		Cards: []aiagent.ProductCard{{ProductID: 7, Title: "Wool hoodie", Handle: "wool-hoodie", Price: "89.00", Currency: "USD",
			ImageURL: "https://cdn.example.com/hoodie.jpg"}},
	}
	if _, err := storage.NewAISettings(e.DB, e.Keys, time.Now).Save(ctx, storage.AISettings{ShopID: e.shopID,
		Handoff: storage.HandoffCustomMessage, CustomMessage: "Email us at help@example.com."}, storage.HelpdeskSecrets{}); err != nil {
		t.Fatal(err)
	}

	resp, frag := e.post(aiPath+"/try", url.Values{"question": {" does it go to canada "}, "language": {"es"}}, true)
	wantStatus(t, "try", resp, frag, 200)
	text := html.UnescapeString(frag)
	for _, want := range []string{
		`<div id="try-result"`, "Yes, to 40 countries, <Canada> included.", "83% · high",
		fmt.Sprintf(`href="/app/settings/faqs/%d">Do you ship abroad?</a>`, faq.ID),
		fmt.Sprintf(`href="/app/settings/ai-agent/articles/%d">Shipping times</a>`, article.ID),
		"<span>Shipping policy</span>", "score 7.25", "Would answer", "topic: shipping",
		"Wool hoodie", "$89.00", `src="https://cdn.example.com/hoodie.jpg"`, "/products/wool-hoodie",
	} {
		if !strings.Contains(text, want) {
			t.Fatalf("the answer lacks %q:\n%s", want, frag)
		}
	}
	if strings.Contains(frag, "<Canada>") {
		t.Fatal("the answer's text is not escaped")
	}
	if got := fmt.Sprint(engine.questions()); got != fmt.Sprintf("[%d:es:does it go to canada]", e.shopID) {
		t.Fatalf("the engine was asked %s", got)
	}

	// A question it cannot answer: a handoff, with the reason and what the
	// shop's handoff does. Without htmx, the whole page with the answer.
	resp, page := e.post(aiPath+"/try", url.Values{"question": {"Is the moon made of cheese?"}}, false)
	wantStatus(t, "handoff", resp, page, 200)
	text = html.UnescapeString(page)
	for _, want := range []string{`data-testid="ai-agent-form"`, "Would hand off", "Low confidence.", "10% · low",
		"it would show your message: “Email us at help@example.com.”", `value="Is the moon made of cheese?"`} {
		if !strings.Contains(text, want) {
			t.Fatalf("the handoff lacks %q:\n%.6000s", want, page)
		}
	}

	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"  "}}, true)
	wantStatus(t, "empty", resp, frag, 422)
	wantTryError(t, frag, "Enter a question, as a shopper would ask it.")
	engine.fail = errors.New("index not loaded")
	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"does it go to canada"}}, true)
	wantStatus(t, "engine failed", resp, frag, 503)
	wantTryError(t, frag, "The agent could not answer just now.")
}

// wantTryError fails unless the panel's answer area, alone, says message
// as the question's error.
func wantTryError(t *testing.T, frag, message string) {
	t.Helper()
	if !strings.HasPrefix(frag, `<div id="try-result"`) || !strings.Contains(frag, `data-testid="error-try-question"`) ||
		!strings.Contains(frag, message) || strings.Contains(frag, `data-testid="try-answer"`) {
		t.Fatalf("the panel does not say %q:\n%s", message, frag)
	}
}

// A Zendesk or Gorgias handoff whose ticket could not be made is listed on
// the page with why, stopped or to be tried again.
func TestFailedHandoffsAreShown(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	// As the job queue leaves them: one parked, one waiting to be tried
	// again in an hour (out of the running app's worker's reach).
	for i, status := range []string{"parked", "queued"} {
		e.DB.MustExec(`INSERT INTO jobs (kind, shop_id, payload, status, attempts, max_attempts, run_at, last_error,
			created_at, updated_at, finished_at)
			VALUES ($1, $2, $3, $4, 1, 10, now() + interval '1 hour', $5, now(), now(), CASE WHEN $4 = 'parked' THEN now() END)`,
			conversation.JobExternalHandoff, e.shopID, fmt.Sprintf(`{"conversation_id": %d}`, 100+i), status,
			fmt.Sprintf("zendesk: failure %d: The email and API token were not accepted by Zendesk.", i))
	}
	_, page := e.page(aiPath)
	if strings.Count(page, `data-testid="handoff-problem"`) != 2 || !strings.Contains(page, "Stopped") ||
		!strings.Contains(page, "Will try again") || !strings.Contains(page, "were not accepted by Zendesk") {
		t.Fatalf("the page does not list both failed handoffs:\n%.4000s", page)
	}
}
