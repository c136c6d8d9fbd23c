package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// A conversation the AI agent handed to the team shows the whole story on
// its ticket page: the shopper's question, the agent's answer with its
// product card (linking to the product in the Shopify admin), the offer of a
// person and the automatic reply, marked as the agent's and automatic; the
// team changes the topic the agent gave it.
func TestAHandedOffTicketShowsTheAgentsTranscript(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := context.Background()
	e.TurnOnAIAgent(t)
	p, err := storage.NewProfiles(e.DB, time.Now).ForCustomer(ctx, e.shopID, 7001)
	if err != nil {
		t.Fatal(err)
	}
	convs := storage.NewConversations(e.DB, time.Now)
	posted, err := convs.PostFromShopper(ctx, e.shopID, p.ID, storage.ShopperPost{ClientID: "00000000-0000-4000-8000-000000007001",
		Body: "Is the merino hoodie warm enough for winter?", Preview: "Is the merino hoodie warm enough for winter?", AIAnswers: true})
	if err != nil {
		t.Fatal(err)
	}
	c := posted.Conversation
	if _, err := convs.RecordAIReply(ctx, e.shopID, c.ID, storage.AIReply{ReplyTo: posted.Message.ID,
		Body: "This one is made for the cold:", Tag: "product_question",
		Cards: []storage.Card{{ProductID: 8101, Title: "Trailhead Merino Hoodie", Price: "89.00", Currency: "USD", URL: "/apps/hubchat/click?l=x"}},
	}); err != nil {
		t.Fatal(err)
	}
	second, err := convs.PostFromShopper(ctx, e.shopID, p.ID, storage.ShopperPost{ClientID: "00000000-0000-4000-8000-000000007002",
		Body: "Can someone check my size?", Preview: "Can someone check my size?", AIAnswers: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := convs.RecordAIReply(ctx, e.shopID, c.ID, storage.AIReply{ReplyTo: second.Message.ID,
		Body: "Would you like to talk to a person from our team?", Kind: storage.KindHandoffOffer}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := convs.AnswerHandoffOffer(ctx, e.shopID, p.ID, c.ID, storage.HandoffAnswer{Accept: true,
		AutoReply: "One moment, a member of our team will be with you shortly."}); err != nil {
		t.Fatal(err)
	}

	admin := apptest.Browser(t)
	if err := chromedp.Do(admin, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "This one is made for the cold:")
	thread := tkText(t, admin, `[data-testid="ticket-thread"]`)
	for _, want := range []string{"Is the merino hoodie warm enough for winter?", "AI agent", "Trailhead Merino Hoodie",
		"Would you like to talk to a person", "Automatic", "One moment, a member of our team"} {
		if !strings.Contains(thread, want) {
			t.Errorf("the thread lacks %q:\n%s", want, thread)
		}
	}
	if got := tkValue(t, admin, `[data-testid="ticket-tag"]`); got != "product_question" {
		t.Fatalf("topic %q, want the agent's product_question", got)
	}
	apptest.Screenshot(t, admin, "ticket-ai-handoff")

	tkType(t, admin, `[data-testid="ticket-tag"]`, "s") // the keyboard picks Shipping
	apptest.Eventually(t, 10*time.Second, "the topic saved", func() bool {
		var tag string
		e.DB.Get(&tag, `SELECT coalesce(tag, '') FROM conversations WHERE id = $1`, c.ID)
		return tag == "shipping"
	})
	tkWaitText(t, admin, `#ticket-alert`, "Topic saved")
}
