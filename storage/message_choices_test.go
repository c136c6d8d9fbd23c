package storage_test

import (
	"encoding/json"
	"slices"
	"testing"

	"hubchat/storage"
)

// The agent's "did you mean…?" is stored as a choices message with its
// choices, read back with the conversation and sent in its event; other
// messages carry an empty list, never null.
func TestAnAIReplyWithChoicesIsStoredWithThem(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	res := f.aiPost(t, "sizes")
	choices := []string{"Size guide", "Sizes of the Alpine parka"}
	m := f.aiReply(t, res, storage.AIReply{Body: "Did you mean:", Kind: storage.KindChoices, Choices: choices})
	if m.Kind != storage.KindChoices || !slices.Equal(m.Choices, choices) {
		t.Fatalf("stored %q %q", m.Kind, m.Choices)
	}
	msgs, err := f.convs.Messages(f.ctx, f.shopID, res.Conversation.ID)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("messages %+v, %v", msgs, err)
	}
	if !slices.Equal(msgs[1].Choices, choices) || msgs[0].Choices == nil {
		t.Fatalf("read back: shopper's %#v, agent's %#v", msgs[0].Choices, msgs[1].Choices)
	}
	var payload string
	if err := f.db.Get(&payload, `SELECT payload::text FROM events WHERE conversation_id = $1 AND kind = 'message.created' AND payload->>'id' = $2::text`,
		res.Conversation.ID, m.ID); err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Kind    string   `json:"kind"`
		Choices []string `json:"choices"`
	}
	if err := json.Unmarshal([]byte(payload), &ev); err != nil || ev.Kind != storage.KindChoices || !slices.Equal(ev.Choices, choices) {
		t.Fatalf("event payload %s: %v", payload, err)
	}
	shopper, _ := json.Marshal(msgs[0])
	var raw map[string]json.RawMessage
	json.Unmarshal(shopper, &raw)
	if string(raw["choices"]) != "[]" {
		t.Fatalf("a text message's choices are %s, want []", raw["choices"])
	}
}
