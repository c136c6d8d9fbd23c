package storefront

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// Typing serves the shopper's typing notices (SPEC §1.8): the shop's agents
// see "<name> is typing…" in the open ticket and the inbox. Nothing of it is
// stored.
type Typing struct {
	Conversations ActiveConversations
	Notices       TypingSender
	// Gate throttles each shopper's notices (realtime.TypingGate): the ones
	// it drops are answered like the others, as nobody would read them.
	Gate *realtime.TypingGate
	Now  func() time.Time
}

type (
	// ActiveConversations finds a shopper's open conversation.
	ActiveConversations interface {
		ActiveID(ctx context.Context, shopID, profileID int64) (id int64, aiAnswering bool, err error)
	}
	// TypingSender sends typing notices to every app instance.
	TypingSender interface {
		Publish(ctx context.Context, t storage.Typing) error
	}
)

// Post serves POST /api/storefront/typing, {"typing": true} while the
// shopper writes and {"typing": false} when they stop. The notice goes to
// the agents of the token's shop about the shopper's own open conversation
// (an anonymous visitor has none the team reads: Forbidden). It answers 204
// whether the notice was sent or dropped: too soon after the last (the
// gate), with no open conversation to type in, or in one the AI agent
// answers, which the team does not see. A body that is not JSON
// is a bad request.
func (h *Typing) Post(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	var in struct {
		Typing bool `json:"typing"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	key := "shop:" + strconv.FormatInt(s.ShopID, 10) + ":profile:" + strconv.FormatInt(s.ProfileID, 10)
	if !h.Gate.Allow(key, in.Typing, h.Now()) {
		return c.SendStatus(fiber.StatusNoContent)
	}
	ctx := c.UserContext()
	id, aiAnswering, err := h.Conversations.ActiveID(ctx, s.ShopID, s.ProfileID)
	if errors.Is(err, storage.ErrNotFound) || err == nil && aiAnswering {
		return c.SendStatus(fiber.StatusNoContent)
	}
	if err != nil {
		return err
	}
	err = h.Notices.Publish(ctx, storage.Typing{ShopID: s.ShopID, ConversationID: id, ProfileID: s.ProfileID,
		Who: storage.TypingShopper, Typing: in.Typing})
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
