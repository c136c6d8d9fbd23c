package storefront

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/conversation"
	"hubchat/storage"
)

// handoffAnswer is the answer to the shopper's Yes or No.
type handoffAnswer struct {
	Conversation conversationRef   `json:"conversation"`
	Messages     []storage.Message `json:"messages"`
}

// Handoff serves POST /api/storefront/handoff: the shopper's Yes or No to
// the AI agent's offer of a person (SPEC §2). Yes makes the conversation a
// ticket for the team; No lets the agent go on.
func (h *Handlers) Handoff(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	if err := limit(c, h.Limits.Handoff, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	var in struct {
		ConversationID int64  `json:"conversation_id"`
		Accept         bool   `json:"accept"`
		Language       string `json:"language"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	if h.Agent == nil {
		return apperr.New(apperr.Conflict, "This offer is no longer open.")
	}
	conv, added, err := h.Agent.AnswerOffer(c.UserContext(), s.ShopID, s.ProfileID, in.ConversationID, in.Accept, language(in.Language))
	switch {
	case errors.Is(err, conversation.ErrSignInFirst):
		return apperr.Wrap(apperr.Forbidden, err, "Sign in to your account to talk to our team.")
	case errors.Is(err, storage.ErrNotTheAgents):
		return apperr.Wrap(apperr.Conflict, err, "This offer is no longer open.")
	case errors.Is(err, storage.ErrNotFound):
		return apperr.Wrap(apperr.NotFound, err, "This conversation was not found.")
	case err != nil:
		return err
	}
	if added == nil {
		added = []storage.Message{}
	}
	return c.JSON(handoffAnswer{Messages: added, Conversation: conversationRef{ID: conv.ID, Status: conv.Status,
		AIAnswering: aiAnswering(conv)}})
}
