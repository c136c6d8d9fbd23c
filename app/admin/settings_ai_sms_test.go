package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hubchat/storage"
)

func smsAgentForm(answers, window, unit, touchpoint string) url.Values {
	f := url.Values{"window": {window}, "window_unit": {unit}, "touchpoint": {touchpoint}}
	if answers != "" {
		f.Set("answers_sms", answers)
	}
	return f
}

func (e settingsEnv) smsAgentSettings() storage.SMSAISettings {
	e.t.Helper()
	s, err := storage.NewSMSAISettings(e.DB, nil).Get(context.Background(), e.shopID)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// Settings → AI agent shows the agent on SMS off by default and SMS's
// attribution at its default (24 hours after a click); a save stores the
// window in hours from hours or days, and the page shows it again.
func TestSMSAgentSettingsSaveAndShow(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	_, page := e.page(aiPath)
	if !strings.Contains(page, `data-testid="ai-sms-form"`) || strings.Contains(page, `data-testid="ai-sms-answers" checked`) ||
		!strings.Contains(page, `name="window" value="1"`) || !strings.Contains(page, `value="days" selected`) ||
		!strings.Contains(page, `value="click" checked`) {
		t.Fatalf("the defaults are not shown: %.3000s", page[strings.Index(page, `data-testid="ai-sms-form"`):])
	}
	resp, frag := e.post(aiPath+"/sms", smsAgentForm("on", "36", "hours", "received"), true)
	wantStatus(t, "hours", resp, frag, http.StatusOK)
	if !strings.Contains(frag, savedToast) || !strings.Contains(frag, `name="window" value="36"`) || !strings.Contains(frag, `value="hours" selected`) {
		t.Fatalf("saved fragment: %.2000s", frag)
	}
	if got := e.smsAgentSettings(); !got.AnswersSMS || got.WindowHours != 36 || got.Touchpoint != storage.TouchpointReceived {
		t.Fatalf("stored %+v", got)
	}
	resp, _ = e.post(aiPath+"/sms", smsAgentForm("", "30", "days", "click"), false)
	wantRedirect(t, "days without JavaScript", resp, aiPath+"?done=Settings+saved")
	if got := e.smsAgentSettings(); got.AnswersSMS || got.WindowHours != 720 || got.Touchpoint != storage.TouchpointClick {
		t.Fatalf("stored %+v, want 30 days after a click, texts not answered", got)
	}
}

// Each bad value is named beside its field with 422, and nothing is saved.
func TestSMSAgentSettingsNameBadValues(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	cases := []struct {
		name, field, says string
		form              url.Values
	}{
		{"no window", "sms-window", "Enter the attribution window as a whole number.", smsAgentForm("on", "", "hours", "click")},
		{"a fraction", "sms-window", "Enter the attribution window as a whole number.", smsAgentForm("on", "1.5", "days", "click")},
		{"zero", "sms-window", "The attribution window must be from 1 hour to 30 days.", smsAgentForm("on", "0", "hours", "click")},
		{"31 days", "sms-window", "The attribution window must be from 1 hour to 30 days.", smsAgentForm("on", "31", "days", "click")},
		{"721 hours", "sms-window", "The attribution window must be from 1 hour to 30 days.", smsAgentForm("on", "721", "hours", "click")},
		{"weeks", "sms-window", "Choose hours or days for the attribution window.", smsAgentForm("on", "2", "weeks", "click")},
		{"no touchpoint", "sms-touchpoint", "Choose what starts the attribution window: a click on a texted link, or receiving the agent's text.",
			smsAgentForm("on", "2", "days", "")},
		{"unknown touchpoint", "sms-touchpoint", "Choose what starts the attribution window", smsAgentForm("on", "2", "days", "opened")},
	}
	for _, c := range cases {
		for _, htmx := range []bool{true, false} {
			resp, body := e.post(aiPath+"/sms", c.form, htmx)
			wantStatus(t, c.name, resp, body, http.StatusUnprocessableEntity)
			wantFieldError(t, html.UnescapeString(body), c.field, c.says)
		}
	}
	if got := e.smsAgentSettings(); got != storage.DefaultSMSAISettings(e.shopID) {
		t.Fatalf("stored %+v after refusals, want the defaults", got)
	}
}
