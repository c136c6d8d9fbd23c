package admin

import (
	"cmp"
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/chat"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// launcherIcons are the icons the Customer Hub can draw (its
// snippets/hub-icon.liquid and the embed's "icon" setting).
var launcherIcons = []pages.Option{
	{Value: "chat", Label: "settings.webchat.icon.chat"},
	{Value: "message", Label: "settings.webchat.icon.message"},
	{Value: "help", Label: "settings.webchat.icon.help"},
	{Value: "support", Label: "settings.webchat.icon.support"},
}

// maxMessage is the longest welcome or automatic message, in characters: a
// few sentences, which is what fits the widget's bubble and thread.
const maxMessage = 500

// hexColor is a colour as the theme editor's colour setting writes it.
var hexColor = regexp.MustCompile(`^#(?:[0-9a-f]{3}|[0-9a-f]{6})$`)

// webChatForm is what the Web chat form posted.
type webChatForm struct {
	settings storage.ChatSettings
	hours    chat.Schedule
	action   string // an office hours editor button, or "" to save
}

// WebChat shows Settings → Web chat.
func (h *Settings) WebChat(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	cs, err := h.Chat.Get(ctx, shopID)
	if err != nil {
		return err
	}
	hours, err := chat.ParseSchedule(cs.OfficeHours)
	if err != nil {
		return err
	}
	v := h.webChatView(ctx, shop, cs, hours, nil, nil)
	v.Toast = doneToast(c)
	return h.writeWebChat(c, shop, v)
}

// SaveWebChat saves the form, or applies an office hours button of a page
// without JavaScript and shows the page again, unsaved.
func (h *Settings) SaveWebChat(c *fiber.Ctx) error { return h.postWebChat(c, false) }

// EditOfficeHours is the office hours editor's buttons with htmx: the whole
// form comes in, the editor alone goes back, nothing is saved.
func (h *Settings) EditOfficeHours(c *fiber.Ctx) error { return h.postWebChat(c, true) }

// postWebChat handles the form; editOnly refuses a post that would save.
func (h *Settings) postWebChat(c *fiber.Ctx, editOnly bool) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, f, err := h.readWebChat(c)
	if err != nil {
		return err
	}
	if editOnly && f.action == "" {
		return apperr.New(apperr.Invalid, "%s", i18n.T(ctx, "settings.hours.no_action"))
	}
	if f.action != "" {
		hours, dayErrs, err := editHours(ctx, f.hours, f.action)
		if err != nil {
			return err
		}
		v := h.webChatView(ctx, shop, f.settings, hours, nil, dayErrs)
		if web.IsHTMX(c) {
			return web.Component(c, hoursStatus(dayErrs), pages.OfficeHours(v.Hours))
		}
		v.Errors = hoursFormErrors(dayErrs)
		v.Unsaved = true
		return h.writeWebChat(c, shop, v)
	}
	errs, dayErrs := validateWebChat(ctx, &f.settings, f.hours)
	if len(errs) > 0 {
		return h.writeWebChat(c, shop, h.webChatView(ctx, shop, f.settings, f.hours, errs, dayErrs))
	}
	hours, err := json.Marshal(f.hours)
	if err != nil {
		return err
	}
	f.settings.OfficeHours = hours
	if err := h.Chat.Save(ctx, f.settings); err != nil {
		return err
	}
	if err := h.Publish(ctx, shopID); err != nil {
		return err
	}
	if !web.IsHTMX(c) {
		return done(c, pages.WebChatAction, toastSaved)
	}
	v := h.webChatView(ctx, shop, f.settings, f.hours, nil, nil)
	v.Toast = toastText(ctx, toastSaved)
	return h.writeWebChat(c, shop, v)
}

// readWebChat reads the posted form over the stored settings, which keep
// what this page does not edit (the General links).
func (h *Settings) readWebChat(c *fiber.Ctx) (storage.Shop, webChatForm, error) {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return storage.Shop{}, webChatForm{}, err
	}
	cs, err := h.Chat.Get(ctx, shopID)
	if err != nil {
		return storage.Shop{}, webChatForm{}, err
	}
	cs.Enabled = c.FormValue("enabled") == "on"
	cs.LoginStatus = c.FormValue("login_status")
	cs.WelcomeMessage = formText(c, "welcome_message")
	cs.DuringHoursMessage = formText(c, "during_hours_message")
	cs.OutsideHoursMessage = formText(c, "outside_hours_message")
	cs.Color = strings.ToLower(strings.TrimSpace(postedOr(c, "color", cs.Color)))
	cs.Icon, cs.Position = postedOr(c, "icon", cs.Icon), postedOr(c, "position", cs.Position)
	action := c.FormValue("oh_action")
	if action == "save" {
		action = ""
	}
	return shop, webChatForm{settings: cs, hours: hoursFromForm(c), action: action}, nil
}

