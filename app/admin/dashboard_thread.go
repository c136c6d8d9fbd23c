package admin

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
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
		return notFoundAs(err, i18n.T(ctx, "errors.conversation_not_found"))
	}
	if !conv.AIInvolved {
		return apperr.New(apperr.NotFound, "%s", i18n.T(ctx, "errors.conversation_not_found"))
	}
	t := ticket{conv: conv, agentID: web.AgentID(c), now: h.Now(), l: i18n.FromContext(ctx)}
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
	l := i18n.FromContext(ctx)
	in := readDashboardQuery(l, queryParam(c), t.now, t.shop.Location())
	v := pages.DashboardThreadView{Thread: thread, Name: t.profile.Name(), Channel: channelLabel(l, conv.Channel),
		BackURL: dashboardHref(in.dashboardQuery, true), Started: l.DateTime(conv.CreatedAt.In(t.shop.Location())),
		StartedISO: conv.CreatedAt.Format(time.RFC3339)}
	if conv.AIStatus != nil {
		v.Status, v.StatusKey = statusLabel(l, *conv.AIStatus), *conv.AIStatus
	}
	if conv.Tag != nil {
		v.Tag = tagLabel(l, *conv.Tag)
	}
	if !conv.AIAnswering {
		v.TicketURL = ticketHref(conv.ID)
	}
	if conv.Status == storage.StatusClosed {
		v.Closed = closedText(l, conv, t.now, t.shop.Location())
	}
	return web.Component(c, fiber.StatusOK, pages.DashboardThread(h.head(c, l.T("dashboard.thread.page_title", "name", v.Name)), nav, v))
}
