package admin

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/pages"
)

// DashboardThread serves GET /app/dashboard/conversations/:id: one of the
// AI agent's conversations, read-only, whole, with a link to its inbox
// ticket when it was handed to the team. Reading it here does not mark the
// ticket read. A conversation of another shop, or one the agent never
// answered, is not found.
func (h *Handlers) DashboardThread(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	ctx, shopID := c.UserContext(), web.ShopID(c)
	conv, err := h.Conversations.Get(ctx, shopID, id)
	if err != nil {
		return notFoundAs(err, "This conversation was not found.")
	}
	if !conv.AIInvolved {
		return apperr.New(apperr.NotFound, "This conversation was not found.")
	}
	t := ticket{conv: conv, agentID: web.AgentID(c), now: h.Now()}
	if t.shop, err = h.Shops.Get(ctx, shopID); err != nil {
		return err
	}
	if t.profile, err = h.Profiles.Get(ctx, shopID, conv.ProfileID); err != nil {
		return err
	}
	if t.team, err = h.Team.List(ctx, shopID); err != nil {
		return err
	}
	thread, err := h.threadView(ctx, t)
	if err != nil {
		return err
	}
	in := readDashboardQuery(queryParam(c), t.now, t.shop.Location())
	v := pages.DashboardThreadView{Thread: thread, Name: t.profile.Name(), Channel: channelLabels[conv.Channel],
		BackURL: dashboardHref(in.dashboardQuery, true), Started: conv.CreatedAt.In(t.shop.Location()).Format("Jan 2, 2006, 3:04 PM"),
		StartedISO: conv.CreatedAt.Format(time.RFC3339)}
	if conv.AIStatus != nil {
		v.Status, v.StatusKey = statusLabels[*conv.AIStatus], *conv.AIStatus
	}
	if conv.Tag != nil {
		v.Tag = tagLabel(*conv.Tag)
	}
	if !conv.AIAnswering {
		v.TicketURL = ticketHref(conv.ID)
	}
	if conv.Status == storage.StatusClosed {
		v.Closed = closedText(conv, t.now, t.shop.Location())
	}
	return web.Component(c, fiber.StatusOK, pages.DashboardThread(h.head(c, "Conversation with "+v.Name), nav, v))
}
