package backfill_test

import (
	"context"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"hubchat/app/backfill"
	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// The import of the catalog stores what the agent answers product
// questions from: type, vendor, tags, options and availability.
func TestProductImportStoresTheirFacts(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	shop, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	api, err := shopifytest.NewAdminAPI(func(string, string) bool { return true }, shopifytest.AdminAPIOptions{}, shop)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	client, err := adminapi.New(shop.Info().Domain, adminapi.StaticToken("shpat_test"), adminapi.Options{
		Endpoint: func(string) string { return srv.URL + "/admin/api/" + adminapi.APIVersion + "/graphql.json" },
	})
	if err != nil {
		t.Fatal(err)
	}
	var shopID int64
	if err := db.Get(&shopID, `INSERT INTO shops (domain) VALUES ($1) RETURNING id`, shop.Info().Domain); err != nil {
		t.Fatal(err)
	}
	products := storage.NewProducts(db)
	im := &backfill.Importer{Progress: storage.NewBackfills(db, time.Now), Products: products, Now: time.Now}
	if err := im.Run(context.Background(), shopID, client, storage.BackfillProducts, nil); err != nil {
		t.Fatal(err)
	}
	list, err := products.List(context.Background(), shopID)
	if err != nil || len(list) != len(shop.Products()) {
		t.Fatalf("imported %d of %d products, %v", len(list), len(shop.Products()), err)
	}
	byID := map[int64]storage.Product{}
	for _, p := range list {
		byID[p.ShopifyID] = p
	}
	hoodie := byID[8001]
	wantOptions := storage.ProductOptions{{Name: "Size", Values: []string{"XS", "S", "M", "L", "XL"}},
		{Name: "Color", Values: []string{"Charcoal", "Forest", "Oatmeal"}}}
	if hoodie.ProductType != "Hoodie" || hoodie.Vendor != "Hubchat Demo Outfitters" || !hoodie.Available ||
		!reflect.DeepEqual([]string(hoodie.Tags), []string{"merino", "wool", "hoodie", "layering", "men", "women"}) ||
		!reflect.DeepEqual(hoodie.Options, wantOptions) {
		t.Errorf("hoodie = %+v", hoodie)
	}
	if vest := byID[8009]; vest.Available {
		t.Errorf("the sold-out down vest is stored available")
	}
	if mug := byID[8010]; !mug.Available || len(mug.Options) != 0 {
		t.Errorf("the untracked mug without options = %+v", mug)
	}
}
