package admin

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/chat"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// Alerts serve the agent's alerts (static/js/alerts.js): a sound, and a
// browser notification, when a new ticket comes or a message on one of
// their own tickets while the app is in another tab. Each staff member
// turns them on or off for themselves; they are off until then.
type Alerts struct {
	Choices  AlertChoices
	Tickets  TypingTickets
	Profiles AlertProfiles
}

type (
	// AlertChoices stores each agent's choice (storage.AgentAlerts).
	AlertChoices interface {
		Enabled(ctx context.Context, shopID, agentID int64) (bool, error)
		Set(ctx context.Context, shopID, agentID int64, on bool) error
	}
	// AlertProfiles names a ticket's shopper.
	AlertProfiles interface {
		Get(ctx context.Context, shopID, profileID int64) (storage.Profile, error)
	}
)

// AlertPreview is the longest preview of a message an alert shows, in
// characters.
const AlertPreview = 80

// alertChoice is the agent's choice as JSON.
type alertChoice struct {
	Enabled bool `json:"enabled"`
}

// Choice serves GET /app/alerts: the agent's choice, as JSON for
// alerts.js, or as the inbox's toggle for htmx.
func (h *Alerts) Choice(c *fiber.Ctx) error {
	on, err := h.Choices.Enabled(c.UserContext(), web.ShopID(c), web.AgentID(c))
	if err != nil {
		return err
	}
	return h.answer(c, on)
}

// Save serves POST /app/alerts: enabled=true turns the agent's alerts on,
// anything else (an unticked box sends nothing) off. It answers as Choice.
func (h *Alerts) Save(c *fiber.Ctx) error {
	on := c.FormValue("enabled") == "true"
	if err := h.Choices.Set(c.UserContext(), web.ShopID(c), web.AgentID(c), on); err != nil {
		return err
	}
	return h.answer(c, on)
}

func (h *Alerts) answer(c *fiber.Ctx, on bool) error {
	c.Vary("HX-Request", fiber.HeaderAccept)
	if web.IsHTMX(c) {
		return web.Component(c, fiber.StatusOK, pages.AlertsToggle(on))
	}
	return c.JSON(alertChoice{Enabled: on})
}

// alert is what a notification says, and where clicking it goes.
type alert struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	Path  string `json:"path"`
}

// Ticket serves GET /app/tickets/:id/alert?kind=…, asked by alerts.js for a
// change the live stream announced (its kind) while the app is hidden. It
// answers the alert to show, as JSON, when one is due: the agent has alerts
// on, and the change is a new ticket (conversation.created) or a message
// from the shopper on a ticket assigned to the agent (message.created).
// Otherwise 204. A ticket of another shop is not found.
func (h *Alerts) Ticket(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	ctx, shopID, agentID := c.UserContext(), web.ShopID(c), web.AgentID(c)
	on, err := h.Choices.Enabled(ctx, shopID, agentID)
	if err != nil || !on {
		return noAlert(c, err)
	}
	conv, err := h.Tickets.Get(ctx, shopID, id)
	if err != nil {
		return err
	}
	title, due := alertTitle(conv, c.Query("kind"), agentID)
	if !due {
		return noAlert(c, nil)
	}
	p, err := h.Profiles.Get(ctx, shopID, conv.ProfileID)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	return c.JSON(alert{Title: i18n.T(ctx, title, "name", p.Name()),
		Body: chat.Preview(conv.LastMessagePreview, AlertPreview), Path: ticketHref(conv.ID)})
}

// alertTitle is the catalog key of the alert's title due for a change of
// kind to conv (its {name} is the shopper's); due false when none is.
func alertTitle(conv storage.Conversation, kind string, agentID int64) (title string, due bool) {
	if conv.Status == storage.StatusClosed || conv.AIAnswering {
		return "", false
	}
	switch kind {
	case "conversation.created":
		return "presence.alerts.new_chat", true
	case "message.created":
		mine := conv.AssigneeAgentID != nil && *conv.AssigneeAgentID == agentID
		return "presence.alerts.wrote", mine && conv.LastAuthor == "shopper"
	}
	return "", false
}

func noAlert(c *fiber.Ctx, err error) error {
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
