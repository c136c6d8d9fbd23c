package app_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/app/apptest"
	"hubchat/storage"
)

// With the shop's model answering, the shopper's stream carries the answer
// as it is written — drafts that grow, each the text so far — and then the
// answer itself, which is all of it.
func TestTheModelsAnswerStreamsToTheShopper(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.TurnOnAIAgent(t, shippingFAQ)
	model := modelserver.Start("sk-stream-test")
	t.Cleanup(model.Close)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.NewAIEngines(env.DB, env.Keys, time.Now).Save(context.Background(), storage.AIEngineSettings{
		ShopID: shopID, Engine: storage.AIEngineOpenAI, BaseURL: model.URL, Model: "m"}, "sk-stream-test"); err != nil {
		t.Fatal(err)
	}
	pieces := []string{"Orders ", "arrive ", "in 3 to 5 ", "working days."}
	// Slower than the drafts' interval, so each piece shows.
	model.Reply(modelserver.Reply{Chunks: pieces, Delay: 250 * time.Millisecond})

	token := env.ShopperToken(t, 8302)
	stream := env.ShopperRequest(t, token, "GET", "/stream", nil)
	stream.Header.Set("Last-Event-ID", strconv.FormatInt(stateEventID(t, env, token), 10))
	events := apptest.Stream(t, stream)
	post := env.ShopperRequest(t, token, "POST", "/messages", map[string]string{
		"client_id": "00000000-0000-4000-8000-000000008302", "body": "how long does shipping take", "language": "en"})
	resp, err := http.DefaultClient.Do(post)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("the message: %v %v", resp, err)
	}
	resp.Body.Close()

	var drafts []string
	var question float64
	for answered := false; !answered; {
		select {
		case ev := <-events:
			switch {
			case ev.Kind == "message.created" && ev.Data["author"] == storage.AuthorShopper:
				question, _ = ev.Data["id"].(float64)
			case ev.Kind == storage.DraftKind:
				if ev.ID != 0 || ev.Data["reply_to"] == nil {
					t.Fatalf("draft %+v: want no id, and the message it answers", ev)
				}
				if question != 0 && ev.Data["reply_to"] != question {
					t.Fatalf("draft %+v answers another message than %v", ev, question)
				}
				drafts = append(drafts, ev.Data["text"].(string))
			case ev.Kind == "message.created" && ev.Data["author"] == storage.AuthorAI:
				if ev.Data["body"] != strings.Join(pieces, "") {
					t.Fatalf("the answer %q", ev.Data["body"])
				}
				answered = true
			}
		case <-time.After(30 * time.Second): // -race, beside the other tests, on few cores
			t.Fatalf("no answer; drafts %q; the answer's job: %s", drafts, aiAnswerJob(t, env))
		}
	}
	if len(drafts) < 2 {
		t.Fatalf("drafts %q: want the answer shown as it is written", drafts)
	}
	for i, d := range drafts {
		if !strings.HasPrefix(strings.Join(pieces, ""), d) || i > 0 && len(d) <= len(drafts[i-1]) {
			t.Fatalf("drafts %q: each must be the text so far, growing", drafts)
		}
	}
	var logged int
	if err := env.DB.Get(&logged, `SELECT count(*) FROM events WHERE kind = $1`, storage.DraftKind); err != nil || logged != 0 {
		t.Fatalf("%d drafts in the event log (%v)", logged, err)
	}
}
