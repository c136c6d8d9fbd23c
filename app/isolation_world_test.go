package app_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// isolationWorld is one app installed in two shops of the local Shopify
// through the OAuth grant, each with staff, a signed-in customer, a
// conversation with messages and an image, FAQs, an article, synonyms, a
// macro, an address for notifications, a data request and SMS settings.
// Every text of shop B carries bMarker, which A's requests search for,
// and bSecret, which A never sends: an answer showing bSecret shows B's
// data.
type isolationWorld struct {
	env            *apptest.Env
	shopA, shopB   string
	idA, idB       int64
	staffA         string // a session token of A's owner
	customerA      string // a shopper token of A's signed-in customer
	smsTokenA      string // A's Twilio auth token, known to A's staff
	objectsB       map[string]string
	customerIDOfB  int64
	signedInOfA    int64
	tablesOfShops  []string
	unscopedTables []string
}

// bMarker and bSecret are in every text shop B wrote.
const (
	bMarker = "zebraquartz"
	bSecret = "xylofjord"
	bWords  = bMarker + " " + bSecret
)

// otherShopOffset moves shop B's Shopify ids away from A's.
const otherShopOffset = 1_000_000

func newIsolationWorld(t *testing.T) *isolationWorld {
	t.Helper()
	other, err := shopifytest.AnotherDemoShop("hubchat-other", "Other Outfitters", otherShopOffset)
	if err != nil {
		t.Fatal(err)
	}
	env := apptest.Start(t, apptest.Options{Shopify: func(c *shopifytest.Config) { c.OtherShops = []*shopifytest.DemoShop{other} }})
	w := &isolationWorld{env: env, shopA: env.Shop(), shopB: other.Info().Domain,
		signedInOfA: env.Shopify.Shop.SignedInCustomerID(), customerIDOfB: other.SignedInCustomerID()}
	env.InstallWithOAuth(t, w.shopA)
	env.InstallWithOAuth(t, w.shopB)
	for domain, id := range map[string]*int64{w.shopA: &w.idA, w.shopB: &w.idB} {
		if err := env.DB.Get(id, `SELECT id FROM shops WHERE domain = $1`, domain); err != nil {
			t.Fatalf("shop %s not installed: %v", domain, err)
		}
	}
	w.staffA = env.SessionTokenOf(t, w.shopA, shopifytest.DemoStaff()[0].ID)
	// A's owner wants alerts, so that a ticket's alert looks the ticket up.
	if resp, body := send(t, staffForm(t, env.URL+"/app/alerts", w.staffA, url.Values{"enabled": {"true"}})); resp.StatusCode >= 400 {
		t.Fatalf("A's alerts: %d %.200s", resp.StatusCode, body)
	}
	w.customerA = env.ShopperTokenIn(t, w.shopA, w.signedInOfA)
	w.smsTokenA = strings.Repeat("a", 32)
	w.saveSMS(t, w.idA, w.smsTokenA)
	w.saveSMS(t, w.idB, strings.Repeat("b", 32))
	w.fillShopB(t)
	env.WaitForJobs(t)
	w.objectsB = w.objectsOfB(t)
	w.tablesOfShops, w.unscopedTables = shopScopedTables(t, env)
	return w
}

// fillShopB writes data of every kind in shop B, as its staff and its
// customer do.
func (w *isolationWorld) fillShopB(t *testing.T) {
	t.Helper()
	staff := w.env.SessionTokenOf(t, w.shopB, shopifytest.DemoStaff()[0].ID)
	customer := w.env.ShopperTokenIn(t, w.shopB, w.customerIDOfB)
	shopper := func(path string, body any) {
		resp, text := send(t, w.env.ShopperRequest(t, customer, "POST", path, body))
		if resp.StatusCode >= 300 {
			t.Fatalf("shop B's customer %s: %d %s", path, resp.StatusCode, text)
		}
	}
	shopper("/messages", map[string]any{"client_id": "3f1e2d4c-6b5a-4978-8c1d-2e3f4a5b6c7d", "body": "Where is my parcel " + bWords + "?"})
	var conv int64
	if err := w.env.DB.Get(&conv, `SELECT id FROM conversations WHERE shop_id = $1`, w.idB); err != nil {
		t.Fatal(err)
	}
	admin := func(path string, form url.Values) {
		resp, text := send(t, staffForm(t, w.env.URL+path, staff, form))
		if resp.StatusCode >= 400 {
			t.Fatalf("shop B's staff %s: %d %.300s", path, resp.StatusCode, text)
		}
	}
	w.replyWithImage(t, staff, conv)
	admin(fmt.Sprintf("/app/tickets/%d/tag", conv), url.Values{"tag": {"order_status"}})
	admin("/app/settings/faqs", url.Values{"question": {"Do you sell " + bWords + "?"}, "answer": {"Yes, " + bWords + " in every size."}, "published": {"true"}})
	admin("/app/settings/ai-agent/articles", url.Values{"title": {"The " + bWords + " guide"}, "body": {"All about " + bWords + "."}, "published": {"true"}})
	admin("/app/settings/ai-agent/synonyms", url.Values{"words": {bMarker + ", " + bSecret}})
	admin("/app/settings/macros", url.Values{"name": {bWords + " macro"}, "body": {"Thanks for asking about " + bWords + "."}})
	admin("/app/settings/notifications", url.Values{"email": {bSecret + "@other.example"}})
	admin("/app/alerts", url.Values{"enabled": {"true"}})
	var faq int64
	if err := w.env.DB.Get(&faq, `SELECT id FROM faqs WHERE shop_id = $1 ORDER BY id DESC LIMIT 1`, w.idB); err != nil {
		t.Fatal(err)
	}
	shopper("/faq-reads", map[string]any{"faq_id": faq})
	_, err := w.env.Shopify.Webhooks.Send(context.Background(), shopifytest.Webhook{Topic: "customers/data_request", Shop: w.shopB,
		Payload: map[string]any{"customer": map[string]any{"id": w.customerIDOfB}, "data_request": map[string]any{"id": 77}}})
	if err != nil {
		t.Fatal(err)
	}
}

