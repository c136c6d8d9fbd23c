package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// hubLanguage is what a storefront language's hub must say: some of its
// strings from the locale file, and the forms a counted string takes.
type hubLanguage struct {
	code                       string
	chatTab, ordersTab, endBtn string
	placeholder, statuses      string
	invalid                    string // a message hubchat refuses as invalid
	twoLeft, oneLeft           string // the composer's count of characters left
	twoUnread                  string // the launcher's label with two replies unread
}

var hubLanguages = []hubLanguage{
	{code: "es", chatTab: "Chat", ordersTab: "Pedidos", endBtn: "Terminar el chat",
		placeholder: "Escribe un mensaje…", statuses: "Pagado · Enviado",
		invalid: "Este mensaje no se puede enviar tal como está",
		twoLeft: "Quedan 2 caracteres", oneLeft: "Queda 1 carácter",
		twoUnread: "Abrir ayuda y cuenta (2 mensajes sin leer)"},
	{code: "pl", chatTab: "Czat", ordersTab: "Zamówienia", endBtn: "Zakończ czat",
		placeholder: "Napisz wiadomość…", statuses: "Opłacone · Wysłane",
		invalid: "Tej wiadomości nie można wysłać w tej postaci",
		twoLeft: "Zostały 2 znaki", oneLeft: "Został 1 znak",
		twoUnread: "Otwórz pomoc i konto (2 nieprzeczytane wiadomości)"},
}

// On the storefront in Spanish, and in Polish (the shop's alternate
// languages, under /es/ and /pl/), the hub speaks that language: its tabs,
// composer, the count of characters left in the language's plural form, a
// message hubchat refuses in the language's words rather than the server's
// English, the time of a message as the language writes it (not as the
// browser's English would), the launcher's count of unread replies, and an
// order's date, total and statuses.
func TestHubSpeaksTheStorefrontLanguage(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	placed := time.Now().Add(-48 * time.Hour)
	_, err := storage.NewOrders(e.DB, time.Now).Save(context.Background(), e.shopID, storage.Order{
		ShopifyID: 990101, Name: "#9101", CustomerID: e.Shopify.Shop.SignedInCustomerID(),
		Total: "1489.50", Currency: "USD", FinancialStatus: "paid", FulfillmentStatus: "fulfilled",
		CreatedAt: placed, UpdatedAt: placed})
	if err != nil {
		t.Fatal(err)
	}
	var reply func(string) // an agent's, in the shopper's conversation
	for _, lang := range hubLanguages {
		t.Run(lang.code, func(t *testing.T) {
			ctx := apptest.Browser(t)
			e.signIn(t, ctx, "/"+lang.code+"/products/trailhead-merino-hoodie")
			checkHubChatSpeaks(t, ctx, lang)
			if reply == nil {
				var convID int64
				if err := e.DB.Get(&convID, `SELECT id FROM conversations WHERE status = 'open'`); err != nil {
					t.Fatal(err)
				}
				reply = agentReply(t, e, convID)
			}
			checkHubCountsUnread(t, ctx, lang, reply)
			checkHubOrdersSpeak(t, ctx, lang)
		})
	}
}

// The theme's language selector takes a shopper from the English
// storefront to the same page in Polish, where the hub speaks Polish.
func TestLanguageSelectorSwitchesTheHubsLanguage(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	ctx := apptest.Browser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(e.Shopify.StorefrontURL+"/products/trailhead-merino-hoodie"),
		chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`)),
		chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="language-selector"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if label, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`[data-hc-launcher]`), "aria-label")); label.Value != "Open help and account" {
		t.Errorf("the English storefront's launcher is labelled %q", label.Value)
	}
	apptest.Screenshot(t, ctx, "language-selector")
	// Choosing a language in the select submits its form, as a shopper's
	// choice does.
	_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.querySelector('[data-testid="language-selector"] select');
		s.value = 'pl';
		s.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 15*time.Second, "the Polish storefront", func() bool {
		u, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + '|' + document.documentElement.lang`))
		return err == nil && u == "/pl/products/trailhead-merino-hoodie|pl"
	})
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatal(err)
	}
	if label, _ := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`[data-hc-launcher]`), "aria-label")); label.Value != "Otwórz pomoc i konto" {
		t.Errorf("the Polish storefront's launcher is labelled %q", label.Value)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatal(err)
	}
	hubText(t, ctx, `.hc-home`, "W czym możemy Ci dziś pomóc?")
	apptest.Screenshot(t, ctx, "hub-home-pl")
}

