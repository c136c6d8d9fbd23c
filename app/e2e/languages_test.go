package e2e_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubchat/app/apptest"
	"hubchat/storage"
	"hubchat/views/i18n"
)

// chooseAdminLanguage sets the signed-in staff member's admin language on
// the local Shopify's store page, as their Shopify profile's language
// setting does; the admin then passes it to the app as locale.
func chooseAdminLanguage(t *testing.T, ctx context.Context, env *apptest.Env, locale string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(env.Shopify.AdminURL+"/store/hubchat-demo"),
		chromedp.SetValue(chromedp.CSS(`[data-testid="admin-language"]`), locale),
		chromedp.Click(chromedp.CSS(`[data-testid="admin-language-save"]`)),
		chromedp.WaitReady(chromedp.CSS(`[data-testid="admin-language"] option[value="`+locale+`"][selected]`)),
	); err != nil {
		t.Fatal(err)
	}
}

// appLang is the lang of the app's document in the admin's frame.
func appLang(t *testing.T, ctx context.Context) string {
	t.Helper()
	return inApp(t, ctx, "the app's html", func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
		return chromedp.AttributeValue(chromedp.CSS(`html`), "lang", chromedp.FromNode(frame))
	}).Value
}

// waitAppText waits until sel in the app's page reads want.
func waitAppText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	got := ""
	apptest.Eventually(t, 15*time.Second, sel+" to read "+want, func() bool {
		got = strings.TrimSpace(appText(t, ctx, sel))
		return got == want
	})
}

// The dashboard in the staff member's Shopify admin language: the words,
// the dates and the counts in Spanish, then in Polish once they change
// their profile's language, and still so in the parts htmx redraws (which
// carry no locale). Money keeps the shop's format.
func TestTheDashboardSpeaksTheStaffMembersLanguage(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{NoWorker: true})
	env.Install(t)
	env.TurnOnAIAgent(t)
	dashSeed(t, env)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	zone, _ := time.LoadLocation("Pacific/Auckland")
	today := time.Now().In(zone)

	chooseAdminLanguage(t, ctx, env, "es")
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/dashboard?range=7d")); err != nil {
		t.Log(env.Logs.String())
		t.Fatal(err)
	}
	waitAppText(t, ctx, `[data-metric="volume"] .metric__label`, "Volumen total")
	if lang := appLang(t, ctx); lang != "es" {
		t.Errorf("<html lang=%q>, want es", lang)
	}
	period := appText(t, ctx, `[data-testid="dashboard-period"]`)
	if want := i18n.Spanish.Date(today); !strings.Contains(period, want) || !strings.HasPrefix(period, "Se muestra") {
		t.Errorf("the period reads %q; want Spanish words and %q", period, want)
	}
	waitTexts(t, ctx, `[data-testid="chart-legend"]`, "legend-item", "li", []string{"Resuelta por la IA 1", "No resuelta por la IA 1", "Abierta 3"})
	apptest.Screenshot(t, ctx, "dashboard-es")

	// The range changes by htmx, which carries no locale: still Spanish.
	appKeys(t, ctx, `#dash-range`, kb.ArrowDown)
	waitTexts(t, ctx, `[data-metric="volume"]`, "metric-value", "p", []string{"7"})
	change := appText(t, ctx, `[data-metric="volume"] [data-testid="metric-change"]`)
	if !strings.Contains(change, "30 días anteriores") && !strings.Contains(change, "No hay datos anteriores") {
		t.Errorf("after a redraw the change reads %q, not Spanish", change)
	}
	waitAppText(t, ctx, `[data-metric="volume"] .metric__label`, "Volumen total")

	chooseAdminLanguage(t, ctx, env, "pl")
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/dashboard?range=30d&group=tag")); err != nil {
		t.Fatal(err)
	}
	waitAppText(t, ctx, `[data-metric="volume"] .metric__label`, "Łączna liczba")
	if lang := appLang(t, ctx); lang != "pl" {
		t.Errorf("<html lang=%q>, want pl", lang)
	}
	if period := appText(t, ctx, `[data-testid="dashboard-period"]`); !strings.Contains(period, i18n.Polish.Date(today)) {
		t.Errorf("the period reads %q; want %q", period, i18n.Polish.Date(today))
	}
	waitTexts(t, ctx, `[data-testid="chart-legend"]`, "legend-item", "li", []string{"Status zamówienia 1", "Wysyłka 1", "Zwroty i refundacje 1",
		"Pytanie o produkt 1", "Rabaty 1", "Konto 1", "Inne 1", "Bez tagu 0"})
	if sales := appText(t, ctx, `[data-metric="sales"] [data-testid="metric-value"]`); !strings.Contains(sales, "$") {
		t.Errorf("sales read %q: money keeps the shop's format", sales)
	}
	apptest.Screenshot(t, ctx, "dashboard-pl")
	appScroll(t, ctx, `#dashboard-table`)
	apptest.Screenshot(t, ctx, "dashboard-pl-table")

	// An error page speaks the same language.
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/dashboard/conversations/999999")); err != nil {
		t.Fatal(err)
	}
	waitAppText(t, ctx, `[data-testid="error-message"]`, "Nie znaleziono tej rozmowy.")
	waitAppText(t, ctx, `[data-testid="error-page"] h1`, "Nie znaleziono strony")
	apptest.Screenshot(t, ctx, "error-pl")
}

