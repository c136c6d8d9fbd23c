package admin

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/notify"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// RecipientStore is the shop's list of notification addresses.
type RecipientStore interface {
	List(ctx context.Context, shopID int64) ([]storage.NotificationRecipient, error)
	Add(ctx context.Context, shopID int64, email string, max int) (storage.NotificationRecipient, error)
	Remove(ctx context.Context, shopID, id int64) error
	QuotesMessages(ctx context.Context, shopID int64) (bool, error)
	SetQuotesMessages(ctx context.Context, shopID int64, on bool) error
}

// Notifications serve Settings → Notifications: the team addresses that are
// emailed about each new ticket.
type Notifications struct {
	recipients RecipientStore
	render     web.Renderer
	emailOn    bool
}

// NewNotifications returns the page's handlers; emailOn says whether an
// SMTP server is configured, so the page does not promise emails that are
// never sent.
func NewNotifications(recipients RecipientStore, render web.Renderer, emailOn bool) *Notifications {
	return &Notifications{recipients: recipients, render: render, emailOn: emailOn}
}

const notificationsPath = "/app/settings/notifications"

// confirmations are what a save says (the key of its words), by the key a
// redirect carries: the query names one of these and never supplies the text.
var confirmations = map[string]string{
	"added":   "notifications.saved.added",
	"removed": "notifications.saved.removed",
	"content": "notifications.saved.content",
}

// confirmation is what the save named by what says, in ctx's language; ""
// for a key that is not one.
func confirmation(ctx context.Context, what string) string {
	if key, ok := confirmations[what]; ok {
		return i18n.T(ctx, key)
	}
	return ""
}

// Page serves the list with its add form.
func (h *Notifications) Page(c *fiber.Ctx) error {
	v, err := h.view(c.UserContext(), web.ShopID(c))
	if err != nil {
		return err
	}
	v.Saved = confirmation(c.UserContext(), c.Query("saved"))
	return h.write(c, fiber.StatusOK, v)
}

// Add puts an address on the list. A refused address re-renders the form
// with the reason beside the field (422); a saved one confirms.
func (h *Notifications) Add(c *fiber.Ctx) error {
	ctx, shopID, raw := c.UserContext(), web.ShopID(c), c.FormValue("email")
	email, err := notify.ValidateAddress(raw)
	if err != nil {
		err = apperr.Wrap(apperr.Invalid, err, "%s", addressProblem(ctx, raw))
	} else {
		_, err = h.recipients.Add(ctx, shopID, email, notify.MaxRecipients)
	}
	switch {
	case errors.Is(err, storage.ErrListFull):
		err = apperr.Wrap(apperr.Conflict, err, "%s", i18n.T(ctx, "notifications.full", "max", notify.MaxRecipients))
	case errors.Is(err, storage.ErrConflict):
		err = apperr.Wrap(apperr.Conflict, err, "%s", i18n.T(ctx, "notifications.already", "email", email))
	}
	if apperr.Is(err, apperr.Invalid) || apperr.Is(err, apperr.Conflict) {
		v, verr := h.view(ctx, shopID)
		if verr != nil {
			return verr
		}
		v.Email, v.Error = raw, apperr.MessageOf(err)
		return h.write(c, fiber.StatusUnprocessableEntity, v)
	}
	if err != nil {
		return err
	}
	return h.saved(c, "added")
}

// addressProblem says, in ctx's language, why notify.ValidateAddress
// refused raw.
func addressProblem(ctx context.Context, raw string) string {
	switch s := strings.TrimSpace(raw); {
	case s == "":
		return i18n.T(ctx, "notifications.invalid.empty")
	case len(s) > notify.MaxAddressLength:
		return i18n.T(ctx, "notifications.invalid.too_long", "max", notify.MaxAddressLength)
	}
	return i18n.T(ctx, "notifications.invalid.malformed")
}

// Remove takes an address off the list; another shop's id is not found.
func (h *Notifications) Remove(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return apperr.New(apperr.NotFound, "%s", i18n.T(c.UserContext(), "notifications.not_on_list"))
	}
	if err := h.recipients.Remove(c.UserContext(), web.ShopID(c), id); errors.Is(err, storage.ErrNotFound) {
		return apperr.Wrap(apperr.NotFound, err, "%s", i18n.T(c.UserContext(), "notifications.not_on_list"))
	} else if err != nil {
		return err
	}
	return h.saved(c, "removed")
}

// SetContent saves whether the new-ticket email quotes the shopper's first
// message: the checkbox "quote_messages", absent when unticked.
func (h *Notifications) SetContent(c *fiber.Ctx) error {
	if err := h.recipients.SetQuotesMessages(c.UserContext(), web.ShopID(c), c.FormValue("quote_messages") == "on"); err != nil {
		return err
	}
	return h.saved(c, "content")
}

// saved answers a successful change: htmx gets the updated list with a
// toast to show; a plain form post is redirected to the page (POST, then
// GET), which confirms in a banner.
func (h *Notifications) saved(c *fiber.Ctx, what string) error {
	if !web.IsHTMX(c) {
		return c.Redirect(notificationsPath+"?saved="+what, fiber.StatusSeeOther)
	}
	v, err := h.view(c.UserContext(), web.ShopID(c))
	if err != nil {
		return err
	}
	v.Toast = confirmation(c.UserContext(), what)
	return h.write(c, fiber.StatusOK, v)
}

func (h *Notifications) view(ctx context.Context, shopID int64) (pages.NotificationsView, error) {
	list, err := h.recipients.List(ctx, shopID)
	if err != nil {
		return pages.NotificationsView{}, err
	}
	quote, err := h.recipients.QuotesMessages(ctx, shopID)
	if err != nil {
		return pages.NotificationsView{}, err
	}
	rows := make([]pages.NotificationRecipientRow, len(list))
	for i, r := range list {
		rows[i] = pages.NotificationRecipientRow{Email: r.Email, RemoveURL: fmt.Sprintf("%s/%d/delete", notificationsPath, r.ID)}
	}
	return pages.NotificationsView{Recipients: rows, Max: notify.MaxRecipients, EmailOff: !h.emailOn, QuoteMessages: quote}, nil
}

// write renders the page, or for htmx only the part a save replaces.
func (h *Notifications) write(c *fiber.Ctx, status int, v pages.NotificationsView) error {
	head := h.render.EmbeddedHead(c, i18n.T(c.UserContext(), "notifications.title"))
	return h.render.Page(c, status, pages.Notifications(head, nav, v), pages.NotificationsBody(v))
}
