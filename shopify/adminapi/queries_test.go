package adminapi_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
)

// newDemoClient serves the built-in demo shop from the fake Admin API and
// returns a client for it.
func newDemoClient(t *testing.T) (*adminapi.Client, *shopifytest.DemoShop) {
	t.Helper()
	return newDemoClientWith(t, shopifytest.AdminAPIOptions{AssetBase: "http://127.0.0.1:9999"})
}

// newDemoClientWith is newDemoClient with the fake's options.
func newDemoClientWith(t *testing.T, opts shopifytest.AdminAPIOptions) (*adminapi.Client, *shopifytest.DemoShop) {
	t.Helper()
	shop, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	api, err := shopifytest.NewAdminAPI(func(_, token string) bool { return token == "shpat_demo" }, opts, shop)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	c, err := adminapi.New("hubchat-demo.myshopify.com", adminapi.StaticToken("shpat_demo"), adminapi.Options{
		Endpoint: func(string) string { return srv.URL + "/admin/api/" + adminapi.APIVersion + "/graphql.json" },
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, shop
}

func TestShop(t *testing.T) {
	c, _ := newDemoClient(t)
	shop, err := c.Shop(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	policies := shop.Policies
	shop.Policies = nil
	want := adminapi.Shop{
		ID: "gid://shopify/Shop/73001", NumericID: 73001, Name: "Hubchat Demo Outfitters",
		MyshopifyDomain: "hubchat-demo.myshopify.com", PrimaryDomainURL: "https://hubchat-demo.myshopify.com",
		PrimaryDomainHost: "hubchat-demo.myshopify.com", IANATimezone: "America/New_York", CurrencyCode: "USD",
		ContactEmail: "support@hubchat-demo.example",
	}
	if !reflect.DeepEqual(shop, want) {
		t.Errorf("shop = %+v\nwant %+v", shop, want)
	}
	if len(policies) != 4 || policies[2].Type != "REFUND_POLICY" || policies[2].Title != "Refund policy" ||
		policies[2].URL != "https://hubchat-demo.myshopify.com/policies/refund-policy" || !strings.Contains(policies[2].Body, "30-day") {
		t.Errorf("policies = %+v", policies)
	}
}

func TestCustomer(t *testing.T) {
	c, _ := newDemoClient(t)
	ctx := context.Background()
	got, err := c.Customer(ctx, 7001)
	if err != nil {
		t.Fatal(err)
	}
	want := adminapi.Customer{
		ID: "gid://shopify/Customer/7001", NumericID: 7001, FirstName: "Jane", LastName: "Cooper",
		DisplayName: "Jane Cooper", Email: "jane.cooper@example.com", Phone: "+12125550101",
		NumberOfOrders: 5, AmountSpent: adminapi.Money{Amount: "489.00", CurrencyCode: "USD"},
		CreatedAt: time.Date(2025, 3, 14, 15, 2, 11, 0, time.UTC),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("customer = %+v\nwant %+v", got, want)
	}
	if noPhone, err := c.Customer(ctx, 7003); err != nil || noPhone.Phone != "" || noPhone.Email == "" {
		t.Errorf("customer without a phone = %+v, %v", noPhone, err)
	}
	if _, err := c.Customer(ctx, 424242); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("unknown customer: err = %v, want ErrNotFound", err)
	}
	if _, err := c.Customer(ctx, 0); !errors.Is(err, adminapi.ErrInvalidArgument) {
		t.Errorf("id 0: err = %v", err)
	}
}

func TestCustomerOrders(t *testing.T) {
	c, shop := newDemoClient(t)
	ctx := context.Background()
	orders, err := c.CustomerOrders(ctx, 7001, 3)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range orders {
		names = append(names, o.Name)
	}
	if !reflect.DeepEqual(names, []string{"#1020", "#1016", "#1010"}) {
		t.Fatalf("orders = %v, want the three newest, newest first", names)
	}
	want := adminapi.Order{
		ID: "gid://shopify/Order/5000000020", NumericID: 5000000020, Name: "#1020", CustomerID: 7001,
		CreatedAt: time.Date(2026, 10, 14, 20, 45, 18, 0, time.UTC), UpdatedAt: time.Date(2026, 10, 14, 20, 45, 18, 0, time.UTC),
		FinancialStatus: "PAID", FulfillmentStatus: "UNFULFILLED", Total: adminapi.Money{Amount: "132.00", CurrencyCode: "USD"},
		LineItems: []adminapi.LineItem{{Title: "Lakeside Packable Daypack", Quantity: 1}, {Title: "Cascade Insulated Bottle", Quantity: 2}},
	}
	if !reflect.DeepEqual(orders[0], want) {
		t.Errorf("order = %+v\nwant %+v", orders[0], want)
	}
	// A shipped order carries its fulfillment's tracking.
	ups := []adminapi.Tracking{{Company: "UPS", Number: "1Z999AA10123456784", URL: "https://www.ups.com/track?tracknum=1Z999AA10123456784"}}
	if !reflect.DeepEqual(orders[1].Tracking, ups) {
		t.Errorf("#1016 tracking = %+v, want %+v", orders[1].Tracking, ups)
	}
	cancelled, err := c.CustomerOrders(ctx, 7004, adminapi.MaxOrdersPage)
	if err != nil || len(cancelled) != 3 {
		t.Fatalf("7004's orders: %v, %v", cancelled, err)
	}
	if last := cancelled[2]; last.Name != "#1006" || last.FinancialStatus != "VOIDED" ||
		!last.CancelledAt.Equal(time.Date(2026, 8, 27, 17, 5, 0, 0, time.UTC)) {
		t.Errorf("cancelled order = %+v", last)
	}
	// An order with more lines than the query asks for says so.
	lines := make([]shopifytest.DemoLineItem, 12)
	for i := range lines {
		lines[i] = shopifytest.DemoLineItem{Title: "Sticker", Quantity: 1, Price: "1.00"}
	}
	if _, err := shop.AddOrder(shopifytest.DemoOrder{CustomerID: 7005, CreatedAt: shop.Now(), FinancialStatus: "PAID",
		FulfillmentStatus: "FULFILLED", LineItems: lines}); err != nil {
		t.Fatal(err)
	}
	big, err := c.CustomerOrders(ctx, 7005, 1)
	if err != nil || len(big) != 1 || len(big[0].LineItems) != 10 || !big[0].MoreLineItems || big[0].Total.Amount != "12.00" {
		t.Errorf("big order = %+v, %v", big, err)
	}
	for _, first := range []int{0, adminapi.MaxOrdersPage + 1} {
		if _, err := c.CustomerOrders(ctx, 7001, first); !errors.Is(err, adminapi.ErrInvalidArgument) {
			t.Errorf("first %d: err = %v", first, err)
		}
	}
}

func TestOrdersPaginate(t *testing.T) {
	c, _ := newDemoClient(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		query string
		sizes []int
	}{
		{"all", "", []int{7, 7, 6}},
		{"updated since 1 October", adminapi.SearchQuery(adminapi.UpdatedSince(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC))), []int{7}},
		{"created before 1 September", `created_at:<2026-09-01`, []int{6}},
	}
	for _, tt := range tests {
		var sizes []int
		var last time.Time
		for after, more := "", true; more; {
			page, err := c.Orders(ctx, tt.query, after, 7)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			sizes = append(sizes, len(page.Orders))
			for _, o := range page.Orders {
				if o.UpdatedAt.Before(last) {
					t.Errorf("%s: %s comes after a later update", tt.name, o.Name)
				}
				last = o.UpdatedAt
			}
			if page.HasNextPage && page.EndCursor == "" {
				t.Fatalf("%s: next page without a cursor", tt.name)
			}
			after, more = page.EndCursor, page.HasNextPage
		}
		if !reflect.DeepEqual(sizes, tt.sizes) {
			t.Errorf("%s: page sizes %v, want %v", tt.name, sizes, tt.sizes)
		}
	}
}

func TestProducts(t *testing.T) {
	c, _ := newDemoClient(t)
	ctx := context.Background()
	var all []adminapi.Product
	for after, more := "", true; more; {
		page, err := c.Products(ctx, "", after, 5)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Products...)
		after, more = page.EndCursor, page.HasNextPage
	}
	if len(all) != 12 {
		t.Fatalf("%d products, want 12", len(all))
	}
	byID := map[int64]adminapi.Product{}
	for _, p := range all {
		byID[p.NumericID] = p
	}
	hoodie := byID[8001]
	if hoodie.Title != "Trailhead Merino Hoodie" || hoodie.Status != "ACTIVE" || hoodie.MinPrice != (adminapi.Money{Amount: "89.00", CurrencyCode: "USD"}) ||
		hoodie.OnlineStoreURL != "https://hubchat-demo.myshopify.com/products/trailhead-merino-hoodie" ||
		hoodie.ImageURL != "http://127.0.0.1:9999/cdn/images/trailhead-merino-hoodie.svg" || !strings.HasPrefix(hoodie.Description, "A midweight merino") {
		t.Errorf("hoodie = %+v", hoodie)
	}
	if draft := byID[8012]; draft.Status != "DRAFT" || draft.OnlineStoreURL != "" {
		t.Errorf("draft = %+v, want no online store URL", draft)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"merino HOODIE", []string{"trailhead-merino-hoodie"}},
		{"trail", []string{"trailhead-merino-hoodie", "ridge-runner-trail-socks"}},
		{"flannel", nil}, // a draft: not for shoppers
		{`socks OR status:draft`, nil},
	}
	for _, tt := range tests {
		got, err := c.SearchProducts(ctx, tt.text, 10)
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		var handles []string
		for _, p := range got {
			handles = append(handles, p.Handle)
		}
		if !reflect.DeepEqual(handles, tt.want) {
			t.Errorf("SearchProducts(%q) = %v, want %v", tt.text, handles, tt.want)
		}
	}
}

func TestUnknownQueryThroughTheFake(t *testing.T) {
	c, _ := newDemoClient(t)
	err := c.Do(context.Background(), `{ collections(first: 1) { nodes { id } } }`, nil, nil)
	var ge *adminapi.GraphQLError
	if !errors.As(err, &ge) || !ge.HasCode("undefinedField") || !strings.Contains(err.Error(), "collections") {
		t.Errorf("err = %v, want an undefinedField GraphQLError", err)
	}
}
