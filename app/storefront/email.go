package storefront

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/notify"
	"hubchat/storage"
)

// LeaveEmail serves POST /api/storefront/email: the email address a shopper
// leaves when the AI agent asks for one, before it hands the conversation
// to the merchant's Zendesk or Gorgias.
func (h *Handlers) LeaveEmail(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	if err := limit(c, h.Limits.Email, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	var in struct {
		ConversationID int64  `json:"conversation_id"`
		Email          string `json:"email"`
		Language       string `json:"language"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	email, err := notify.ValidateAddress(in.Email)
	if err != nil {
		return err
	}
	if h.Agent == nil {
		return apperr.New(apperr.Conflict, "This request is no longer open.")
	}
	m, err := h.Agent.LeaveEmail(c.UserContext(), s.ShopID, s.ProfileID, in.ConversationID, email, language(in.Language))
	switch {
	case errors.Is(err, storage.ErrNotTheAgents):
		return apperr.Wrap(apperr.Conflict, err, "This request is no longer open.")
	case errors.Is(err, storage.ErrNotFound):
		return apperr.Wrap(apperr.NotFound, err, "This conversation was not found.")
	case err != nil:
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(map[string]storage.Message{"message": m})
}
