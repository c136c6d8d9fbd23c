package admin

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/helpdesk"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// credentialsTimeout bounds the call that checks a helpdesk's credentials,
// well within the request's own deadline, so the page answers in time.
const credentialsTimeout = 10 * time.Second

// handoffChange is the posted status and handoff, settled against what is
// stored: the settings to save, the secrets they replace, the problems
// found, and the helpdesk client to check changed credentials with.
type handoffChange struct {
	next    storage.AISettings
	replace storage.HelpdeskSecrets
	errs    pages.FormErrors
	check   helpdesk.Client
	prefix  string // "zendesk" or "gorgias": the start of the checked fields' ids
}

// readHandoff reads the form. Only the chosen handoff's fields are read;
// the others keep what is stored, so switching back asks for nothing again.
func (h *AIAgent) readHandoff(c *fiber.Ctx, stored storage.AISettings) (handoffChange, error) {
	ch := handoffChange{next: stored}
	ch.next.Enabled = c.FormValue("enabled") == "on"
	switch handoff := storage.Handoff(c.FormValue("handoff")); handoff {
	case storage.HandoffInbox:
		ch.next.Handoff = handoff
	case storage.HandoffCustomMessage:
		ch.next.Handoff, ch.next.CustomMessage = handoff, formText(c, "custom_message")
		checkText(c.UserContext(), &ch.errs, "custom-message", "settings.ai.handoff.error.custom_message", ch.next.CustomMessage, maxMessage)
	case storage.HandoffZendesk:
		ch.next.Handoff = handoff
		return ch, h.readZendesk(c, stored, &ch)
	case storage.HandoffGorgias:
		ch.next.Handoff = handoff
		return ch, h.readGorgias(c, stored, &ch)
	default:
		ch.errs = append(ch.errs, pages.FormError{Field: "handoff", Message: i18n.T(c.UserContext(), "messages.helpdesk.choose_handoff")})
	}
	return ch, nil
}

// readZendesk checks the Zendesk fields; a token left empty keeps the
// stored one.
func (h *AIAgent) readZendesk(c *fiber.Ctx, stored storage.AISettings, ch *handoffChange) error {
	posted := helpdesk.ZendeskSettings{Subdomain: c.FormValue("zendesk_subdomain"), AgentEmail: c.FormValue("zendesk_agent_email"),
		APIToken: helpdesk.Secret(strings.TrimSpace(c.FormValue("zendesk_api_token")))}
	ch.next.ZendeskSubdomain, ch.next.ZendeskAgentEmail = strings.TrimSpace(posted.Subdomain), strings.TrimSpace(posted.AgentEmail)
	s := posted
	if s.APIToken == "" && stored.HasZendeskToken {
		secrets, err := h.Settings.Secrets(c.UserContext(), web.ShopID(c))
		if err != nil {
			return err
		}
		s.APIToken = helpdesk.Secret(secrets.ZendeskAPIToken)
	}
	n, err := s.Normalize()
	if ch.errs = helpdeskProblems(c.UserContext(), err, "zendesk"); len(ch.errs) > 0 {
		return nil
	}
	ch.next.ZendeskSubdomain, ch.next.ZendeskAgentEmail = n.Subdomain, n.AgentEmail
	if posted.APIToken != "" {
		ch.replace.ZendeskAPIToken = string(n.APIToken)
	}
	if stored.Handoff == storage.HandoffZendesk && n.Subdomain == stored.ZendeskSubdomain &&
		n.AgentEmail == stored.ZendeskAgentEmail && posted.APIToken == "" {
		return nil // the account that was checked when it was saved
	}
	client, err := h.Helpdesks.Zendesk(n)
	ch.check, ch.prefix = client, "zendesk"
	return err
}

// readGorgias checks the Gorgias fields; a key left empty keeps the stored
// one.
func (h *AIAgent) readGorgias(c *fiber.Ctx, stored storage.AISettings, ch *handoffChange) error {
	posted := helpdesk.GorgiasSettings{Domain: c.FormValue("gorgias_domain"), Username: c.FormValue("gorgias_username"),
		APIKey: helpdesk.Secret(strings.TrimSpace(c.FormValue("gorgias_api_key")))}
	ch.next.GorgiasDomain, ch.next.GorgiasUsername = strings.TrimSpace(posted.Domain), strings.TrimSpace(posted.Username)
	s := posted
	if s.APIKey == "" && stored.HasGorgiasKey {
		secrets, err := h.Settings.Secrets(c.UserContext(), web.ShopID(c))
		if err != nil {
			return err
		}
		s.APIKey = helpdesk.Secret(secrets.GorgiasAPIKey)
	}
	n, err := s.Normalize()
	if ch.errs = helpdeskProblems(c.UserContext(), err, "gorgias"); len(ch.errs) > 0 {
		return nil
	}
	ch.next.GorgiasDomain, ch.next.GorgiasUsername = n.Domain, n.Username
	if posted.APIKey != "" {
		ch.replace.GorgiasAPIKey = string(n.APIKey)
	}
	if stored.Handoff == storage.HandoffGorgias && n.Domain == stored.GorgiasDomain &&
		n.Username == stored.GorgiasUsername && posted.APIKey == "" {
		return nil
	}
	client, err := h.Helpdesks.Gorgias(n)
	ch.check, ch.prefix = client, "gorgias"
	return err
}

// helpdeskProblems are the settings' problems as form errors beside their
// fields: "zendesk-" + "agent-email" for helpdesk.FieldAgentEmail.
func helpdeskProblems(ctx context.Context, err error, prefix string) pages.FormErrors {
	var problems helpdesk.Problems
	if !errors.As(err, &problems) {
		return nil
	}
	errs := make(pages.FormErrors, len(problems))
	for i, p := range problems {
		errs[i] = pages.FormError{Field: prefix + "-" + strings.ReplaceAll(p.Field, "_", "-"), Message: i18n.T(ctx, "messages.helpdesk.field."+prefix+"."+p.Field)}
	}
	return errs
}

// checkCredentials asks the helpdesk whether it accepts the credentials,
// with no transaction open. A refusal is a problem beside the field it is
// about (422); a helpdesk that cannot answer now, one beside the account's
// fields (503). Either way nothing is saved.
func (h *AIAgent) checkCredentials(ctx context.Context, ch handoffChange) (int, pages.FormErrors, error) {
	ctx, cancel := context.WithTimeout(ctx, credentialsTimeout)
	defer cancel()
	err := ch.check.CheckCredentials(ctx)
	if err == nil {
		return fiber.StatusOK, nil, nil
	}
	var he *helpdesk.Error
	if !errors.As(err, &he) {
		return 0, nil, err
	}
	if he.Temporary() {
		return fiber.StatusServiceUnavailable, pages.FormErrors{{Field: ch.prefix + "-check", Message: unavailableMessage(ctx, he)}}, nil
	}
	field := map[helpdesk.Kind]string{
		helpdesk.BadCredentials: map[string]string{"zendesk": "zendesk-api-token", "gorgias": "gorgias-api-key"}[ch.prefix],
		helpdesk.Forbidden:      map[string]string{"zendesk": "zendesk-agent-email", "gorgias": "gorgias-username"}[ch.prefix],
		helpdesk.NotFound:       map[string]string{"zendesk": "zendesk-subdomain", "gorgias": "gorgias-domain"}[ch.prefix],
	}[he.Kind]
	if field == "" {
		field = ch.prefix + "-check"
	}
	return fiber.StatusUnprocessableEntity, pages.FormErrors{{Field: field, Message: refusedMessage(ctx, ch, he)}}, nil
}