// validateWebChat checks the form in the order of the page; a short colour
// (#abc) is written out in full, as the storefront's CSS and the theme
// editor use it.
func validateWebChat(ctx context.Context, cs *storage.ChatSettings, hours chat.Schedule) (pages.FormErrors, map[time.Weekday]string) {
	var errs pages.FormErrors
	if cs.LoginStatus != "all" && cs.LoginStatus != "logged_in" {
		errs = append(errs, pages.FormError{Field: "login-status", Message: i18n.T(ctx, "settings.webchat.error.login_status")})
	}
	checkText(ctx, &errs, "welcome-message", "settings.webchat.error.welcome", cs.WelcomeMessage, maxMessage)
	dayErrs := hoursErrors(ctx, hours)
	errs = append(errs, hoursFormErrors(dayErrs)...)
	checkText(ctx, &errs, "during-hours-message", "settings.webchat.error.during", cs.DuringHoursMessage, maxMessage)
	checkText(ctx, &errs, "outside-hours-message", "settings.webchat.error.outside", cs.OutsideHoursMessage, maxMessage)
	switch {
	case !hexColor.MatchString(cs.Color):
		errs = append(errs, pages.FormError{Field: "color", Message: i18n.T(ctx, "settings.webchat.error.color")})
	case len(cs.Color) == 4:
		cs.Color = "#" + strings.Repeat(cs.Color[1:2], 2) + strings.Repeat(cs.Color[2:3], 2) + strings.Repeat(cs.Color[3:4], 2)
	}
	if cs.Position != "left" && cs.Position != "right" {
		errs = append(errs, pages.FormError{Field: "position", Message: i18n.T(ctx, "settings.webchat.error.position")})
	}
	if !slices.ContainsFunc(launcherIcons, func(o pages.Option) bool { return o.Value == cs.Icon }) {
		errs = append(errs, pages.FormError{Field: "icon", Message: i18n.T(ctx, "settings.webchat.error.icon")})
	}
	return errs, dayErrs
}

// webChatView is the page showing cs and hours with their errors.
func (h *Settings) webChatView(ctx context.Context, shop storage.Shop, cs storage.ChatSettings, hours chat.Schedule, errs pages.FormErrors, dayErrs map[time.Weekday]string) pages.WebChatView {
	return pages.WebChatView{
		Enabled: cs.Enabled, LoginStatus: cs.LoginStatus, WelcomeMessage: cs.WelcomeMessage,
		Hours:              hoursView(ctx, hours, dayErrs, timezoneName(ctx, shop)),
		DuringHoursMessage: cs.DuringHoursMessage, OutsideHoursMessage: cs.OutsideHoursMessage,
		Color: cs.Color, Icon: cs.Icon, Position: cs.Position, Icons: launcherIcons,
		ThemeEditorURL: embedEditorURL(cmp.Or(h.ShopURL, "https://{shop}"), shop.Domain, h.APIKey), Errors: errs,
	}
}

// writeWebChat writes the page, or the form alone for htmx, with the
// design as the shop's theme has it.
func (h *Settings) writeWebChat(c *fiber.Ctx, shop storage.Shop, v pages.WebChatView) error {
	v.Design = h.designSource(c.UserContext(), shop)
	head := titledHead(h.Render, c, "settings.sections.web-chat.label")
	return h.page(c, v.Errors, pages.WebChatSettings(head, nav, v), pages.WebChatForm(v))
}

// timezoneName names the zone the office hours are in, as Shopify gave it;
// a shop not yet synced is judged in UTC (storage.Shop.Location).
func timezoneName(ctx context.Context, shop storage.Shop) string {
	if shop.Location().String() == "UTC" && shop.IANATimezone != "UTC" {
		return i18n.T(ctx, "settings.hours.timezone_unknown")
	}
	return shop.IANATimezone
}
