package storefront_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"hubchat/storage"
)

// A FAQ the shopper opens in the hub is recorded once for their
// conversation's story: the welcome and the read come first in the
// conversation their next message starts. Another shop's FAQ, a draft or
// no FAQ at all is refused with a reason and records nothing.
func TestAFAQReadJoinsTheStoryOfTheNextConversation(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	ctx := context.Background()
	e.settings(func(cs *storage.ChatSettings) {
		cs.WelcomeMessage, cs.LoginStatus = "  Hi there! Ask us anything.  ", "all"
	})
	faqs := storage.NewFAQs(e.DB, time.Now)
	mine, err := faqs.Create(ctx, e.shopID, "How long does shipping take?", "3 to 5 days.", true)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := faqs.Create(ctx, e.shopID, "A draft", "Not yet.", false)
	if err != nil {
		t.Fatal(err)
	}
	other, err := storage.NewShops(e.DB, e.Keys, time.Now).Install(ctx, "other.myshopify.com", storage.OfflineToken{AccessToken: "shpat_other"})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := faqs.Create(ctx, other.ID, "Their question", "Their answer.", true)
	if err != nil {
		t.Fatal(err)
	}
	_, jane := e.session("8101")

	for name, c := range map[string]struct {
		body   any
		status int
		error  string
	}{
		"another shop's FAQ": {map[string]int64{"faq_id": theirs.ID}, 404, "This FAQ is not one of the store's."},
		"a draft":            {map[string]int64{"faq_id": draft.ID}, 404, "This FAQ is not one of the store's."},
		"no FAQ":             {map[string]string{}, 422, "Say which FAQ was read: faq_id is the id of one of the store's FAQs."},
	} {
		resp, body := e.api(jane.Token, "POST", "/api/storefront/faq-reads", c.body)
		if resp.StatusCode != c.status || !jsonHasError(body, c.error) {
			t.Errorf("%s: %d %s, want %d %q", name, resp.StatusCode, body, c.status, c.error)
		}
	}
	if n := e.count(`SELECT count(*) FROM thread_events`); n != 0 {
		t.Fatalf("%d reads stored from refused requests", n)
	}

	for range 3 { // the shopper opens it again and again
		if resp, body := e.api(jane.Token, "POST", "/api/storefront/faq-reads", map[string]int64{"faq_id": mine.ID}); resp.StatusCode != 204 {
			t.Fatalf("a read: %d %s", resp.StatusCode, body)
		}
	}
	if status, _ := e.send(jane.Token, clientID(), "Where is my parcel?"); status != 201 {
		t.Fatalf("send: %d", status)
	}
	var story []struct {
		Kind string `db:"kind"`
		Text string `db:"text"`
	}
	err = e.DB.Select(&story, `SELECT kind, text FROM thread_events WHERE conversation_id = (SELECT id FROM conversations)
		ORDER BY occurred_at, kind <> 'welcome', id`)
	if err != nil {
		t.Fatal(err)
	}
	if len(story) != 2 || story[0].Text != "Hi there! Ask us anything." || story[1].Kind != "faq_read" || story[1].Text != mine.Question {
		t.Fatalf("story %+v, want the welcome as shown, then the FAQ read once", story)
	}

	// A visitor who may only read FAQs (everyone may chat, the AI agent is
	// off) has no conversation to tell of: nothing is recorded.
	_, reader := e.session("")
	if resp, body := e.api(reader.Token, "POST", "/api/storefront/faq-reads", map[string]int64{"faq_id": mine.ID}); resp.StatusCode != 204 {
		t.Fatalf("a visitor's read: %d %s, want 204", resp.StatusCode, body)
	}
	if n := e.count(`SELECT count(*) FROM thread_events`); n != 2 {
		t.Fatalf("%d thread events after a visitor's read, want the 2 of the story", n)
	}
}

// jsonHasError says body is a JSON error answer saying want.
func jsonHasError(body []byte, want string) bool {
	var out struct {
		Error string `json:"error"`
	}
	return json.Unmarshal(body, &out) == nil && out.Error == want
}
