package admin

import (
	"context"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// SMSAgentStore reads and writes whether the AI agent answers texts and
// how SMS sales are attributed.
type SMSAgentStore interface {
	Get(ctx context.Context, shopID int64) (storage.SMSAISettings, error)
	Save(ctx context.Context, s storage.SMSAISettings) (storage.SMSAISettings, error)
}

// The units the attribution window is typed in.
const (
	unitHours = "hours"
	unitDays  = "days"
)

// SaveSMSAgent saves Settings → AI agent → Text messages: whether the agent
// answers texts, and the SMS attribution window (a whole number of hours
// or days, from an hour to 30 days) and touchpoint. A bad value is named
// beside its field (422) and nothing is saved.
func (h *AIAgent) SaveSMSAgent(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	next, f := readSMSAgent(c, shopID)
	if len(f.Errors) > 0 {
		return h.writeSMSAgentForm(c, fiber.StatusUnprocessableEntity, f)
	}
	saved, err := h.SMSAgent.Save(ctx, next)
	if err != nil {
		return err
	}
	if !web.IsHTMX(c) {
		return done(c, pages.AIAgentAction, toastSaved)
	}
	f = smsAgentForm(saved)
	f.Toast = toastText(ctx, toastSaved)
	return h.writeSMSAgentForm(c, fiber.StatusOK, f)
}

// readSMSAgent reads the form: the settings to save, and the form as typed
// with the problems found.
func readSMSAgent(c *fiber.Ctx, shopID int64) (storage.SMSAISettings, pages.SMSAgentForm) {
	ctx := c.UserContext()
	f := pages.SMSAgentForm{AnswersSMS: c.FormValue("answers_sms") == "on", Window: formText(c, "window"),
		WindowUnit: c.FormValue("window_unit"), Touchpoint: c.FormValue("touchpoint")}
	add := func(field, key string) {
		f.Errors = append(f.Errors, pages.FormError{Field: field, Message: i18n.T(ctx, key)})
	}
	perUnit := map[string]int{unitHours: 1, unitDays: 24}[f.WindowUnit]
	n, err := strconv.Atoi(f.Window)
	switch {
	case perUnit == 0:
		add("sms-window", "smsai.error.unit")
	case err != nil:
		add("sms-window", "smsai.error.window_missing")
	case n < storage.MinSMSWindowHours || n > storage.MaxSMSWindowHours/perUnit:
		add("sms-window", "smsai.error.window_range")
	}
	if !slices.Contains(storage.Touchpoints, f.Touchpoint) {
		add("sms-touchpoint", "smsai.error.touchpoint")
	}
	return storage.SMSAISettings{ShopID: shopID, AnswersSMS: f.AnswersSMS, WindowHours: n * perUnit, Touchpoint: f.Touchpoint}, f
}

// smsAgentForm shows stored settings: the window in days when it is whole
// days.
func smsAgentForm(s storage.SMSAISettings) pages.SMSAgentForm {
	f := pages.SMSAgentForm{AnswersSMS: s.AnswersSMS, Window: strconv.Itoa(s.WindowHours), WindowUnit: unitHours, Touchpoint: s.Touchpoint}
	if s.WindowHours%24 == 0 {
		f.Window, f.WindowUnit = strconv.Itoa(s.WindowHours/24), unitDays
	}
	return f
}

// storedSMSAgentForm is the form as stored, for the page.
func (h *AIAgent) storedSMSAgentForm(c *fiber.Ctx) (pages.SMSAgentForm, error) {
	s, err := h.SMSAgent.Get(c.UserContext(), web.ShopID(c))
	if err != nil {
		return pages.SMSAgentForm{}, err
	}
	return smsAgentForm(s), nil
}

// writeSMSAgentForm writes the form alone for htmx, else the whole page
// with it.
func (h *AIAgent) writeSMSAgentForm(c *fiber.Ctx, status int, f pages.SMSAgentForm) error {
	c.Vary("HX-Request")
	if web.IsHTMX(c) {
		return web.Component(c, status, pages.SMSAgentSettingsForm(f))
	}
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	a, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return err
	}
	return h.writeView(c, status, pages.AIAgentView{Form: aiAgentForm(ctx, shop, a, nil), SMS: f, Try: h.tryView()})
}