// checkHubChatSpeaks opens the Chat tab and checks its words, a message's
// time and a refusal in lang.
func checkHubChatSpeaks(t *testing.T, ctx context.Context, lang hubLanguage) {
	t.Helper()
	openChat(t, ctx)
	tabs := hubText(t, ctx, `[role=tablist]`, lang.chatTab)
	if !strings.Contains(tabs, lang.ordersTab) {
		t.Errorf("tabs say %q, want %q in them", tabs, lang.ordersTab)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`.hc-input`))); err != nil {
		t.Fatal(err)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.hc-input').placeholder`)); got != lang.placeholder {
		t.Errorf("composer placeholder %q, want %q", got, lang.placeholder)
	}
	for left, want := range map[int]string{2: lang.twoLeft, 1: lang.oneLeft} {
		typeChars(t, ctx, 5000-left)
		if got := hubText(t, ctx, `.hc-count`, want); strings.TrimSpace(got) != want {
			t.Errorf("with %d characters left the composer says %q, want %q", left, got, want)
		}
		if left == 2 {
			apptest.Screenshot(t, ctx, "hub-count-"+lang.code)
		}
	}
	typeChars(t, ctx, 0)

	// A control character is refused by hubchat (422, code "invalid"): the
	// widget says why in the storefront's language.
	send(t, ctx, "Hola\u0007")
	hubText(t, ctx, `.hc-notice`, lang.invalid)
	apptest.Screenshot(t, ctx, "hub-refusal-"+lang.code)

	body := "Hello from the " + lang.code + " storefront"
	send(t, ctx, body)
	threadText(t, ctx, body)
	hubText(t, ctx, `.hc-end`, lang.endBtn)
	// The time under the shopper's message is written as the language
	// writes it; the browser itself runs in English (en-US).
	var times [][3]string
	apptest.Eventually(t, 15*time.Second, "the message's time", func() bool {
		times = messageTimes(ctx, lang.code)
		return len(times) > 0
	})
	for _, tm := range times {
		if shown, inLang, inEnglish := tm[0], tm[1], tm[2]; shown != inLang || shown == inEnglish {
			t.Errorf("a message's time reads %q; in %s it is %q, in the browser's English %q", shown, lang.code, inLang, inEnglish)
		}
	}
	apptest.Screenshot(t, ctx, "hub-chat-"+lang.code)
}

// checkHubCountsUnread closes the hub, has an agent reply twice, and
// checks the launcher counts them in lang; then it opens the hub again.
func checkHubCountsUnread(t *testing.T, ctx context.Context, lang hubLanguage, reply func(string)) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatal(err)
	}
	reply("First reply for " + lang.code)
	reply("Second reply for " + lang.code)
	apptest.Eventually(t, 15*time.Second, "the launcher's label to read "+lang.twoUnread, func() bool {
		label, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`[data-hc-launcher]`), "aria-label"))
		return err == nil && label.Value == lang.twoUnread
	})
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-hc-launcher]`))); err != nil {
		t.Fatal(err)
	}
}

// checkHubOrdersSpeak opens the Orders tab and checks the order's date,
// total and statuses in lang.
func checkHubOrdersSpeak(t *testing.T, ctx context.Context, lang hubLanguage) {
	t.Helper()
	openHubTab(t, ctx, "orders")
	text := hubText(t, ctx, `[data-hc-orders]`, "#9101")
	want, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`[
		new Intl.NumberFormat(%[1]s, {style: 'currency', currency: 'USD'}).format(1489.5),
		new Intl.DateTimeFormat(%[1]s, {dateStyle: 'medium'}).format(new Date(Date.now() - 48 * 3600e3))]`, jsString(lang.code))))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range append(want, lang.statuses) {
		if !strings.Contains(text, w) {
			t.Errorf("the Orders tab says %q, want %q in it", text, w)
		}
	}
	if strings.Contains(text, "$1,489.50") {
		t.Errorf("the Orders tab writes the total as in English: %q", text)
	}
	apptest.Screenshot(t, ctx, "hub-orders-"+lang.code)
}

// messageTimes are the times under the shopper's messages: as shown, as
// the language lang writes them, and as the browser's English would.
func messageTimes(ctx context.Context, lang string) [][3]string {
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[][3]string](fmt.Sprintf(`[...document.querySelectorAll('.hc-msg--shopper time')].map(n => {
		const at = new Date(n.dateTime), f = l => new Intl.DateTimeFormat(l, {hour: 'numeric', minute: '2-digit'}).format(at);
		return [n.textContent, f(%s), f('en-US')];
	})`, jsString(lang))))
	if err != nil {
		return nil
	}
	return got
}

// typeChars fills the composer with n characters, as typing them does.
func typeChars(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => {
		const ta = document.querySelector('.hc-input');
		ta.value = 'x'.repeat(%d);
		ta.dispatchEvent(new Event('input', {bubbles: true}));
		return true;
	})()`, n)))
	if err != nil {
		t.Fatalf("type %d characters: %v", n, err)
	}
}
