package conversation_test

import (
	"testing"

	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/storage"
)

// A shopper's photo while the AI agent answers: the engine, which reads
// text, is not asked; the agent offers a person, who can look at it. The
// image is stored with the message, and the inbox's preview says what it is.
func TestAnImageToTheAgentOffersAPerson(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox})
	u, err := storage.NewUpload("image/png", []byte("\x89PNG\r\n\x1a\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.core.PostFromShopper(f.ctx, conversation.ShopperMessage{ShopID: f.shopID, ProfileID: f.prof.ID,
		ClientID: "00000000-0000-4000-8000-900000000001", Language: "en", Uploads: []storage.Upload{u},
		Attachments: []storage.Attachment{{URL: "https://app.example/media/" + u.ID, ContentType: "image/png", Width: 4, Height: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Conversation.LastMessagePreview != "Sent an image" || len(res.Message.Attachments) != 1 {
		t.Fatalf("posted %+v / %+v", res.Conversation, res.Message)
	}
	f.runAnswers(t)
	msgs := f.messages(t, res.Conversation.ID)
	if last := msgs[len(msgs)-1]; last.Kind != storage.KindHandoffOffer || len(f.engine.asked) != 0 {
		t.Fatalf("last message %+v, engine asked %+v: want the offer of a person, the engine not asked", last, f.engine.asked)
	}
}
