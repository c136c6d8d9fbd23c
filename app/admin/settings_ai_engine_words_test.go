package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"testing"
	"time"

	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/storage"
	"hubchat/views/i18n"
)

// "Try your agent" and the engine form in Polish: the base URL's problems,
// the reason the built-in engine answered in the model's place, the rule
// that decided without it, the handoff reason and the topic are all in
// Polish, with nothing of the English left.
func TestEngineReasonsInPolish(t *testing.T) {
	t.Parallel()
	e := startEngineEnv(t, false)
	e.speaking(i18n.Polish)
	model := modelserver.Start(modelKey)
	t.Cleanup(model.Close)
	for base, polish := range map[string]string{
		"ftp://models.example/v1":      "adres musi zaczynać się od https://",
		"https://me@models.example/v1": "adres nie może zawierać nazwy użytkownika",
		"https://127.0.0.1/v1":         "127.0.0.1 to adres prywatny lub lokalny",
		"not a url":                    "wpisz pełny adres URL",
	} {
		resp, frag := e.post(aiPath+"/engine", engineForm(base, "small-model", modelKey), true)
		wantStatus(t, base, resp, frag, http.StatusUnprocessableEntity)
		wantWords(t, base, html.UnescapeString(frag), []string{polish},
			[]string{"the address must", "is a private or local address", "enter an absolute URL"})
	}

	// Saved with a model the test serves (private addresses allowed).
	e = startEngineEnv(t, true)
	e.speaking(i18n.Polish)
	if _, err := storage.NewFAQs(e.DB, time.Now).Create(context.Background(), e.shopID, "How long does shipping take?",
		"Orders arrive in 3 to 5 working days.", true); err != nil {
		t.Fatal(err)
	}
	resp, frag := e.post(aiPath+"/engine", engineForm(model.URL, "small-model", modelKey), true)
	wantStatus(t, "save", resp, frag, http.StatusOK)
	model.Reply(modelserver.Error(http.StatusTooManyRequests, "requests", "rate_limit_exceeded"))
	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"how long does shipping take"}}, true)
	wantStatus(t, "fallback", resp, frag, http.StatusOK)
	wantWords(t, "fallback", html.UnescapeString(frag),
		[]string{"Punkt końcowy modelu odpowiedział kodem HTTP 429", "wysyłka"},
		[]string{"model endpoint answered", "topic: shipping", "messages."})

	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"talk to a person"}}, true)
	wantStatus(t, "a rule decided", resp, frag, http.StatusOK)
	wantWords(t, "a rule decided", html.UnescapeString(frag),
		[]string{"(poproszono o rozmowę z człowiekiem)", "Poproszono o rozmowę z człowiekiem."},
		[]string{"asked for a person", "Asked for a person", "messages."})
}
