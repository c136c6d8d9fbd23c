package app_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// shippingFAQ is what the agent answers shipping questions from.
var shippingFAQ = [2]string{"How long does shipping take?", "Orders arrive in 3 to 5 working days."}

// The shopper's message is acknowledged, and the instance dies before its
// agent answers: another instance answers it, once, live on the shopper's
// stream. (The answer's work is queued with the message, in its
// transaction.)
func TestAnAnswerSurvivesTheInstanceThatTookTheMessage(t *testing.T) {
	t.Parallel()
	first := apptest.Start(t, apptest.Options{NoWorker: true})
	first.Install(t)
	first.TurnOnAIAgent(t, shippingFAQ)
	token := first.ShopperToken(t, 8301)
	position := stateEventID(t, first, token)
	post := first.ShopperRequest(t, token, "POST", "/messages", map[string]string{
		"client_id": "00000000-0000-4000-8000-000000008301", "body": "how many days until my parcel arrives?", "language": "en"})
	resp, err := http.DefaultClient.Do(post)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("the message: %v %v", resp, err)
	}
	var answer struct {
		Conversation struct {
			ID          int64 `json:"id"`
			AIAnswering bool  `json:"ai_answering"`
		} `json:"conversation"`
	}
	json.NewDecoder(resp.Body).Decode(&answer)
	resp.Body.Close()
	if !answer.Conversation.AIAnswering || countAI(t, first, answer.Conversation.ID) != 0 {
		t.Fatalf("acknowledged %+v; want the agent to answer, later", answer)
	}

	second := apptest.Start(t, apptest.Options{Share: first})
	stream := second.ShopperRequest(t, token, "GET", "/stream", nil)
	stream.Header.Set("Last-Event-ID", strconv.FormatInt(position, 10))
	events := apptest.Stream(t, stream)
	for {
		// Within 30 s: the second instance starts its worker on the whole
		// install's queue, on a machine busy with the other tests.
		ev, ok := apptest.NextWithin(events, "message.created", 30*time.Second)
		if !ok {
			t.Fatalf("no answer on the stream within 30 s; the answer's job: %s, the agent's messages: %d",
				aiAnswerJob(t, first), countAI(t, first, answer.Conversation.ID))
		}
		if ev.Data["author"] == storage.AuthorAI {
			if ev.Data["body"] == nil || ev.Data["body"] == "" {
				t.Fatalf("the agent's answer is empty: %+v", ev)
			}
			break
		}
	}
	second.WaitForJobs(t)
	if n := countAI(t, first, answer.Conversation.ID); n != 1 {
		t.Fatalf("%d answers from the agent, want 1", n)
	}
}

// aiAnswerJob describes the AI answer jobs' state, for a failure message.
func aiAnswerJob(t *testing.T, env *apptest.Env) string {
	t.Helper()
	var rows []struct {
		Status   string `db:"status"`
		Attempts int    `db:"attempts"`
		Age      string `db:"age"`
		LastErr  string `db:"last_error"`
	}
	if err := env.DB.Select(&rows, `SELECT status, attempts, (now() - created_at)::text AS age, coalesce(last_error, '') AS last_error
		FROM jobs WHERE kind = 'ai.answer'`); err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%+v", rows)
}

func countAI(t *testing.T, env *apptest.Env, convID int64) int {
	t.Helper()
	var n int
	if err := env.DB.Get(&n, `SELECT count(*) FROM messages WHERE conversation_id = $1 AND author = 'ai'`, convID); err != nil {
		t.Fatal(err)
	}
	return n
}

// stateEventID is the event log position the shopper's state is current to.
func stateEventID(t *testing.T, env *apptest.Env, token string) int64 {
	t.Helper()
	resp, err := http.DefaultClient.Do(env.ShopperRequest(t, token, "GET", "/state", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var st struct {
		EventID int64 `json:"event_id"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(body, &st) != nil {
		t.Fatalf("state: %d %s", resp.StatusCode, body)
	}
	return st.EventID
}
