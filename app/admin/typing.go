package admin

import (
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/realtime"
	"hubchat/app/web"
	"hubchat/storage"
)

// TypingEvent is the name of the DOM event the admin's live connection
// dispatches for a shopper's typing notice (static/js/typing.js reads it):
// its data is {"id": ticket, "typing": bool}.
const TypingEvent = "hubchat:typing"

// Typing serves an agent's typing notices in a ticket (SPEC §1.8): the
// ticket's shopper sees "typing…" in the widget. Nothing of it is stored.
type Typing struct {
	Tickets TypingTickets
	Agents  AgentReader
	Notices TypingSender
	// Gate throttles each agent's notices per ticket (realtime.TypingGate).
	Gate *realtime.TypingGate
	Now  func() time.Time
}

type (
	// TypingTickets reads the ticket typed in.
	TypingTickets interface {
		Get(ctx context.Context, shopID, id int64) (storage.Conversation, error)
	}
	// TypingSender sends typing notices to every app instance.
	TypingSender interface {
		Publish(ctx context.Context, t storage.Typing) error
	}
)

// Post serves POST /app/tickets/:id/typing, typing=true while the agent
// writes a reply and typing=false when they stop. The notice goes to the
// shopper of that ticket of the agent's shop, signed with the agent's name
// as their messages are; a ticket of another shop is not found. It answers
// 204 whether the notice was sent or dropped: too soon after the last (the
// gate), or a closed ticket, whose shopper no longer reads it.
func (h *Typing) Post(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	typing := c.FormValue("typing") == "true"
	shopID, agentID := web.ShopID(c), web.AgentID(c)
	key := "shop:" + strconv.FormatInt(shopID, 10) + ":agent:" + strconv.FormatInt(agentID, 10) +
		":ticket:" + strconv.FormatInt(id, 10)
	if !h.Gate.Allow(key, typing, h.Now()) {
		return c.SendStatus(fiber.StatusNoContent)
	}
	ctx := c.UserContext()
	conv, err := h.Tickets.Get(ctx, shopID, id)
	if err != nil {
		return err
	}
	if conv.Status == storage.StatusClosed {
		return c.SendStatus(fiber.StatusNoContent)
	}
	agent, err := h.Agents.Get(ctx, shopID, agentID)
	if err != nil {
		return err
	}
	err = h.Notices.Publish(ctx, storage.Typing{ShopID: shopID, ConversationID: conv.ID, ProfileID: conv.ProfileID,
		Who: storage.TypingAgent, Name: agent.FirstName, Typing: typing})
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
