package admin

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/layouts"
	"hubchat/views/pages"
)

// ChatSettingsStore reads and writes the shop's chat settings.
type ChatSettingsStore interface {
	Get(ctx context.Context, shopID int64) (storage.ChatSettings, error)
	Save(ctx context.Context, cs storage.ChatSettings) error
}

// FAQStore edits the shop's FAQs.
type FAQStore interface {
	All(ctx context.Context, shopID int64) ([]storage.FAQ, error)
	Get(ctx context.Context, shopID, id int64) (storage.FAQ, error)
	Create(ctx context.Context, shopID int64, question, answer string, published bool) (storage.FAQ, error)
	Update(ctx context.Context, shopID, id int64, question, answer string, published bool) (storage.FAQ, error)
	SetPublished(ctx context.Context, shopID, id int64, published bool) (storage.FAQ, error)
	Move(ctx context.Context, shopID, id int64, by int) error
	Delete(ctx context.Context, shopID, id int64) error
}

// MacroStore edits the shop's saved replies.
type MacroStore interface {
	List(ctx context.Context, shopID int64) ([]storage.Macro, error)
	Get(ctx context.Context, shopID, id int64) (storage.Macro, error)
	Create(ctx context.Context, shopID int64, name, body string) (storage.Macro, error)
	Update(ctx context.Context, shopID, id int64, name, body string) (storage.Macro, error)
	Delete(ctx context.Context, shopID, id int64) error
}

// Settings serve Settings → Web chat, General, FAQs and Macros. Every form
// works as a plain POST answered by a redirect (or, when invalid, by the
// page again with status 422), and with htmx, which posts it with App
// Bridge's session token and swaps in the answer.
type Settings struct {
	Shops  ShopReader
	Chat   ChatSettingsStore
	FAQs   FAQStore
	Macros MacroStore
	Render web.Renderer
	// Publish queues the publication of the shop's chat settings to the
	// app-data metafield the storefront widget reads before any request.
	Publish func(ctx context.Context, shopID int64) error
	// APIKey names the app in the theme editor's deep link, ShopURL is the
	// origin of a shop's admin with {shop} for its domain (https://{shop}).
	APIKey, ShopURL string
	// Theme reads the Customer Hub embed in the shop's published theme,
	// which decides whether the web chat design applies (SPEC §1.6).
	Theme ThemeReader
	Log   *slog.Logger
}

// Toasts confirm what a form did. Each is also the word a redirect carries
// in its ?done= query (kept in English, so links stay the same whatever the
// language); toastText gives the words the staff member reads.
const (
	toastSaved    = "Settings saved"
	toastDeleted  = "Deleted"
	toastImported = "Import complete"
)

// toastKeys are the catalog keys of the toasts.
var toastKeys = map[string]string{
	toastSaved: "settings.toast.saved", toastDeleted: "settings.toast.deleted", toastImported: "settings.toast.imported",
}

// toastText is a toast in ctx's language; "" stays "" (no toast).
func toastText(ctx context.Context, toast string) string {
	if key, ok := toastKeys[toast]; ok {
		return i18n.T(ctx, key)
	}
	return toast
}

// Index lists the settings sections.
func (h *Settings) Index(c *fiber.Ctx) error {
	return web.Component(c, fiber.StatusOK, pages.SettingsIndex(titledHead(h.Render, c, "settings.title"), nav, layouts.SettingsSections))
}

// titledHead is the layout head of a settings page titled by the catalog
// entry titleKey in the staff member's language.
func titledHead(r web.Renderer, c *fiber.Ctx, titleKey string) layouts.Head {
	return r.EmbeddedHead(c, i18n.T(c.UserContext(), titleKey))
}

// page writes a settings page, or its fragment for htmx, with a status that
// says whether the form was accepted.
func (h *Settings) page(c *fiber.Ctx, errs pages.FormErrors, page, fragment templ.Component) error {
	status := fiber.StatusOK
	if len(errs) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return h.Render.Page(c, status, page, fragment)
}

// done answers a form that worked by going to path, which shows toast: a
// plain POST gets a redirect (POST, then GET); htmx gets no content and an
// event that admin.js turns into a page load with a fresh session token,
// which an embedded page needs and a redirect followed by fetch would not
// give the browser's address.
func done(c *fiber.Ctx, path, toast string) error {
	target := path + "?done=" + url.QueryEscape(toast)
	if !web.IsHTMX(c) {
		return c.Redirect(target, fiber.StatusSeeOther)
	}
	trigger, err := json.Marshal(map[string]any{"hubchat:navigate": map[string]string{"path": target}})
	if err != nil {
		return err
	}
	c.Set("HX-Trigger", string(trigger))
	return c.SendStatus(fiber.StatusNoContent)
}

// doneToast is the confirmation a redirect asked the page to show, in the
// staff member's language; only the known ones, so a link cannot make the
// admin say anything it likes.
func doneToast(c *fiber.Ctx) string {
	if _, ok := toastKeys[c.Query("done")]; !ok {
		return ""
	}
	return toastText(c.UserContext(), c.Query("done"))
}

// idParam reads the :id of a FAQ or macro route; anything else is NotFound,
// as an id of another shop is.
func idParam(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "%s", i18n.T(c.UserContext(), "settings.error.no_such_address"))
	}
	return id, nil
}

// formText reads a text field: line endings as the server stores them,
// spaces around trimmed.
func formText(c *fiber.Ctx, name string) string {
	return strings.TrimSpace(strings.ReplaceAll(c.FormValue(name), "\r\n", "\n"))
}

// checkText adds an error for a required text that is empty or longer than
// max characters (not bytes: emoji and accents count once). The words are
// the catalog entries key+".missing" ("Enter a welcome message.") and
// key+".too_long", which takes {max} and {count}, the text's length.
func checkText(ctx context.Context, errs *pages.FormErrors, field, key, value string, max int) {
	switch n := utf8.RuneCountInString(value); {
	case n == 0:
		*errs = append(*errs, pages.FormError{Field: field, Message: i18n.T(ctx, key+".missing")})
	case n > max:
		*errs = append(*errs, pages.FormError{Field: field, Message: i18n.T(ctx, key+".too_long", "max", max, "count", n)})
	}
}
