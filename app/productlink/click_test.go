package productlink_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/productlink"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// A shopper clicks a product card's link on the storefront: the click is
// recorded for the conversation, shows in the shopper's history, and the
// shopper lands on the product.
func TestClickThroughTheStorefrontIsRecordedAndLandsOnTheProduct(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t) // the catalog is imported
	ctx := context.Background()
	var shop struct {
		ID int64 `db:"id"`
	}
	var product struct {
		ShopifyID int64  `db:"shopify_id"`
		Handle    string `db:"handle"`
		Title     string `db:"title"`
	}
	if err := env.DB.Get(&shop, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.Get(&product, `SELECT shopify_id, handle, title FROM products ORDER BY shopify_id LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	p, err := storage.NewProfiles(env.DB, time.Now).ForCustomer(ctx, shop.ID, 7001)
	if err != nil {
		t.Fatal(err)
	}
	posted, err := storage.NewConversations(env.DB, time.Now).PostFromShopper(ctx, shop.ID, p.ID, storage.ShopperPost{
		ClientID: "e0000000-0000-4000-8000-000000000003", Body: "A warm hoodie?", Preview: "A warm hoodie?"})
	if err != nil {
		t.Fatal(err)
	}
	card := productlink.Card{ShopID: shop.ID, ConversationID: posted.Conversation.ID, ProductID: product.ShopifyID, Handle: product.Handle}
	link, err := productlink.NewSigner(env.Config.ShopifyAPISecret).Link(card)
	if err != nil {
		t.Fatal(err)
	}

	resp, err := http.Get(env.Shopify.StorefrontURL + link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/products/"+product.Handle {
		t.Fatalf("the click ended at %s with %d, want the product page", resp.Request.URL, resp.StatusCode)
	}
	var clicks int
	err = env.DB.Get(&clicks, `SELECT count(*) FROM product_clicks WHERE shop_id = $1 AND conversation_id = $2
		AND profile_id = $3 AND shopify_product_id = $4`, shop.ID, card.ConversationID, p.ID, card.ProductID)
	if err != nil || clicks != 1 {
		t.Fatalf("%d clicks recorded, %v", clicks, err)
	}
	history, err := storage.NewProfiles(env.DB, time.Now).History(ctx, shop.ID, p.ID, 10)
	if err != nil || len(history) == 0 || history[0].Kind != storage.EventProductClicked || history[0].Name != product.Title {
		t.Fatalf("history %+v, %v; want the click of %q first", history, err, product.Title)
	}
	page := adminPage(t, env, "/app/tickets/"+itoa(card.ConversationID)+"/profile")
	if !strings.Contains(page, "Clicked "+product.Title) {
		t.Fatalf("the ticket's History lacks the click:\n%.3000s", page)
	}

	// A link of another app's secret, or made for another shop, records
	// nothing and says why.
	forged, _ := productlink.NewSigner("not-the-secret").Link(card)
	card.ShopID++
	elsewhere, _ := productlink.NewSigner(env.Config.ShopifyAPISecret).Link(card)
	for name, bad := range map[string]string{"forged": forged, "another shop's": elsewhere} {
		resp, err := http.Get(env.Shopify.StorefrontURL + bad)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "This product link is not valid.") {
			t.Errorf("%s link: %d %.300s", name, resp.StatusCode, body)
		}
	}
	if err := env.DB.Get(&clicks, `SELECT count(*) FROM product_clicks`); err != nil || clicks != 1 {
		t.Fatalf("%d clicks after bad links, %v", clicks, err)
	}
}

func adminPage(t *testing.T, env *apptest.Env, path string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", env.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %.500s", path, resp.StatusCode, b)
	}
	return string(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