// replyWithImage answers B's ticket as B's staff with a small picture, so
// B has an upload and a media link.
func (w *isolationWorld) replyWithImage(t *testing.T, staff string, conv int64) {
	t.Helper()
	var buf bytes.Buffer
	form := multipart.NewWriter(&buf)
	form.WriteField("client_id", "0b7e4d1c-5a2f-4c3e-9d8b-1a2b3c4d5e6f")
	form.WriteField("body", "Here it is, "+bWords)
	part, _ := form.CreateFormFile("image", "parcel.png")
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	png.Encode(part, img)
	form.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/app/tickets/%d/messages", w.env.URL, conv), &buf)
	req.Header.Set("Authorization", "Bearer "+staff)
	req.Header.Set("Content-Type", form.FormDataContentType())
	req.Header.Set("HX-Request", "true")
	if resp, text := send(t, req); resp.StatusCode >= 400 {
		t.Fatalf("shop B's reply with an image: %d %.300s", resp.StatusCode, text)
	}
}

func (w *isolationWorld) saveSMS(t *testing.T, shopID int64, authToken string) {
	t.Helper()
	in := storage.SMSSettings{ShopID: shopID, Enabled: true, AccountSID: "AC" + strings.Repeat("0", 31) + strconv.FormatInt(shopID%10, 10),
		FromNumber: "+1555010" + fmt.Sprintf("%04d", shopID%10000)}
	if _, err := storage.NewSMSSettings(w.env.DB, w.env.Keys, time.Now).Save(context.Background(), in, authToken); err != nil {
		t.Fatalf("SMS settings of shop %d: %v", shopID, err)
	}
}

// objectsOfB are the ids of B's objects, by the placeholder a row's path
// or body names them with ({ticket}, {faq}…).
func (w *isolationWorld) objectsOfB(t *testing.T) map[string]string {
	t.Helper()
	queries := map[string]string{
		"ticket":    `SELECT id::text FROM conversations WHERE shop_id = $1 ORDER BY id LIMIT 1`,
		"message":   `SELECT max(id)::text FROM messages WHERE shop_id = $1`,
		"faq":       `SELECT max(id)::text FROM faqs WHERE shop_id = $1`,
		"article":   `SELECT max(id)::text FROM knowledge_articles WHERE shop_id = $1`,
		"synonyms":  `SELECT max(id)::text FROM synonym_groups WHERE shop_id = $1`,
		"macro":     `SELECT max(id)::text FROM macros WHERE shop_id = $1`,
		"recipient": `SELECT max(id)::text FROM notification_recipients WHERE shop_id = $1`,
		"request":   `SELECT max(id)::text FROM privacy_requests WHERE shop_id = $1`,
		"media":     `SELECT max(id) FROM uploads WHERE shop_id = $1`,
	}
	ids := map[string]string{"shop": w.shopB}
	for name, q := range queries {
		var id *string
		if err := w.env.DB.Get(&id, q, w.idB); err != nil || id == nil {
			t.Fatalf("shop B has no %s (%v): the world is not complete", name, err)
		}
		ids[name] = *id
	}
	return ids
}

// shopScopedTables are the tables with a shop_id column, and the others
// (which hold no shop's data, or the shops themselves).
func shopScopedTables(t *testing.T, env *apptest.Env) (scoped, unscoped []string) {
	t.Helper()
	err := env.DB.Select(&scoped, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = 'shop_id' ORDER BY table_name`)
	if err == nil {
		err = env.DB.Select(&unscoped, `SELECT table_name FROM information_schema.tables t WHERE table_schema = 'public'
			AND table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM information_schema.columns c
			WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'shop_id') ORDER BY table_name`)
	}
	if err != nil {
		t.Fatal(err)
	}
	return scoped, unscoped
}

// digestOfB is a digest of every row of shop B, in every shop-scoped table
// and in shops, so that any change to B's data shows.
func (w *isolationWorld) digestOfB(t *testing.T) map[string]string {
	t.Helper()
	digests := map[string]string{}
	for _, table := range append([]string{"shops", "webhook_deliveries"}, w.tablesOfShops...) {
		column, key := "shop_id", any(w.idB)
		switch table {
		case "shops":
			column = "id"
		case "webhook_deliveries": // by the domain a delivery came for
			column, key = "shop_domain", w.shopB
		}
		var d *string
		q := fmt.Sprintf(`SELECT md5(string_agg(r::text, E'\n' ORDER BY r::text)) FROM %q r WHERE %s = $1`, table, column)
		if err := w.env.DB.Get(&d, q, key); err != nil {
			t.Fatalf("digest of %s: %v", table, err)
		}
		if d != nil {
			digests[table] = *d
		}
	}
	return digests
}

// send does req and reads the answer.
func send(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// staffForm is an htmx POST of form with a staff session token.
func staffForm(t *testing.T, target, token string, form url.Values) *http.Request {
	t.Helper()
	req, err := http.NewRequest("POST", target, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	return req
}
