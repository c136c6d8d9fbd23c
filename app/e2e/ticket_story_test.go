package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// readFAQ clicks the Chat tab's chip of the FAQ question, and waits until
// the thread shows its answer and hubchat has recorded n reads.
func (e shopEnv) readFAQ(t *testing.T, ctx context.Context, question, answer string, n int) {
	t.Helper()
	click := `(q => { const b = [...document.querySelectorAll('.hc-intro .hc-chip')].find(b => b.textContent === q); if (b) b.click(); return !!b; })(` + jsString(question) + `)`
	apptest.Eventually(t, 15*time.Second, "the FAQ "+question+" to be read", func() bool {
		if clicked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](click)); err != nil || !clicked {
			return false
		}
		var reads int
		e.DB.Get(&reads, `SELECT count(*) FROM thread_events WHERE kind = 'faq_read'`)
		return reads == n
	})
	threadText(t, ctx, answer)
}

// storyKinds are the kinds of the ticket thread's lines, in order.
func storyKinds(t *testing.T, ctx context.Context) string {
	t.Helper()
	nodes := inApp(t, ctx, "the ticket's thread", func(frame *chromedp.Node) chromedp.Action[[]*chromedp.Node] {
		return chromedp.Nodes(chromedp.CSSAll(`[data-testid="ticket-thread"] [data-kind]`), chromedp.FromNode(frame))
	})
	var kinds []string
	for _, n := range nodes {
		kinds = append(kinds, n.AttributeValue("data-kind"))
	}
	return strings.Join(kinds, " ")
}

// A shopper opens the hub, reads a FAQ, talks to the AI agent and asks for
// a person; the agent opening the ticket reads the whole story in order:
// the welcome, the FAQ read, the AI agent's transcript with its product
// card, the handoff, then the shopper's request, everything automatic
// labelled as such. A FAQ the shopper reads while the agent looks arrives
// live.
func TestTheTicketTellsTheShoppersWholeStory(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	e.settings(t, func(cs *storage.ChatSettings) { cs.WelcomeMessage = "Hi! Ask us anything about your order." })
	e.aiOn(t, storage.AISettings{Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{})
	faqs := storage.NewFAQs(e.DB, time.Now)
	shipping := "Standard shipping takes 3 to 5 business days."
	for q, a := range map[string]string{"How long does shipping take?": shipping, "Can I return an item?": "Yes, within 30 days."} {
		if _, err := faqs.Create(context.Background(), e.shopID, q, a, true); err != nil {
			t.Fatal(err)
		}
	}
	shopper := apptest.Browser(t)
	e.signIn(t, shopper, "/")
	openChat(t, shopper)
	e.readFAQ(t, shopper, "How long does shipping take?", shipping, 1)

	ask(t, shopper, "do you have rain jackets?", "Summit Rain Shell")
	ask(t, shopper, unanswerable, "Would you like to talk to a person from our team?")
	if err := chromedp.Do(shopper, chromedp.Click(chromedp.CSS(`.hc-choices .hc-btn:first-child`))); err != nil {
		t.Fatal(err)
	}
	shown(t, shopper, ".hc-handed", 1)
	request := "Can someone check whether it comes in XL?"
	send(t, shopper, request)
	threadText(t, shopper, request)

	admin := apptest.Browser(t)
	if err := chromedp.Do(admin, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, request)
	want := "welcome faq_read shopper ai shopper ai handoff shopper"
	if got := storyKinds(t, admin); got != want {
		t.Fatalf("the thread tells %q, want %q", got, want)
	}
	thread := tkText(t, admin, `[data-testid="ticket-thread"]`)
	for _, line := range []string{"Hi! Ask us anything about your order.", "Read FAQ: How long does shipping take?",
		"do you have rain jackets?", "Summit Rain Shell", "The shopper asked for a person: handed to the team", request,
		"Automatic welcome message the shopper saw", "Automatic message from the AI agent"} {
		if !strings.Contains(thread, line) {
			t.Errorf("the thread lacks %q:\n%s", line, thread)
		}
	}
	// Five lines labelled automatic (the welcome, the read, two answers, the
	// handoff); the shopper's three messages are not.
	tkCount(t, admin, `[data-testid="ticket-thread"] [data-testid="message-automatic"]`, 5)
	tkCount(t, admin, `[data-testid="ticket-thread"] .message--shopper:not(.message--automatic)`, 3)
	apptest.Screenshot(t, admin, "ticket-story")

	e.readFAQ(t, shopper, "Can I return an item?", "Yes, within 30 days.", 2)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "Read FAQ: Can I return an item?")
	if got := storyKinds(t, admin); got != want+" faq_read" {
		t.Fatalf("after a live read the thread tells %q", got)
	}
	apptest.Screenshot(t, admin, "ticket-story-live-read")
	inApp(t, admin, "the story's start to scroll into view", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.ScrollIntoView(chromedp.CSS(`[data-kind="welcome"]`), chromedp.FromNode(frame))
	})
	apptest.Screenshot(t, admin, "ticket-story-start")

	// The dashboard's read-only thread tells the same story.
	var id int64
	if err := e.DB.Get(&id, `SELECT id FROM conversations`); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(admin, chromedp.Navigate(fmt.Sprintf("%s/dashboard/conversations/%d", e.Shopify.AppHomeURL(), id))); err != nil {
		t.Fatal(err)
	}
	appText(t, admin, `[data-testid="dashboard-thread"]`)
	if got := storyKinds(t, admin); got != want+" faq_read" {
		t.Fatalf("the dashboard's thread tells %q, want the ticket's", got)
	}
	apptest.Screenshot(t, admin, "dashboard-story")
}
