package admin

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/aiagent/openai"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// AIEngineStore reads and writes the shop's answering engine; the API key
// goes in and never comes out.
type AIEngineStore interface {
	Get(ctx context.Context, shopID int64) (storage.AIEngineSettings, error)
	Save(ctx context.Context, a storage.AIEngineSettings, apiKey string) (storage.AIEngineSettings, error)
}

// Limits of the engine fields, in characters.
const (
	maxModelName = 200
	maxAPIKey    = 1000
	maxBaseURL   = 500
)

// SaveEngine saves the answering engine: the built-in one, or an
// OpenAI-compatible endpoint whose base URL, model and key are checked
// first (a key left empty keeps the stored one). Switching back to the
// built-in engine keeps the endpoint's fields for later.
func (h *AIAgent) SaveEngine(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	stored, err := h.Engines.Get(ctx, shopID)
	if err != nil {
		return err
	}
	next, key, errs := h.readEngine(c, stored)
	if len(errs) > 0 {
		f := h.engineForm(next, errs)
		return h.writeEngineForm(c, fiber.StatusUnprocessableEntity, f)
	}
	saved, err := h.Engines.Save(ctx, next, key)
	if err != nil {
		return err
	}
	if !web.IsHTMX(c) {
		return done(c, pages.AIAgentAction, toastSaved)
	}
	f := h.engineForm(saved, nil)
	f.Toast = toastText(c.UserContext(), toastSaved)
	return h.writeEngineForm(c, fiber.StatusOK, f)
}

// readEngine reads the form against what is stored: the settings to save,
// the new key ("" to keep), and the problems found.
func (h *AIAgent) readEngine(c *fiber.Ctx, stored storage.AIEngineSettings) (storage.AIEngineSettings, string, pages.FormErrors) {
	ctx := c.UserContext()
	next := stored
	var errs pages.FormErrors
	switch engine := storage.AIEngine(c.FormValue("engine")); engine {
	case storage.AIEngineBuiltin:
		next.Engine = engine
		return next, "", nil
	case storage.AIEngineOpenAI:
		next.Engine = engine
	default:
		return next, "", pages.FormErrors{{Field: "engine", Message: i18n.T(ctx, "settings.ai.engine.error.choose")}}
	}
	next.BaseURL, next.Model = formText(c, "base_url"), formText(c, "model")
	key := strings.TrimSpace(c.FormValue("api_key"))
	switch base, err := openai.CheckBaseURL(next.BaseURL, h.AllowPrivateEndpoints); {
	case next.BaseURL == "":
		errs = append(errs, pages.FormError{Field: "engine-base-url", Message: i18n.T(ctx, "settings.ai.engine.error.base_url_missing")})
	case utf8.RuneCountInString(next.BaseURL) > maxBaseURL:
		errs = append(errs, pages.FormError{Field: "engine-base-url", Message: i18n.T(ctx, "settings.ai.engine.error.base_url_too_long")})
	case err != nil:
		errs = append(errs, pages.FormError{Field: "engine-base-url", Message: i18n.T(ctx, "settings.ai.engine.error.base_url", "reason", baseURLProblem(ctx, next.BaseURL, err))})
	default:
		next.BaseURL = base
	}
	switch n := utf8.RuneCountInString(next.Model); {
	case n == 0:
		errs = append(errs, pages.FormError{Field: "engine-model", Message: i18n.T(ctx, "settings.ai.engine.error.model_missing")})
	case n > maxModelName || strings.ContainsFunc(next.Model, unicode.IsSpace) || strings.ContainsFunc(next.Model, unicode.IsControl):
		errs = append(errs, pages.FormError{Field: "engine-model", Message: i18n.T(ctx, "settings.ai.engine.error.model_invalid", "max", maxModelName)})
	}
	switch {
	case key == "" && !stored.HasAPIKey:
		errs = append(errs, pages.FormError{Field: "engine-api-key", Message: i18n.T(ctx, "settings.ai.engine.error.key_missing")})
	case utf8.RuneCountInString(key) > maxAPIKey || strings.ContainsFunc(key, unicode.IsSpace) || strings.ContainsFunc(key, unicode.IsControl):
		errs = append(errs, pages.FormError{Field: "engine-api-key", Message: i18n.T(ctx, "settings.ai.engine.error.key_invalid", "max", maxAPIKey)})
	}
	return next, key, errs
}

// engineForm is the form showing a with its errors.
func (h *AIAgent) engineForm(a storage.AIEngineSettings, errs pages.FormErrors) pages.EngineForm {
	return pages.EngineForm{Engine: string(a.Engine), BaseURL: a.BaseURL, Model: a.Model, KeySet: a.HasAPIKey,
		Errors: errs, AllowPrivate: h.AllowPrivateEndpoints}
}

// storedEngineForm is the form as stored, for the page.
func (h *AIAgent) storedEngineForm(c *fiber.Ctx) (pages.EngineForm, error) {
	a, err := h.Engines.Get(c.UserContext(), web.ShopID(c))
	if err != nil {
		return pages.EngineForm{}, err
	}
	return h.engineForm(a, nil), nil
}

// writeEngineForm writes the engine form alone for htmx, else the whole
// page with it.
func (h *AIAgent) writeEngineForm(c *fiber.Ctx, status int, f pages.EngineForm) error {
	c.Vary("HX-Request")
	if web.IsHTMX(c) {
		return web.Component(c, status, pages.EngineSettingsForm(f))
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
	return h.writeView(c, status, pages.AIAgentView{Form: aiAgentForm(c.UserContext(), shop, a, nil), Engine: f, Try: h.tryView()})
}
