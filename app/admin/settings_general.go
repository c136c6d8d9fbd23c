package admin

import (
	"context"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// maxURL is the longest policy link accepted, far beyond any real one.
const maxURL = 2000

// General shows Settings → General: the policy links of the chat.
func (h *Settings) General(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	cs, err := h.Chat.Get(ctx, shopID)
	if err != nil {
		return err
	}
	v := generalView(shop, cs, nil)
	v.Toast = doneToast(c)
	return h.writeGeneral(c, v)
}

// SaveGeneral saves the links and publishes them to the storefront.
func (h *Settings) SaveGeneral(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	cs, err := h.Chat.Get(ctx, shopID)
	if err != nil {
		return err
	}
	cs.PrivacyURL, cs.TermsURL = formText(c, "privacy_url"), formText(c, "terms_url")
	var errs pages.FormErrors
	if msg := policyURLProblem(ctx, cs.PrivacyURL, "privacy"); msg != "" {
		errs = append(errs, pages.FormError{Field: "privacy-url", Message: msg})
	}
	if msg := policyURLProblem(ctx, cs.TermsURL, "terms"); msg != "" {
		errs = append(errs, pages.FormError{Field: "terms-url", Message: msg})
	}
	if len(errs) > 0 {
		return h.writeGeneral(c, generalView(shop, cs, errs))
	}
	if err := h.Chat.Save(ctx, cs); err != nil {
		return err
	}
	if err := h.Publish(ctx, shopID); err != nil {
		return err
	}
	if !web.IsHTMX(c) {
		return done(c, pages.GeneralAction, toastSaved)
	}
	v := generalView(shop, cs, nil)
	v.Toast = toastText(ctx, toastSaved)
	return h.writeGeneral(c, v)
}

// policyURLProblem says what is wrong with a policy link, or "": it must be
// empty (the shop's own policy) or a full https address, since the chat
// opens it from the storefront, which is https. policy is "privacy" or
// "terms", naming the messages settings.general.<policy>_too_long...
func policyURLProblem(ctx context.Context, raw, policy string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case len(raw) > maxURL:
		return i18n.T(ctx, "settings.general."+policy+"_too_long")
	case err == nil && u.Scheme == "http":
		return i18n.T(ctx, "settings.general."+policy+"_not_secure")
	case err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil:
		return i18n.T(ctx, "settings.general."+policy+"_not_a_link")
	}
	return ""
}

func generalView(shop storage.Shop, cs storage.ChatSettings, errs pages.FormErrors) pages.GeneralView {
	return pages.GeneralView{PrivacyURL: cs.PrivacyURL, TermsURL: cs.TermsURL,
		ShopPrivacyURL: shop.PrivacyPolicyURL, ShopTermsURL: shop.TermsOfServiceURL, Errors: errs}
}

// writeGeneral writes the page, or the form alone for htmx.
func (h *Settings) writeGeneral(c *fiber.Ctx, v pages.GeneralView) error {
	head := titledHead(h.Render, c, "settings.sections.general.label")
	return h.page(c, v.Errors, pages.GeneralSettings(head, nav, v), pages.GeneralForm(v))
}
