package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// A staff member whose Shopify admin is in Polish opens Settings: the
// sections, the web chat form with its office hours editor, the toast, the
// inline errors, the other sections and the AI agent's page with an
// answer of its try panel are in Polish, and the longer words keep the
// layout whole (screenshots settings-pl-*).
func TestSettingsInPolish(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	// The admin adds the staff member's language to the app's URL, signed.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings?locale=pl")); err != nil {
		t.Fatal(err)
	}
	wantAppText(t, appText(t, ctx, `[data-testid="settings-card-web-chat"]`), "Czat internetowy")
	wantAppText(t, appText(t, ctx, `.page__title`), "Ustawienia")
	apptest.Screenshot(t, ctx, "settings-pl-index")

	appClick(t, ctx, `[data-testid="settings-card-web-chat"]`)
	wantAppText(t, appText(t, ctx, `[data-testid="office-hours"] legend`), "Godziny pracy")
	mon := `[data-testid="hours-mon"] `
	wantAppText(t, appText(t, ctx, mon+`.hours__name`), "Poniedziałek")
	appClick(t, ctx, mon+`[data-testid="hours-add"]`)
	appCount(t, ctx, mon+`[data-testid="hours-range"]`, 1)
	appClick(t, ctx, mon+`[data-testid="hours-duplicate"]`)
	appCount(t, ctx, mon+`[data-testid="hours-range"]`, 2)
	appScroll(t, ctx, `[data-testid="office-hours"]`)
	apptest.Screenshot(t, ctx, "settings-pl-web-chat-hours")
	appClick(t, ctx, `[data-testid="save"]`)
	adminToast(t, ctx, "Zapisano ustawienia")
	appScroll(t, ctx, `.page__title`)
	apptest.Screenshot(t, ctx, "settings-pl-web-chat")

	appSetValue(t, ctx, `#welcome-message`, "   ")
	appSetValue(t, ctx, `#color`, "niebieski")
	appClick(t, ctx, `[data-testid="save"]`)
	wantAppText(t, appText(t, ctx, `[data-testid="error-welcome-message"]`), "Wpisz wiadomość powitalną.")
	wantAppText(t, appText(t, ctx, `[data-testid="form-errors"] .banner__title`), "W tym formularzu są 2 problemy")
	apptest.Screenshot(t, ctx, "settings-pl-web-chat-errors")
	appScroll(t, ctx, `[data-testid="design-card"]`)
	apptest.Screenshot(t, ctx, "settings-pl-web-chat-design")

	appClick(t, ctx, `.settings__nav a[href="/app/settings/general"]`)
	appSetValue(t, ctx, `#privacy-url`, "http://shop.example/privacy")
	appClick(t, ctx, `[data-testid="save"]`)
	wantAppText(t, appText(t, ctx, `[data-testid="error-privacy-url"]`), "Użyj bezpiecznego linku do polityki prywatności")
	apptest.Screenshot(t, ctx, "settings-pl-general")

	appClick(t, ctx, `.settings__nav a[href="/app/settings/faqs"]`)
	appSetValue(t, ctx, `#question`, "Czy wysyłacie za granicę?")
	appSetValue(t, ctx, `#answer`, "Tak, do 40 krajów, w ciągu 5 dni roboczych.")
	appClick(t, ctx, `[data-testid="faq-published"]`)
	appClick(t, ctx, `[data-testid="faq-form"] [data-testid="save"]`)
	appCount(t, ctx, `[data-testid="faq-row"]`, 1)
	adminToast(t, ctx, "Zapisano ustawienia")
	wantAppText(t, appText(t, ctx, `[data-testid="faq-row"] .badge`), "Opublikowane")
	apptest.Screenshot(t, ctx, "settings-pl-faqs")

	appClick(t, ctx, `.settings__nav a[href="/app/settings/macros"]`)
	wantAppText(t, appText(t, ctx, `[data-testid="macro-empty"]`), "Nie ma jeszcze makr")
	appScroll(t, ctx, `[data-testid="macro-variables"]`)
	apptest.Screenshot(t, ctx, "settings-pl-macros")

	appClick(t, ctx, `.settings__nav a[href="/app/settings/ai-agent"]`)
	wantAppText(t, appText(t, ctx, `#engine-title`), "Silnik odpowiedzi")
	apptest.Screenshot(t, ctx, "settings-pl-ai-agent")
	appScroll(t, ctx, `[data-testid="handoff-option-gorgias"]`)
	apptest.Screenshot(t, ctx, "settings-pl-ai-agent-handoff")
	appSetValue(t, ctx, `#try-question`, "Czy wysyłacie za granicę?")
	appClick(t, ctx, `[data-testid="try-ask"]`)
	wantAppText(t, appText(t, ctx, `[data-testid="try-answer"]`), "Zrozumiane jako")
	appScroll(t, ctx, `[data-testid="try-panel"]`)
	apptest.Screenshot(t, ctx, "settings-pl-ai-agent-try")
	appClick(t, ctx, `[data-testid="import-open"]`)
	wantAppText(t, appText(t, ctx, `#import-title`), "Importuj z pliku")
	apptest.Screenshot(t, ctx, "settings-pl-ai-agent-import")
}

// wantAppText fails unless the text shown says want.
func wantAppText(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Fatalf("the app shows %q, want %q in it", got, want)
	}
}
