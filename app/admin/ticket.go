package admin

import (
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// TicketStore reads and changes the shop's tickets.
type TicketStore interface {
	Get(ctx context.Context, shopID, id int64) (storage.Conversation, error)
	Messages(ctx context.Context, shopID, conversationID int64) ([]storage.Message, error)
	ThreadEvents(ctx context.Context, shopID, conversationID int64) ([]storage.ThreadEvent, error)
	Inbox(ctx context.Context, shopID int64, f storage.InboxFilter) ([]storage.InboxRow, error)
	MarkRead(ctx context.Context, shopID, id int64) (storage.Conversation, error)
	PostFromAgent(ctx context.Context, shopID, conversationID, agentID int64, r storage.AgentReply) (storage.Message, error)
	Assign(ctx context.Context, shopID, id int64, agentID *int64) (storage.Conversation, error)
	Snooze(ctx context.Context, shopID, id int64, until time.Time) (storage.Conversation, error)
	Unsnooze(ctx context.Context, shopID, id int64) (storage.Conversation, error)
	Close(ctx context.Context, shopID, id int64, by string) (storage.Conversation, error)
	SetTag(ctx context.Context, shopID, id int64, tag string) (storage.Conversation, error)
}

// ProfileReader reads a shopper's profile and their recorded history.
type ProfileReader interface {
	Get(ctx context.Context, shopID, profileID int64) (storage.Profile, error)
	History(ctx context.Context, shopID, profileID int64, limit int) ([]storage.ProfileEvent, error)
	LastOrderName(ctx context.Context, shopID, profileID int64) (string, error)
}

// TeamLister lists the shop's agents.
type TeamLister interface {
	List(ctx context.Context, shopID int64) ([]storage.Agent, error)
}

// MacroLister lists the shop's saved replies.
type MacroLister interface {
	List(ctx context.Context, shopID int64) ([]storage.Macro, error)
}

// UploadStore serves agents' images (PostFromAgent stores them).
type UploadStore interface {
	ByToken(ctx context.Context, token string) (storage.Upload, error)
}

// historyLimit is how many of the shopper's tickets the profile column
// looks back over.
const historyLimit = 20

// ticket is what every part of the ticket page is built from.
type ticket struct {
	shop    storage.Shop
	conv    storage.Conversation
	profile storage.Profile
	team    []storage.Agent
	agentID int64 // the agent looking at it
	now     time.Time
	l       i18n.Locale // the agent's language
}

// Ticket serves GET /app/tickets/:id: the ticket page. Opening it marks the
// ticket read, which clears its dot and its share of the badge live.
func (h *Handlers) Ticket(c *fiber.Ctx) error {
	t, err := h.loadTicket(c, true)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	thread, err := h.threadView(ctx, t)
	if err != nil {
		return err
	}
	composer, err := h.composerView(ctx, t)
	if err != nil {
		return err
	}
	profile, err := h.profileView(ctx, t)
	if err != nil {
		return err
	}
	v := pages.TicketView{ID: t.conv.ID, Header: headerView(t), Thread: thread, Composer: composer, Profile: profile}
	return web.Component(c, fiber.StatusOK, pages.Ticket(h.head(c, t.profile.Name()), nav, v))
}

// TicketHeader serves GET /app/tickets/:id/header, for live refreshes.
func (h *Handlers) TicketHeader(c *fiber.Ctx) error {
	t, err := h.loadTicket(c, false)
	if err != nil {
		return err
	}
	return web.Component(c, fiber.StatusOK, pages.TicketHeaderPart(headerView(t)))
}

// TicketThread serves GET /app/tickets/:id/thread, for live refreshes. The
// agent is looking at the ticket, so a new message is read as it arrives.
func (h *Handlers) TicketThread(c *fiber.Ctx) error {
	t, err := h.loadTicket(c, true)
	if err != nil {
		return err
	}
	v, err := h.threadView(c.UserContext(), t)
	if err != nil {
		return err
	}
	return web.Component(c, fiber.StatusOK, pages.TicketThreadPart(v))
}

// TicketComposer serves GET /app/tickets/:id/composer: the page fetches it
// again when the ticket closes, to replace the composer with why it went.
func (h *Handlers) TicketComposer(c *fiber.Ctx) error {
	t, err := h.loadTicket(c, false)
	if err != nil {
		return err
	}
	v, err := h.composerView(c.UserContext(), t)
	if err != nil {
		return err
	}
	return web.Component(c, fiber.StatusOK, pages.TicketComposerPart(v))
}

// TicketProfile serves GET /app/tickets/:id/profile: the customer column,
// fetched again when the ticket closes, which is an event of its history.
func (h *Handlers) TicketProfile(c *fiber.Ctx) error {
	t, err := h.loadTicket(c, false)
	if err != nil {
		return err
	}
	v, err := h.profileView(c.UserContext(), t)
	if err != nil {
		return err
	}
	return web.Component(c, fiber.StatusOK, pages.TicketProfilePart(v))
}

// loadTicket reads the ticket the path names, scoped to the verified shop:
// another shop's id is NotFound. read marks it read first.
func (h *Handlers) loadTicket(c *fiber.Ctx, read bool) (ticket, error) {
	id, err := ticketID(c)
	if err != nil {
		return ticket{}, err
	}
	ctx, shopID := c.UserContext(), web.ShopID(c)
	t := ticket{agentID: web.AgentID(c), now: h.Now(), l: i18n.FromContext(c.UserContext())}
	if read {
		t.conv, err = h.Conversations.MarkRead(ctx, shopID, id)
	} else {
		t.conv, err = h.Conversations.Get(ctx, shopID, id)
	}
	if err != nil {
		return ticket{}, err
	}
	if t.shop, err = h.Shops.Get(ctx, shopID); err != nil {
		return ticket{}, err
	}
	if t.profile, err = h.Profiles.Get(ctx, shopID, t.conv.ProfileID); err != nil {
		return ticket{}, err
	}
	t.team, err = h.Team.List(ctx, shopID)
	return t, err
}

// ticketID reads the :id of the path; anything but a positive number names
// no ticket.
func ticketID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "%s", i18n.T(c.UserContext(), "ticket.error.no_such_ticket"))
	}
	return id, nil
}

// ticketHref is the ticket page's path.
func ticketHref(id int64) string { return "/app/tickets/" + strconv.FormatInt(id, 10) }
