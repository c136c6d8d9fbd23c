package storefront

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/storage"
)

// postAnswer is the answer to a sent message (docs/chat-api.md).
type postAnswer struct {
	Message      storage.Message   `json:"message"`
	Conversation conversationRef   `json:"conversation"`
	Automatic    []storage.Message `json:"automatic"`
}

type conversationRef struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	// AIAnswering says the AI agent will answer (the widget shows it typing).
	AIAnswering bool `json:"ai_answering"`
}

// PostMessage serves POST /api/storefront/messages.
func (h *Handlers) PostMessage(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	var in struct {
		ClientID string `json:"client_id"`
		Body     string `json:"body"`
		Language string `json:"language"` // the storefront's, for the AI agent's answer
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := chat.ValidateClientID(in.ClientID); err != nil {
		return err
	}
	in.ClientID = strings.ToLower(in.ClientID) // one id, however the widget spells it
	body, err := chat.ValidateBody(in.Body)
	if err != nil {
		return err
	}
	if err := limit(c, h.Limits.Messages, shopperKey(s), h.Now(), "You're sending messages too quickly. Please wait a moment."); err != nil {
		return err
	}
	res, err := h.Core.PostFromShopper(c.UserContext(), conversation.ShopperMessage{
		ShopID: s.ShopID, ProfileID: s.ProfileID, ClientID: in.ClientID, Body: body, Language: language(in.Language),
		Visitor: s.Visitor,
	})
	if errors.Is(err, conversation.ErrSignInFirst) {
		return apperr.Wrap(apperr.Forbidden, err, "Sign in to chat with us.")
	}
	if err != nil {
		return err
	}
	return h.answerPost(c, res)
}

// answerPost answers a shopper's message stored (201) or found stored
// before under its client id (200).
func (h *Handlers) answerPost(c *fiber.Ctx, res storage.PostResult) error {
	status := fiber.StatusCreated
	if res.Duplicate {
		status = fiber.StatusOK
	}
	if res.Automatic == nil {
		res.Automatic = []storage.Message{}
	}
	return c.Status(status).JSON(postAnswer{Message: res.Message, Automatic: res.Automatic,
		Conversation: conversationRef{ID: res.Conversation.ID, Status: res.Conversation.Status,
			AIAnswering: aiAnswering(res.Conversation)}})
}

// End serves POST /api/storefront/end: the shopper ends their conversation.
func (h *Handlers) End(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	if err := limit(c, h.Limits.End, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	var in struct {
		ConversationID int64 `json:"conversation_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	ctx := c.UserContext()
	conv, err := h.Conversations.Get(ctx, s.ShopID, in.ConversationID)
	if err != nil || conv.ProfileID != s.ProfileID {
		return apperr.New(apperr.NotFound, "This conversation was not found.")
	}
	if _, err := h.Conversations.Close(ctx, s.ShopID, conv.ID, "shopper"); err != nil && !apperr.Is(err, apperr.Conflict) {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// Seen serves POST /api/storefront/seen: the agent's messages up to an id
// were displayed to the shopper.
func (h *Handlers) Seen(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	if err := limit(c, h.Limits.Seen, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	var in struct {
		UpToID int64 `json:"up_to_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	if _, err := h.Conversations.MarkSeenByShopper(c.UserContext(), s.ShopID, s.ProfileID, in.UpToID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// language keeps a storefront language tag only when it looks like one
// ("en", "es-MX"); anything else is no language.
func language(tag string) string {
	if len(tag) < 2 || len(tag) > 12 {
		return ""
	}
	for _, r := range tag {
		if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return ""
		}
	}
	return tag
}
