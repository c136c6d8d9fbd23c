package admin_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/apptest"
	"hubchat/storage"
)

// heldEngine answers no question before the test ends. The story's AI
// replies are the test's own; the app's agent, asked by the same posts,
// answered them first now and then on a busy machine (its reply stored,
// the test's refused as a second answer to the same message).
type heldEngine struct{ release chan struct{} }

func (e heldEngine) Answer(ctx context.Context, _ int64, _ aiagent.Question) (aiagent.Answer, error) {
	select {
	case <-e.release:
	case <-ctx.Done():
	}
	return aiagent.Answer{}, errors.New("the test has ended")
}

// storyKinds are the kinds of a rendered thread's lines, in order.
var storyKind = regexp.MustCompile(`data-kind="([a-z_]+)"`)

func storyKinds(html string) string {
	var kinds []string
	for _, m := range storyKind.FindAllStringSubmatch(html, -1) {
		kinds = append(kinds, m[1])
	}
	return strings.Join(kinds, " ")
}

// A ticket the AI agent handed to the team tells the whole story, in time
// order: the welcome the shopper was greeted with, the FAQ they read, the
// agent's transcript with its card and choices, the handoff, the automatic
// reply; then the team. Everything automatic is labelled, muted and
// described for screen readers; what people typed is not. The dashboard's
// read-only thread tells the same story.
func TestATicketTellsTheWholeStoryMarkedAutomatic(t *testing.T) {
	t.Parallel()
	held := heldEngine{release: make(chan struct{})}
	e := startTicketWith(t, apptest.Options{Engine: held})
	t.Cleanup(func() { close(held.release) }) // before the app stops: cleanups run last first
	ctx := context.Background()
	p, err := storage.NewProfiles(e.DB, time.Now).ForCustomer(ctx, e.shopID, 7002)
	if err != nil {
		t.Fatal(err)
	}
	faq, err := storage.NewFAQs(e.DB, time.Now).Create(ctx, e.shopID, "Do you ship to Canada?", "Yes, in 5 days.", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.convs.RecordFAQRead(ctx, e.shopID, p.ID, faq.ID); err != nil {
		t.Fatal(err)
	}
	post := func(n int, body string) storage.PostResult {
		res, err := e.convs.PostFromShopper(ctx, e.shopID, p.ID, storage.ShopperPost{ClientID: fmt.Sprintf("b0000000-0000-4000-8000-%012d", n),
			Body: body, Preview: body, AIAnswers: true, Welcome: "Hi! We answer within minutes."})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first := post(1, "Which jacket for rain?")
	c := first.Conversation
	if _, err := e.convs.RecordAIReply(ctx, e.shopID, c.ID, storage.AIReply{ReplyTo: first.Message.ID, Body: "Did you mean…",
		Kind: storage.KindChoices, Choices: []string{"Summit Rain Shell", "Trail Poncho"},
		Cards: []storage.Card{{ProductID: 8002, Title: "Summit Rain Shell", Price: "149.00", Currency: "USD"}}}); err != nil {
		t.Fatal(err)
	}
	second := post(2, "I want a person")
	if _, err := e.convs.RecordAIReply(ctx, e.shopID, c.ID, storage.AIReply{ReplyTo: second.Message.ID,
		Body: "Would you like to talk to a person?", Kind: storage.KindHandoffOffer}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.convs.AnswerHandoffOffer(ctx, e.shopID, p.ID, c.ID, storage.HandoffAnswer{Accept: true, AutoReply: "One moment, please."}); err != nil {
		t.Fatal(err)
	}

	_, thread := e.get(fmt.Sprintf("/app/tickets/%d/thread", c.ID))
	want := "welcome faq_read shopper ai shopper ai handoff system"
	if got := storyKinds(thread); got != want {
		t.Fatalf("the thread tells %q, want %q:\n%s", got, want, thread)
	}
	for _, part := range []string{"Hi! We answer within minutes.", "Read FAQ: Do you ship to Canada?", "Summit Rain Shell", "Trail Poncho",
		"The shopper asked for a person: handed to the team", `<span class="visually-hidden">Automatic welcome message the shopper saw</span>`,
		`<span class="visually-hidden">Automatic message from the AI agent</span>`, `<span class="visually-hidden">Automatic reply</span>`} {
		if !strings.Contains(thread, part) {
			t.Errorf("the thread lacks %q", part)
		}
	}
	if n, want := strings.Count(thread, "message--automatic"), 4; n != want { // the welcome, two answers, the reply
		t.Errorf("%d automatic bubbles, want %d", n, want)
	}
	shoppers := regexp.MustCompile(`<li class="message message--shopper[^"]*"`).FindAllString(thread, -1)
	if len(shoppers) != 2 || strings.Contains(strings.Join(shoppers, ""), "automatic") {
		t.Errorf("the shopper's messages: %q, want their two, not marked automatic", shoppers)
	}

	_, dashboard := e.get(fmt.Sprintf("/app/dashboard/conversations/%d", c.ID))
	if got := storyKinds(dashboard); got != want {
		t.Fatalf("the dashboard's thread tells %q, want the ticket's %q", got, want)
	}
}
