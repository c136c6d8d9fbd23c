package admin

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/twilio"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// SMSSettingsStore reads and writes the shop's SMS settings; the auth
// token goes in, and comes out only through Credentials, for the check.
type SMSSettingsStore interface {
	Get(ctx context.Context, shopID int64) (storage.SMSSettings, error)
	Save(ctx context.Context, s storage.SMSSettings, authToken string) (storage.SMSSettings, error)
	Credentials(ctx context.Context, shopID int64) (storage.SMSSettings, string, error)
}

// SMS serves Settings → SMS: the shop's Twilio account, its sender, and
// the incoming webhook URL to paste into Twilio.
type SMS struct {
	Shops    ShopReader
	Settings SMSSettingsStore
	// TwilioURL is Twilio's REST API (configuration), where the credentials
	// are checked.
	TwilioURL string
	// AppURL is the app's public address, which starts the webhook URL.
	AppURL string
	Render web.Renderer
}

// SMSIncomingPath is the path of a shop's incoming-message webhook, which
// Twilio posts each text to (signed with the shop's auth token); the
// domain names the shop whose token verifies it.
func SMSIncomingPath(domain string) string { return "/twilio/" + url.PathEscape(domain) + "/messages" }

// Page shows the settings as stored.
func (h *SMS) Page(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	stored, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return err
	}
	v, err := h.view(c, stored, nil)
	if err != nil {
		return err
	}
	v.Toast = doneToast(c)
	return h.write(c, fiber.StatusOK, v)
}

// Save checks the form, then the credentials with Twilio when they are new
// or changed, and saves; nothing is saved when either check fails.
func (h *SMS) Save(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	stored, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return err
	}
	next, token, errs := readSMS(c, stored)
	status := fiber.StatusUnprocessableEntity
	if len(errs) == 0 && needsCheck(stored, next, token) {
		status, errs, err = h.checkCredentials(ctx, shopID, next.AccountSID, token)
		if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		v, err := h.view(c, next, errs)
		if err != nil {
			return err
		}
		return h.write(c, status, v)
	}
	saved, err := h.Settings.Save(ctx, next, token)
	if err != nil {
		return err
	}
	if !web.IsHTMX(c) {
		return done(c, pages.SMSAction, toastSaved)
	}
	v, err := h.view(c, saved, nil)
	if err != nil {
		return err
	}
	v.Toast = toastText(ctx, toastSaved)
	return h.write(c, fiber.StatusOK, v)
}

// readSMS reads the form against what is stored: the settings to save,
// the new token ("" keeps the stored one), and the problems found.
func readSMS(c *fiber.Ctx, stored storage.SMSSettings) (storage.SMSSettings, string, pages.FormErrors) {
	next := stored
	next.Enabled = c.FormValue("enabled") == "on"
	next.AccountSID = strings.TrimSpace(c.FormValue("account_sid"))
	token := strings.TrimSpace(c.FormValue("auth_token"))
	sender := strings.TrimSpace(c.FormValue("sender"))
	next.FromNumber, next.MessagingServiceSID = "", ""
	if strings.HasPrefix(strings.ToUpper(sender), "MG") {
		next.MessagingServiceSID = sender
	} else {
		next.FromNumber = strings.Join(strings.Fields(sender), "")
	}
	var errs pages.FormErrors
	ctx := c.UserContext()
	add := func(field, key string) {
		errs = append(errs, pages.FormError{Field: field, Message: i18n.T(ctx, key)})
	}
	switch {
	case next.AccountSID == "" && next.Enabled:
		add("sms-account-sid", "sms.error.sid_missing")
	case next.AccountSID != "" && !twilio.ValidAccountSID(next.AccountSID):
		add("sms-account-sid", "sms.error.sid_invalid")
	}
	switch {
	case token == "" && !stored.HasAuthToken && next.Enabled:
		add("sms-auth-token", "sms.error.token_missing")
	case token != "" && !twilio.ValidAuthToken(token):
		add("sms-auth-token", "sms.error.token_invalid")
	}
	switch {
	case sender == "" && next.Enabled:
		add("sms-sender", "sms.error.sender_missing")
	case next.MessagingServiceSID != "" && !twilio.ValidServiceSID(next.MessagingServiceSID):
		add("sms-sender", "sms.error.service_invalid")
	case next.FromNumber != "" && !twilio.ValidE164(next.FromNumber):
		add("sms-sender", "sms.error.number_invalid")
	}
	return next, token, errs
}

// needsCheck reports whether the credentials to save are complete and not
// the ones checked when they were last saved.
func needsCheck(stored, next storage.SMSSettings, token string) bool {
	complete := next.AccountSID != "" && (token != "" || stored.HasAuthToken)
	return complete && (token != "" || next.AccountSID != stored.AccountSID)
}

// checkCredentials asks Twilio whether the account SID and the token
// (given, or else stored) open an active account, with no transaction
// open. A refusal is a problem beside its field (422); a Twilio that cannot
// answer now, a problem under the account (503).
func (h *SMS) checkCredentials(ctx context.Context, shopID int64, accountSID, token string) (int, pages.FormErrors, error) {
	if token == "" {
		_, stored, err := h.Settings.Credentials(ctx, shopID)
		if err != nil {
			return 0, nil, err
		}
		token = stored
	}
	client, err := twilio.New(twilio.Credentials{AccountSID: accountSID, AuthToken: twilio.AuthToken(token)}, twilio.WithBaseURL(h.TwilioURL))
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, credentialsTimeout)
		defer cancel()
		err = client.CheckCredentials(ctx)
	}
	if err == nil {
		return fiber.StatusOK, nil, nil
	}
	var te *twilio.Error
	if !errors.As(err, &te) {
		return 0, nil, err
	}
	problem := func(field, msg string) pages.FormErrors { return pages.FormErrors{{Field: field, Message: msg}} }
	switch te.Kind {
	case twilio.RateLimited, twilio.Unavailable, twilio.Unreachable:
		return fiber.StatusServiceUnavailable, problem("sms-check", i18n.T(ctx, "sms.error.check_unreachable")), nil
	case twilio.BadCredentials:
		return fiber.StatusUnprocessableEntity, problem("sms-auth-token", i18n.T(ctx, "sms.error.bad_credentials")), nil
	case twilio.NotFound:
		return fiber.StatusUnprocessableEntity, problem("sms-account-sid", i18n.T(ctx, "sms.error.unknown_account")), nil
	}
	return fiber.StatusUnprocessableEntity, problem("sms-check", i18n.T(ctx, "sms.error.check_refused", "message", te.Message)), nil
}

// view is the form showing s with its errors.
func (h *SMS) view(c *fiber.Ctx, s storage.SMSSettings, errs pages.FormErrors) (pages.SMSView, error) {
	shop, err := h.Shops.Get(c.UserContext(), s.ShopID)
	if err != nil {
		return pages.SMSView{}, err
	}
	return pages.SMSView{Enabled: s.Enabled, AccountSID: s.AccountSID, TokenSet: s.HasAuthToken,
		Sender: s.FromNumber + s.MessagingServiceSID, Errors: errs,
		IncomingURL: strings.TrimRight(h.AppURL, "/") + SMSIncomingPath(shop.Domain)}, nil
}

// write writes the page, or the form alone for htmx.
func (h *SMS) write(c *fiber.Ctx, status int, v pages.SMSView) error {
	head := h.Render.EmbeddedHead(c, i18n.T(c.UserContext(), "settings.sections.sms.label"))
	return h.Render.Page(c, status, pages.SMSSettings(head, nav, v), pages.SMSForm(v))
}
