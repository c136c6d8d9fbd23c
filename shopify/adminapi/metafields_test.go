package adminapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
)

const metafieldsShop = "hubchat-demo.myshopify.com"

// metafieldsEnv is a client talking to the fake Admin API, with what the
// fake answered recorded.
type metafieldsEnv struct {
	api    *shopifytest.AdminAPI
	client *adminapi.Client

	mu    sync.Mutex
	costs []adminapi.Cost // extensions.cost of each answer, in order
}

func newMetafieldsEnv(t *testing.T) *metafieldsEnv {
	t.Helper()
	shop, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	env := &metafieldsEnv{}
	// The bucket's clock stands still, so what a call cost is exact.
	opts := shopifytest.AdminAPIOptions{Now: func() time.Time { return shop.Now() }}
	env.api, err = shopifytest.NewAdminAPI(func(_, token string) bool { return token == "shpat_demo" }, opts, shop)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		env.api.ServeHTTP(rec, r)
		var body struct {
			Extensions struct{ Cost adminapi.Cost }
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		env.mu.Lock()
		env.costs = append(env.costs, body.Extensions.Cost)
		env.mu.Unlock()
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	env.client, err = adminapi.New(metafieldsShop, adminapi.StaticToken("shpat_demo"), adminapi.Options{
		Endpoint: func(string) string { return srv.URL + "/admin/api/" + adminapi.APIVersion + "/graphql.json" },
	})
	if err != nil {
		t.Fatal(err)
	}
	return env
}

func (env *metafieldsEnv) answers() []adminapi.Cost {
	env.mu.Lock()
	defer env.mu.Unlock()
	return append([]adminapi.Cost(nil), env.costs...)
}

func TestSetAppMetafieldsStoresThemOnTheInstallation(t *testing.T) {
	env := newMetafieldsEnv(t)
	ctx := context.Background()
	owner, err := env.client.AppInstallationID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := env.api.AppInstallationID(metafieldsShop); owner != want || !strings.HasPrefix(owner, "gid://shopify/AppInstallation/") {
		t.Fatalf("installation = %q, want %q", owner, want)
	}
	chat := `{"enabled":true,"login_status":"logged_in","welcome_message":"Hi! How can we help?"}`
	got, err := env.client.SetAppMetafields(ctx, owner, []adminapi.MetafieldInput{
		{Namespace: "hubchat", Key: "chat", Type: adminapi.MetafieldTypeJSON, Value: chat},
		{Namespace: "hubchat", Key: "enabled", Type: adminapi.MetafieldTypeBoolean, Value: "true"},
		{Namespace: "hubchat", Key: "plan", Type: adminapi.MetafieldTypeSingleLineText, Value: "free"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Key != "chat" || got[0].Value != chat || got[0].Type != "json" || got[2].Value != "free" ||
		!strings.HasPrefix(got[0].ID, "gid://shopify/Metafield/") || got[0].ID == got[1].ID {
		t.Fatalf("stored = %+v", got)
	}
	want := map[string]map[string]shopifytest.StorefrontMetafield{"hubchat": {
		"chat":    {Type: "json", Value: chat},
		"enabled": {Type: "boolean", Value: "true"},
		"plan":    {Type: "single_line_text_field", Value: "free"},
	}}
	if stored := env.api.AppMetafields(metafieldsShop); !reflect.DeepEqual(stored, want) {
		t.Errorf("the fake holds %+v\nwant %+v", stored, want)
	}

	// Setting again replaces the value and keeps the metafield.
	again, err := env.client.SetAppMetafields(ctx, owner, []adminapi.MetafieldInput{
		{Namespace: "hubchat", Key: "chat", Type: adminapi.MetafieldTypeJSON, Value: `{"enabled":false}`},
	})
	if err != nil || len(again) != 1 || again[0].ID != got[0].ID || again[0].Value != `{"enabled":false}` {
		t.Fatalf("update = %+v, %v; want the same id %s", again, err, got[0].ID)
	}
	if v := env.api.AppMetafields(metafieldsShop)["hubchat"]["chat"].Value; v != `{"enabled":false}` {
		t.Errorf("after the update the fake holds %s", v)
	}

	// The query costs 1 (an object); each metafieldsSet 10, nothing refunded.
	costs := env.answers()
	if len(costs) != 3 || costs[0].RequestedQueryCost != 1 || costs[1].RequestedQueryCost != 10 ||
		costs[1].ActualQueryCost == nil || *costs[1].ActualQueryCost != 10 || costs[2].ThrottleStatus.CurrentlyAvailable != 2000-21 {
		t.Errorf("costs = %+v", costs)
	}
}

func TestSetAppMetafieldsSurfacesUserErrors(t *testing.T) {
	env := newMetafieldsEnv(t)
	ctx := context.Background()
	owner := env.api.AppInstallationID(metafieldsShop)
	chat := adminapi.MetafieldInput{Namespace: "hubchat", Key: "chat", Type: adminapi.MetafieldTypeJSON, Value: `{"enabled":true}`}
	broken := chat
	broken.Value = `{"enabled":true`
	tests := []struct {
		name   string
		owner  string
		fields []adminapi.MetafieldInput
		code   string
		field  string
	}{
		{"another installation", "gid://shopify/AppInstallation/1", []adminapi.MetafieldInput{chat}, "INVALID", "metafields.0.ownerId"},
		{"invalid JSON, with a valid field before it", owner, []adminapi.MetafieldInput{chat, broken}, "INVALID_VALUE", "metafields.1.value"},
		{"not a boolean", owner, []adminapi.MetafieldInput{{Namespace: "hubchat", Key: "on", Type: "boolean", Value: "yes"}}, "INVALID_VALUE", "metafields.0.value"},
	}
	for _, tt := range tests {
		_, err := env.client.SetAppMetafields(ctx, tt.owner, tt.fields)
		var me *adminapi.MutationError
		if !errors.As(err, &me) || !me.HasCode(tt.code) || me.Mutation != "metafieldsSet" || !strings.Contains(err.Error(), tt.field+": ") {
			t.Errorf("%s: err = %v, want a metafieldsSet user error %s on %s", tt.name, err, tt.code, tt.field)
		}
	}
	// metafieldsSet is atomic: the valid field sent with invalid JSON was
	// not stored either.
	if stored := env.api.AppMetafields(metafieldsShop); len(stored) != 0 {
		t.Errorf("rejected calls stored %+v", stored)
	}
}

func TestSetAppMetafieldsChecksItsArgumentsBeforeSending(t *testing.T) {
	env := newMetafieldsEnv(t)
	ctx := context.Background()
	owner := env.api.AppInstallationID(metafieldsShop)
	many := make([]adminapi.MetafieldInput, adminapi.MaxMetafieldsPerSet+1)
	for i := range many {
		many[i] = adminapi.MetafieldInput{Namespace: "hubchat", Key: fmt.Sprintf("flag%02d", i), Type: "boolean", Value: "true"}
	}
	tests := []struct {
		name   string
		owner  string
		fields []adminapi.MetafieldInput
	}{
		{"26 fields", owner, many},
		{"no fields", owner, nil},
		{"the shop as owner", "gid://shopify/Shop/73001", many[:1]},
		{"not a gid", "42", many[:1]},
	}
	for _, tt := range tests {
		if _, err := env.client.SetAppMetafields(ctx, tt.owner, tt.fields); !errors.Is(err, adminapi.ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", tt.name, err)
		}
	}
	if n := len(env.answers()); n != 0 {
		t.Errorf("%d requests reached Shopify, want none", n)
	}
	// 25 is allowed.
	if got, err := env.client.SetAppMetafields(ctx, owner, many[:adminapi.MaxMetafieldsPerSet]); err != nil || len(got) != 25 {
		t.Errorf("25 fields: %d stored, %v", len(got), err)
	}
}
