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

// A signed-in customer opens the hub, picks an FAQ, chats with the team
// live, sees the reply seen on the agent's side, ends the chat and starts a
// new one.
func TestSignedInCustomerChatsLive(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	e.settings(t, func(cs *storage.ChatSettings) { cs.OfficeHours = allWeek })
	storage.NewFAQs(e.DB, time.Now).Create(context.Background(), e.shopID, "Do you ship abroad?", "Yes, to 40 countries.", true)
	ctx := apptest.Browser(t)

	e.signIn(t, ctx, "/products/trailhead-merino-hoodie")
	apptest.Screenshot(t, ctx, "storefront-launcher")
	openChat(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.hc-thread .hc-chip`))); err != nil {
		t.Fatalf("pick the FAQ: %v", err)
	}
	threadText(t, ctx, "Yes, to 40 countries.")

	// Live chat with the team: the first message opens a ticket and gets
	// the office-hours reply.
	sendByButton(t, ctx, "Where is my order? <b>now</b>")
	threadText(t, ctx, "One moment, a member of our team will be with you shortly.")
	apptest.Screenshot(t, ctx, "storefront-chat")
	var convID int64
	if err := e.DB.Get(&convID, `SELECT id FROM conversations WHERE status = 'open'`); err != nil {
		t.Fatalf("no ticket opened: %v", err)
	}

	// An agent replies: it appears without a reload, and once displayed it
	// is marked seen for the agent.
	agent, _ := storage.NewAgents(e.DB, time.Now).Seen(context.Background(), e.shopID, 9001)
	storage.NewAgents(e.DB, time.Now).Name(context.Background(), e.shopID, agent.ID, storage.AgentName{FirstName: "Alex"})
	reply, err := storage.NewConversations(e.DB, time.Now).PostFromAgent(context.Background(), e.shopID, convID, agent.ID, storage.AgentReply{ClientID: "c0000000-0000-4000-8000-000000000001", Body: "It ships today!", Preview: "It ships today!"})
	if err != nil {
		t.Fatal(err)
	}
	threadText(t, ctx, "It ships today!")
	apptest.Eventually(t, 10*time.Second, "the reply to be marked seen", func() bool {
		var seen bool
		e.DB.Get(&seen, `SELECT seen_at IS NOT NULL FROM messages WHERE id = $1`, reply.ID)
		return seen
	})
	apptest.Screenshot(t, ctx, "storefront-reply")

	// The shopper's markup is text, never HTML.
	bold, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.hc-thread b').length`))
	if err != nil || bold != 0 {
		t.Fatalf("the shopper's <b> became an element (%d, %v)", bold, err)
	}

	// End the chat: it is closed for good, and the next message opens a new
	// conversation.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.hc-end`)),
		chromedp.Click(chromedp.CSS(`.hc-confirm .hc-btn--danger`)),
	)
	if err != nil {
		t.Fatalf("end the chat: %v", err)
	}
	apptest.Eventually(t, 10*time.Second, "the conversation to close", func() bool {
		var status string
		e.DB.Get(&status, `SELECT status FROM conversations WHERE id = $1`, convID)
		return status == "closed"
	})
	send(t, ctx, "One more question")
	apptest.Eventually(t, 10*time.Second, "a new conversation", func() bool {
		var n int
		e.DB.Get(&n, `SELECT count(*) FROM conversations WHERE status = 'open' AND id <> $1`, convID)
		return n == 1
	})
	if text := threadText(t, ctx, "One more question"); strings.Contains(text, "It ships today!") {
		t.Fatal("the ended conversation's history is still shown")
	}
}
