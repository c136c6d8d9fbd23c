package admin_test

import (
	"html"
	"net/http"
	"net/url"
	"testing"

	"hubchat/views/i18n"
)

// Settings → AI agent in Polish: the helpdesk fields' problems, the
// helpdesks' refusals of the credentials and their failures to answer are
// all said in Polish, with nothing of the English left.
func TestHelpdeskChecksInPolish(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	e.speaking(i18n.Polish)
	english := []string{"Nothing was saved", "did not accept", "Enter your", "Use the email", "limiting requests", "problem on its side", "messages.helpdesk"}
	say := func(what string, form url.Values, status int, polish ...string) {
		t.Helper()
		resp, body := e.post(aiPath, form, true)
		wantStatus(t, what, resp, body, status)
		wantWords(t, what, html.UnescapeString(body), polish, english)
	}
	say("no handoff", url.Values{"handoff": {"carrier pigeon"}}, 422, "Wybierz, co agent robi, gdy nie może pomóc")
	say("bad fields", url.Values{"handoff": {"zendesk"}, "zendesk_subdomain": {"not a subdomain!"}, "zendesk_agent_email": {"nobody"}, "zendesk_api_token": {"x"}}, 422,
		"Wpisz swoją subdomenę Zendesk", "Wpisz adres e-mail agenta lub administratora Zendesk", "Wklej token API z Centrum administracyjnego Zendesk")
	say("wrong token", zendeskForm("ZDTOKEN-wrong-0000"), 422, "Zendesk nie zaakceptował adresu e-mail agenta i tokenu API.", "Nic nie zostało zapisane.")
	e.zendesk.SetRole("end-user")
	say("end user", zendeskForm(zendeskToken), 422, "Token API należy do użytkownika końcowego Zendesk")
	e.zendesk.SetRole("agent")
	e.zendesk.FailNext(1, http.StatusServiceUnavailable)
	say("Zendesk down", zendeskForm(zendeskToken), 503, "Zendesk miał problem po swojej stronie")
	e.gorgias.RateLimitNext(1, 30_000_000_000)
	say("rate limited", gorgiasForm(gorgiasKey), 503, "Gorgias ogranicza teraz liczbę żądań", "spróbuj ponownie za 30 s.")
	say("wrong key", gorgiasForm("GSKEY-wrong-00000"), 422, "Gorgias nie zaakceptował nazwy użytkownika i klucza API.")
}
