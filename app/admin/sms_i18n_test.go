package admin_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"hubchat/views/i18n"
)

// wantWords fails for each of want missing from page (HTML-unescaped) and
// for each of english still on it.
func wantWords(t *testing.T, what, page string, want, english []string) {
	t.Helper()
	text := html.UnescapeString(page)
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
	for _, w := range english {
		if strings.Contains(text, w) {
			t.Errorf("%s still says %q in English", what, w)
		}
	}
}

// Settings → SMS speaks the staff member's language: labels, help, the
// webhook URL box, errors and the toast.
func TestSMSSettingsInPolish(t *testing.T) {
	t.Parallel()
	e, _ := startSMSEnv(t)
	e.speaking(i18n.Match("pl"))
	resp, page := e.page(smsPath)
	wantStatus(t, "page", resp, page, http.StatusOK)
	wantWords(t, "the page", page,
		[]string{"Włącz SMS", "Konto Twilio", "SID konta", "Token uwierzytelniający", "Wysyłaj z", "Adres URL webhooka",
			`data-copied="Skopiowano adres URL webhooka"`, ">Kopiuj<", "Wiadomości przychodzące"},
		[]string{"Turn on SMS", "Twilio account", "Send from", "Webhook URL", "Incoming messages", ">Copy<"})

	resp, frag := e.post(smsPath, smsForm(true, "", "short", "555"), true)
	wantStatus(t, "invalid save", resp, frag, http.StatusUnprocessableEntity)
	wantWords(t, "the refused form", frag,
		[]string{"Wpisz SID konta Twilio, aby włączyć SMS.", "Token uwierzytelniający to 32 litery i cyfry", "Wpisz numer w formacie międzynarodowym"},
		[]string{"Enter your Twilio Account SID", "An auth token is", "international format"})

	resp, frag = e.post(smsPath, smsForm(true, smsAccount, smsToken, smsNumber), true)
	wantStatus(t, "save", resp, frag, http.StatusOK)
	wantWords(t, "the saved form", frag, []string{"Zapisano ustawienia"}, []string{"Settings saved"})
}
