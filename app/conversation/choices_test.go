package conversation_test

import (
	"slices"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/storage"
)

// An answer that asks "did you mean…?" is recorded as a choices message
// with its choices; the shopper's pick is an ordinary message, answered as
// any other, with the question in its history.
func TestAnAnswerWithChoicesIsRecordedAndAPickIsAMessage(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox})
	choices := []string{"Size guide", "Sizes of the Alpine parka"}
	f.engine.by["sizes?"] = aiagent.Answer{Text: "Did you mean:", Choices: choices, Confidence: 0.4,
		Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}
	f.engine.by["Size guide"] = aiagent.Answer{Text: "Our tops follow US sizing.", Confidence: 0.9,
		Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}
	res := f.say(t, "sizes?")
	f.runAnswers(t)
	msgs := f.messages(t, res.Conversation.ID)
	asked := msgs[len(msgs)-1]
	if asked.Author != storage.AuthorAI || asked.Kind != storage.KindChoices || asked.Body != "Did you mean:" ||
		!slices.Equal(asked.Choices, choices) {
		t.Fatalf("the agent's message %+v: want a choices message with %q", asked, choices)
	}
	c, _ := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
	if !c.AIAnswering || c.Handoff != storage.HandoffNone || c.HandoffOfferedAt != nil {
		t.Fatalf("asking which one hands nothing off: %+v", c)
	}

	f.say(t, choices[0]) // the button sends its text as the shopper's message
	f.runAnswers(t)
	msgs = f.messages(t, res.Conversation.ID)
	last := msgs[len(msgs)-1]
	if len(msgs) != 4 || msgs[2].Author != storage.AuthorShopper || msgs[2].Body != choices[0] ||
		last.Body != "Our tops follow US sizing." || last.Kind != storage.KindText || len(last.Choices) != 0 {
		t.Fatalf("after the pick: %+v", msgs)
	}
	q := f.engine.asked[len(f.engine.asked)-1]
	if q.Text != choices[0] || len(q.History) != 2 || q.History[1].Text != "Did you mean:" {
		t.Fatalf("the pick was asked as %+v", q)
	}
}
