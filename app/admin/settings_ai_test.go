package admin_test

import (
	"net/url"
	"strings"
	"testing"
)

const aiPath = "/app/settings/ai-agent"

// zendeskForm is the form choosing Zendesk with the given token.
func zendeskForm(token string) url.Values {
	return url.Values{"enabled": {"on"}, "handoff": {"zendesk"}, "zendesk_subdomain": {"https://Demo-Shop.zendesk.com/agent"},
		"zendesk_agent_email": {" " + zendeskEmail + " "}, "zendesk_api_token": {token}}
}

func gorgiasForm(key string) url.Values {
	return url.Values{"handoff": {"gorgias"}, "gorgias_domain": {"demo-shop.gorgias.com"},
		"gorgias_username": {gorgiasUser}, "gorgias_api_key": {key}}
}

func TestAIAgentSettingsValidateEachField(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	resp, page := e.page(aiPath)
	wantStatus(t, "GET", resp, page, 200)
	if !strings.Contains(page, `name="handoff" value="inbox" checked`) || strings.Contains(page, `data-testid="ai-since"`) {
		t.Fatalf("defaults: inbox, never turned on:\n%.3000s", page)
	}
	if _, index := e.page("/app/settings"); !strings.Contains(index, `data-testid="settings-card-ai-agent"`) {
		t.Fatal("the settings index does not list the AI agent")
	}

	for name, tc := range map[string]struct {
		form           url.Values
		field, message string
	}{
		"no handoff":         {url.Values{"handoff": {"email"}}, "handoff", "Choose what the agent does when it can’t help"},
		"empty message":      {url.Values{"handoff": {"custom_message"}, "custom_message": {"  "}}, "custom-message", "Enter the message shoppers see."},
		"long message":       {url.Values{"handoff": {"custom_message"}, "custom_message": {strings.Repeat("a", 501)}}, "custom-message", "at most 500 characters (it has 501)"},
		"zendesk subdomain":  {url.Values{"handoff": {"zendesk"}, "zendesk_subdomain": {"my store"}, "zendesk_agent_email": {zendeskEmail}, "zendesk_api_token": {zendeskToken}}, "zendesk-subdomain", "Enter your Zendesk subdomain"},
		"zendesk email":      {url.Values{"handoff": {"zendesk"}, "zendesk_subdomain": {"demo"}, "zendesk_agent_email": {"agent"}, "zendesk_api_token": {zendeskToken}}, "zendesk-agent-email", "Enter the email address of the Zendesk agent"},
		"zendesk no token":   {url.Values{"handoff": {"zendesk"}, "zendesk_subdomain": {"demo"}, "zendesk_agent_email": {zendeskEmail}}, "zendesk-api-token", "Paste the API token"},
		"gorgias domain":     {url.Values{"handoff": {"gorgias"}, "gorgias_domain": {"-x"}, "gorgias_username": {gorgiasUser}, "gorgias_api_key": {gorgiasKey}}, "gorgias-domain", "Enter your Gorgias account domain"},
		"gorgias username":   {url.Values{"handoff": {"gorgias"}, "gorgias_domain": {"demo"}, "gorgias_username": {"me"}, "gorgias_api_key": {gorgiasKey}}, "gorgias-username", "Enter the Username shown under Settings → REST API"},
		"gorgias key spaced": {url.Values{"handoff": {"gorgias"}, "gorgias_domain": {"demo"}, "gorgias_username": {gorgiasUser}, "gorgias_api_key": {"abc def ghi"}}, "gorgias-api-key", "Paste the API key"},
	} {
		for _, htmx := range []bool{false, true} {
			resp, body := e.post(aiPath, tc.form, htmx)
			wantStatus(t, name, resp, body, 422)
			wantFieldError(t, body, tc.field, tc.message)
			if strings.Contains(body, zendeskToken) || strings.Contains(body, gorgiasKey) {
				t.Fatalf("%s: the page shows a secret back", name)
			}
		}
	}
	if n := e.aiRows(); n != 0 {
		t.Fatalf("invalid forms saved %d rows", n)
	}
}

// Turning the agent on records when, once; turning it off keeps that and
// the settings.
func TestAIAgentOnAndOff(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	resp, body := e.post(aiPath, url.Values{"enabled": {"on"}, "handoff": {"custom_message"}, "custom_message": {"Email us at help@example.com."}}, false)
	wantRedirect(t, "turn on", resp, aiPath+"?done=Settings+saved")
	on := e.aiSettings()
	if !on.Enabled || on.FirstEnabledAt == nil || on.CustomMessage != "Email us at help@example.com." {
		t.Fatalf("turned on: %+v %s", on, body)
	}
	resp, frag := e.post(aiPath, url.Values{"handoff": {"custom_message"}, "custom_message": {"Email us at help@example.com."}}, true)
	wantStatus(t, "turn off", resp, frag, 200)
	if !strings.HasPrefix(frag, `<form class="settings-form" id="ai-agent-form"`) || !strings.Contains(frag, savedToast) ||
		!strings.Contains(frag, `data-testid="ai-since"`) || strings.Contains(frag, `name="enabled" value="on" checked`) {
		t.Fatalf("htmx answer:\n%.3000s", frag)
	}
	off := e.aiSettings()
	if off.Enabled || off.FirstEnabledAt == nil || !off.FirstEnabledAt.Equal(*on.FirstEnabledAt) || off.Handoff != "custom_message" {
		t.Fatalf("turned off: %+v", off)
	}
}