// appAttr is an attribute of sel in the app's page.
func appAttr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	return inApp(t, ctx, "the "+name+" of "+sel, func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
		return chromedp.AttributeValue(chromedp.CSS(sel), name, chromedp.FromNode(frame))
	}).Value
}

// spanishWaiting is the inbox row's waiting badge in Spanish, its minutes captured.
var spanishWaiting = regexp.MustCompile(`^Esperando (\d+) min$`)

// The inbox and a ticket in the staff member's Shopify admin language:
// Spanish, then Polish. The words, the waiting badge the page's script
// advances, the sidebar's count, the times (24-hour) and the ticket's
// menus follow the language the local Shopify passes.
func TestTheInboxAndATicketSpeakTheStaffMembersLanguage(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	ctx0 := context.Background()
	profiles := storage.NewProfiles(env.DB, time.Now)
	p, _ := profiles.ForCustomer(ctx0, shopID, 7001)
	profiles.UpdateDetails(ctx0, shopID, p.ID, storage.CustomerDetails{FirstName: "Jane", LastName: "Cooper"})
	asked := time.Now().Add(-4 * time.Minute)
	if _, err := storage.NewConversations(env.DB, func() time.Time { return asked }).PostFromShopper(ctx0, shopID, p.ID, storage.ShopperPost{
		ClientID: "e0000000-0000-4000-8000-000000000071", Body: "Mi paquete no ha llegado", Preview: "Mi paquete no ha llegado"}); err != nil {
		t.Fatal(err)
	}
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	chooseAdminLanguage(t, ctx, env, "es")
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	tkWaitText(t, ctx, `[data-testid="inbox-row-name"]`, "Jane Cooper")
	waitAppText(t, ctx, `[data-testid="inbox-page"] .page__title`, "Bandeja de entrada")
	waitAppText(t, ctx, `[data-testid="inbox-tab-open"]`, "Abiertos")
	// Asked four minutes before the page opened; a slow machine may open it
	// a minute or more later, so any whole minutes from four on are right.
	apptest.Eventually(t, 30*time.Second, "the waiting badge in Spanish", func() bool {
		m := spanishWaiting.FindStringSubmatch(strings.TrimSpace(tkText(t, ctx, `[data-testid="inbox-row-waiting"]`)))
		if m == nil {
			return false
		}
		n, err := strconv.Atoi(m[1])
		return err == nil && n >= 4
	})
	if at := appText(t, ctx, `.inbox-row__time`); strings.Contains(at, "M") || !strings.Contains(at, ":") {
		t.Errorf("the row's time reads %q; Spanish writes 24-hour times", at)
	}
	apptest.Eventually(t, 15*time.Second, "the sidebar's Spanish Inbox count", func() bool {
		nav, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`[data-testid="app-nav"]`)))
		return err == nil && strings.Contains(nav, "Bandeja de entrada (1)") && strings.Contains(nav, "Panel")
	})
	apptest.Screenshot(t, ctx, "inbox-es")

	openTicket(t, ctx)
	tkWaitText(t, ctx, `[data-testid="ticket-status"]`, "Abierto")
	tkWaitText(t, ctx, `[data-testid="close-open"]`, "Cerrar ticket")
	if ph := appAttr(t, ctx, `[data-testid="composer-body"]`, "placeholder"); ph != "Responder a Jane Cooper" {
		t.Errorf("the composer says %q", ph)
	}
	apptest.Screenshot(t, ctx, "ticket-es")
	appClick(t, ctx, `[data-testid="snooze-open"]`)
	tkWaitText(t, ctx, `[data-testid="snooze-tomorrow"]`, "Mañana")
	apptest.Screenshot(t, ctx, "ticket-es-snooze")

	chooseAdminLanguage(t, ctx, env, "pl")
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	tkWaitText(t, ctx, `[data-testid="inbox-row-name"]`, "Jane Cooper")
	waitAppText(t, ctx, `[data-testid="inbox-page"] .page__title`, "Skrzynka odbiorcza")
	waitAppText(t, ctx, `[data-testid="inbox-tab-open"]`, "Otwarte")
	tkWaitText(t, ctx, `[data-testid="inbox-row-waiting"]`, "Czeka ")
	apptest.Screenshot(t, ctx, "inbox-pl")
	openTicket(t, ctx)
	tkWaitText(t, ctx, `[data-testid="ticket-status"]`, "Otwarte")
	tkWaitText(t, ctx, `[data-testid="ticket-profile"]`, "Klient")
	if lang := appLang(t, ctx); lang != "pl" {
		t.Errorf("<html lang=%q>, want pl", lang)
	}
	apptest.Screenshot(t, ctx, "ticket-pl")
}
