package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/storage"
)

const modelKey = "sk-model-9c4e1b7a2f6d3e8a"

// startEngineEnv is the app with its own engines (the built-in one and
// the per-shop choice), the demo shop installed, and endpoints on private
// addresses allowed or not.
func startEngineEnv(t *testing.T, allowPrivate bool) settingsEnv {
	t.Helper()
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.ModelEndpointsAllowPrivate = allowPrivate }})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	return settingsEnv{Env: env, t: t, shopID: shopID}
}

func engineForm(baseURL, model, key string) url.Values {
	return url.Values{"engine": {"openai"}, "base_url": {baseURL}, "model": {model}, "api_key": {key}}
}

// The form says what is wrong with each field, refuses a private address
// in production, and saves nothing then.
func TestEngineSettingsValidation(t *testing.T) {
	t.Parallel()
	e := startEngineEnv(t, false)
	cases := []struct {
		name string
		form url.Values
		says []string
	}{
		{"nothing chosen", url.Values{}, []string{"Choose Built-in or OpenAI-compatible model."}},
		{"fields empty", engineForm("", "", ""), []string{"Enter the base URL", "Enter the model’s name", "Enter the API key"}},
		{"not a URL", engineForm("api.example.com/v1", "m", "k"), []string{"Base URL: enter an absolute URL"}},
		{"plain http", engineForm("http://api.example.com/v1", "m", "k"), []string{"Base URL: the address must start with https://"}},
		{"loopback", engineForm("https://127.0.0.1:8443/v1", "m", "k"), []string{"127.0.0.1 is a private or local address"}},
		{"cloud metadata", engineForm("https://169.254.169.254/v1", "m", "k"), []string{"169.254.169.254 is a private or local address"}},
		{"model with spaces", engineForm("https://api.example.com/v1", "gpt 4", "k"), []string{"A model’s name is one word"}},
	}
	for _, c := range cases {
		resp, frag := e.post(aiPath+"/engine", c.form, true)
		wantStatus(t, c.name, resp, frag, http.StatusUnprocessableEntity)
		text := html.UnescapeString(frag)
		for _, s := range c.says {
			if !strings.Contains(text, s) {
				t.Errorf("%s: the form does not say %q:\n%.2000s", c.name, s, text)
			}
		}
	}
	var rows int
	if err := e.DB.Get(&rows, `SELECT count(*) FROM ai_engine_settings`); err != nil || rows != 0 {
		t.Fatalf("%d rows saved (%v)", rows, err)
	}
}

// Saved, the key is sealed and never shown back or logged; the try panel
// asks the shop's model, says so, and says when and why the built-in
// engine answered in its place.
func TestEngineSettingsSaveAndTry(t *testing.T) {
	t.Parallel()
	e := startEngineEnv(t, true)
	model := modelserver.Start(modelKey)
	t.Cleanup(model.Close)
	ctx := context.Background()
	if _, err := storage.NewFAQs(e.DB, time.Now).Create(ctx, e.shopID, "How long does shipping take?",
		"Orders arrive in 3 to 5 working days.", true); err != nil {
		t.Fatal(err)
	}
	resp, frag := e.post(aiPath+"/engine", engineForm(model.URL+"/", "small-model", modelKey), true)
	wantStatus(t, "save", resp, frag, http.StatusOK)
	if !strings.Contains(frag, "Settings saved") || !strings.Contains(frag, `data-testid="engine-api-key-set"`) {
		t.Fatalf("saved form:\n%.3000s", frag)
	}
	var sealed string
	if err := e.DB.Get(&sealed, `SELECT api_key_sealed FROM ai_engine_settings WHERE shop_id = $1`, e.shopID); err != nil ||
		strings.Contains(sealed, modelKey) {
		t.Fatalf("stored key %q (%v)", sealed, err)
	}
	// Saved again with the key left empty: kept.
	resp, frag = e.post(aiPath+"/engine", engineForm(model.URL, "small-model-2", ""), true)
	wantStatus(t, "save keeping the key", resp, frag, http.StatusOK)

	model.Reply(modelserver.Text("Your order arrives in 3 to 5 working days."))
	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"how long does shipping take"}}, true)
	wantStatus(t, "try", resp, frag, http.StatusOK)
	text := html.UnescapeString(frag)
	if !strings.Contains(text, "Your order arrives in 3 to 5 working days.") || !strings.Contains(text, "Your OpenAI-compatible model") {
		t.Fatalf("the model's answer:\n%.3000s", text)
	}
	if reqs := model.Requests(); len(reqs) != 1 || reqs[0].Model != "small-model-2" {
		t.Fatalf("requests %+v", reqs)
	}
	model.Reply(modelserver.Error(http.StatusTooManyRequests, "requests", "rate_limit_exceeded"))
	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"how long does shipping take"}}, true)
	wantStatus(t, "try with the model failing", resp, frag, http.StatusOK)
	text = html.UnescapeString(frag)
	if !strings.Contains(text, "Orders arrive in 3 to 5 working days.") || !strings.Contains(text, "in place of your model") ||
		!strings.Contains(text, "answered 429") {
		t.Fatalf("the fallback:\n%.3000s", text)
	}
	_, page := e.page(aiPath)
	if strings.Contains(page, modelKey) || !strings.Contains(page, "small-model-2") || !strings.Contains(page, "Answering engine") {
		t.Fatalf("the page shows the key, or not the model:\n%.2000s", page)
	}
	if strings.Contains(e.Logs.String(), modelKey) {
		t.Fatal("the key is in the logs")
	}
	// A request for a person is the built-in engine's rules' to decide.
	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"I want to talk to a human"}}, true)
	wantStatus(t, "try a request for a person", resp, frag, http.StatusOK)
	if text = html.UnescapeString(frag); !strings.Contains(text, "whose rules decide this (asked for a person)") || len(model.Requests()) != 2 {
		t.Fatalf("a rule's answer: %d requests\n%.3000s", len(model.Requests()), text)
	}
	// Back to the built-in engine: the model is asked no more.
	resp, frag = e.post(aiPath+"/engine", url.Values{"engine": {"builtin"}}, true)
	wantStatus(t, "back to built-in", resp, frag, http.StatusOK)
	resp, frag = e.post(aiPath+"/try", url.Values{"question": {"how long does shipping take"}}, true)
	if text = html.UnescapeString(frag); !strings.Contains(text, "The built-in engine") || len(model.Requests()) != 2 {
		t.Fatalf("built-in again: %d requests\n%.2000s", len(model.Requests()), text)
	}
}
