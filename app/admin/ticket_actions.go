package admin

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/chat"
	"hubchat/app/web"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// The status actions and the assignment (SPEC §3.3). Each answers with a
// short confirmation for screen readers and asks the page, by HX-Trigger,
// to refresh its parts at once (the live stream would also tell it, a
// moment later). A closed ticket refuses every action with 409: a web chat
// that ended cannot be reopened, nor changed.

// Assign serves POST /app/tickets/:id/assign: agent_id is one of the shop's
// agents, or "" for nobody.
func (h *Handlers) Assign(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	var agentID *int64
	if v := strings.TrimSpace(c.FormValue("agent_id")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return apperr.New(apperr.Invalid, "%s", i18n.T(c.UserContext(), "ticket.error.choose_member"))
		}
		agentID = &n
	}
	if _, err := h.Conversations.Assign(c.UserContext(), web.ShopID(c), id, agentID); err != nil {
		return ticketError(c.UserContext(), err)
	}
	message := i18n.T(c.UserContext(), "ticket.done.unassigned")
	if agentID != nil {
		message = i18n.T(c.UserContext(), "ticket.done.assigned")
	}
	return actionDone(c, message)
}

// Snooze serves POST /app/tickets/:id/snooze: preset is hour, tomorrow,
// next_week, or custom with until, a date and time in the shop's time zone.
func (h *Handlers) Snooze(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	ctx, shopID := c.UserContext(), web.ShopID(c)
	conv, err := h.Conversations.Get(ctx, shopID, id)
	if err != nil {
		return err
	}
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	now, loc := h.Now(), shop.Location()
	until, err := snoozeUntil(c.FormValue("preset"), c.FormValue("until"), now, loc)
	if err != nil {
		return snoozeProblem(ctx, c.FormValue("preset"), err)
	}
	if err := chat.CheckSnooze(chat.Status(conv.Status), until, now); err != nil {
		return snoozeRefusal(ctx, err)
	}
	if _, err := h.Conversations.Snooze(ctx, shopID, id, until); err != nil {
		return ticketError(c.UserContext(), err)
	}
	l := i18n.FromContext(ctx)
	return actionDone(c, l.T("ticket.done.snoozed", "when", longTime(l, until, now, loc)), historyChanged)
}

// Unsnooze serves POST /app/tickets/:id/unsnooze: a snoozed ticket is back
// in Open at once, without waiting for its time.
func (h *Handlers) Unsnooze(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	if _, err := h.Conversations.Unsnooze(c.UserContext(), web.ShopID(c), id); err != nil {
		return ticketError(c.UserContext(), err)
	}
	return actionDone(c, i18n.T(c.UserContext(), "ticket.done.unsnoozed"), historyChanged)
}

// CloseTicket serves POST /app/tickets/:id/close: the ticket ends for good,
// for the shopper too.
func (h *Handlers) CloseTicket(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	if _, err := h.Conversations.Close(c.UserContext(), web.ShopID(c), id, string(chat.ClosedByAgent)); err != nil {
		return ticketError(c.UserContext(), err)
	}
	return actionDone(c, i18n.T(c.UserContext(), "ticket.done.closed"), ticketClosed)
}

// The events an action dispatches besides hubchat:ticket: the ticket
// ended (the composer and the profile column refresh), or the shopper's
// history has a new line (the profile column refreshes).
const (
	ticketClosed   = "hubchat:ticket-closed"
	historyChanged = "hubchat:ticket-history"
)

// actionDone confirms an action and has the page refresh itself: the
// events, hubchat:ticket and those of also, are dispatched on #ticket-page,
// where the page's parts listen.
func actionDone(c *fiber.Ctx, message string, also ...string) error {
	target := map[string]string{"target": "#ticket-page"}
	events := map[string]any{"hubchat:ticket": target}
	for _, e := range also {
		events[e] = target
	}
	trigger, _ := json.Marshal(events)
	c.Set("HX-Trigger", string(trigger))
	return web.Component(c, fiber.StatusOK, pages.TicketActionDone(message))
}

// snoozePresets are the snooze menu's choices besides a chosen time; each
// is named by the message ticket.preset.<key>.
var snoozePresets = []string{"hour", "tomorrow", "next_week"}

// snoozeProblem words, in ctx's language, why snoozeUntil refused preset.
func snoozeProblem(ctx context.Context, preset string, err error) error {
	if preset == "custom" {
		return apperr.Wrap(apperr.Invalid, err, "%s", i18n.T(ctx, "ticket.error.choose_time"))
	}
	return apperr.Wrap(apperr.Invalid, err, "%s", i18n.T(ctx, "ticket.error.choose_snooze"))
}

// snoozeMorning is when the day presets wake a ticket: the start of a
// working day in the shop's time zone.
const snoozeMorning = 9

// snoozeUntil is the time a preset means at now in the shop's time zone:
// in an hour; tomorrow at 9:00; next week, Monday at 9:00 (a week on from a
// Monday); or custom, a datetime-local value read in the shop's time zone.
func snoozeUntil(preset, custom string, now time.Time, loc *time.Location) (time.Time, error) {
	local := now.In(loc)
	morning := func(days int) time.Time {
		return time.Date(local.Year(), local.Month(), local.Day()+days, snoozeMorning, 0, 0, 0, loc)
	}
	switch preset {
	case "hour":
		return now.Add(time.Hour), nil
	case "tomorrow":
		return morning(1), nil
	case "next_week":
		days := (8 - int(local.Weekday())) % 7
		if days == 0 {
			days = 7
		}
		return morning(days), nil
	case "custom":
		t, err := time.ParseInLocation(datetimeLocal, strings.TrimSpace(custom), loc)
		if err != nil {
			return time.Time{}, apperr.New(apperr.Invalid, "Choose a date and time to snooze until.")
		}
		return t, nil
	}
	return time.Time{}, apperr.New(apperr.Invalid, "Choose how long to snooze the ticket.")
}
