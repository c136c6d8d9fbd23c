package shopifytest_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"hubchat/shopify/shopifytest"
)

const metafieldsSet = `mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) {
  metafields { id namespace key type value } userErrors { field message code elementIndex } } }`

// setBody is a metafieldsSet request of inputs.
func setBody(inputs ...map[string]any) string {
	b, _ := json.Marshal(map[string]any{"query": metafieldsSet, "variables": map[string]any{"m": inputs}})
	return string(b)
}

func TestAdminAPICurrentAppInstallation(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{})
	token := adminTestToken("hubchat-demo.myshopify.com")
	_, body := env.post(t, "127.0.0.1", token, `{"query":"{ currentAppInstallation { id } }"}`)
	id := fmt.Sprint(body["data"].(map[string]any)["currentAppInstallation"].(map[string]any)["id"])
	if id != env.api.AppInstallationID("hubchat-demo.myshopify.com") || !strings.HasPrefix(id, "gid://shopify/AppInstallation/") {
		t.Errorf("id = %s", id)
	}
	if other := env.api.AppInstallationID("second-demo.myshopify.com"); other == id {
		t.Errorf("two shops share the installation id %s", id)
	}
	if cost := env.log.entries[0]; cost.requested != 1 || *cost.actual != 1 {
		t.Errorf("cost = %+v, want 1 (an object)", cost)
	}
}

func TestAdminAPIMetafieldsSetValidates(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{})
	token := adminTestToken("hubchat-demo.myshopify.com")
	owner := env.api.AppInstallationID("hubchat-demo.myshopify.com")
	in := func(change func(m map[string]any)) map[string]any {
		m := map[string]any{"ownerId": owner, "namespace": "hubchat", "key": "chat", "type": "json", "value": `{"a":1}`}
		change(m)
		return m
	}
	tests := []struct {
		name        string
		change      func(m map[string]any)
		field, code string
	}{
		{"another shop's installation", func(m map[string]any) { m["ownerId"] = env.api.AppInstallationID("other.myshopify.com") }, "ownerId", "INVALID"},
		{"not a gid", func(m map[string]any) { m["ownerId"] = "42" }, "ownerId", "INVALID"},
		{"short namespace", func(m map[string]any) { m["namespace"] = "hc" }, "namespace", "TOO_SHORT"},
		{"key with a dot", func(m map[string]any) { m["key"] = "chat.v2" }, "key", "INVALID"},
		{"long key", func(m map[string]any) { m["key"] = strings.Repeat("k", 65) }, "key", "TOO_LONG"},
		{"no type", func(m map[string]any) { delete(m, "type") }, "type", "BLANK"},
		{"unknown type", func(m map[string]any) { m["type"] = "jsonn" }, "type", "INVALID_TYPE"},
		{"invalid JSON", func(m map[string]any) { m["value"] = `{"a":` }, "value", "INVALID_VALUE"},
		{"boolean yes", func(m map[string]any) { m["type"], m["value"] = "boolean", "yes" }, "value", "INVALID_VALUE"},
		{"two-line single line", func(m map[string]any) { m["type"], m["value"] = "single_line_text_field", "a\nb" }, "value", "INVALID_VALUE"},
		{"integer too big", func(m map[string]any) { m["type"], m["value"] = "number_integer", "9007199254740992" }, "value", "INVALID_VALUE"},
		{"blank value", func(m map[string]any) { m["type"], m["value"] = "single_line_text_field", "" }, "value", "BLANK"},
	}
	for _, tt := range tests {
		// A valid input first: the call is atomic, so it is not stored either.
		status, body := env.post(t, "127.0.0.1", token, setBody(in(func(map[string]any) {}), in(tt.change)))
		payload, _ := body["data"].(map[string]any)["metafieldsSet"].(map[string]any)
		errs, _ := payload["userErrors"].([]any)
		first := map[string]any{}
		if len(errs) > 0 {
			first, _ = errs[0].(map[string]any)
		}
		if status != 200 || len(errs) != 1 || fmt.Sprint(first["field"]) != "[metafields 1 "+tt.field+"]" ||
			first["code"] != tt.code || first["elementIndex"] != 1.0 || fmt.Sprint(payload["metafields"]) != "[]" {
			t.Errorf("%s: %d %v, want a %s user error on metafields.1.%s", tt.name, status, body, tt.code, tt.field)
		}
	}
	if got := env.api.AppMetafields("hubchat-demo.myshopify.com"); len(got) != 0 {
		t.Errorf("rejected calls stored %v", got)
	}
	for _, valid := range []func(m map[string]any){
		func(m map[string]any) { m["type"], m["value"] = "boolean", "false" },
		func(m map[string]any) { m["type"], m["value"] = "number_decimal", "-12.50" },
		func(m map[string]any) { m["key"], m["type"], m["value"] = "hello", "multi_line_text_field", "a\nb" },
	} {
		if _, body := env.post(t, "127.0.0.1", token, setBody(in(valid))); strings.Contains(fmt.Sprint(body), "code") {
			t.Errorf("valid input %v was rejected: %v", in(valid), body)
		}
	}
}

func TestAdminAPIMetafieldsSetLimitsAndUnsupported(t *testing.T) {
	env := newAdminTestEnv(t, shopifytest.AdminAPIOptions{})
	token := adminTestToken("hubchat-demo.myshopify.com")
	owner := env.api.AppInstallationID("hubchat-demo.myshopify.com")
	var many []map[string]any
	for i := range 26 {
		many = append(many, map[string]any{"ownerId": owner, "namespace": "hubchat", "key": fmt.Sprintf("k%02d", i), "type": "boolean", "value": "true"})
	}
	_, body := env.post(t, "127.0.0.1", token, setBody(many...))
	if s := fmt.Sprint(body["data"]); !strings.Contains(s, "LESS_THAN_OR_EQUAL_TO") || !strings.Contains(s, "field:[metafields]") {
		t.Errorf("26 inputs: %v", body)
	}
	if e := env.log.entries[0]; e.requested != 10 || *e.actual != 10 || e.available != 1990 {
		t.Errorf("a mutation that ran with user errors cost %+v, want 10 charged", e)
	}
	// What Shopify accepts but the fake does not model is the fake's error,
	// never a user error the app would wrongly be blamed for; an input
	// without a required field is Shopify's own top-level error.
	for name, m := range map[string]map[string]any{
		"shop metafield":  {"ownerId": "gid://shopify/Shop/73001", "namespace": "hubchat", "key": "chat", "type": "json", "value": "{}"},
		"no namespace":    {"ownerId": owner, "key": "chat", "type": "json", "value": "{}"},
		"$app namespace":  {"ownerId": owner, "namespace": "$app", "key": "chat", "type": "json", "value": "{}"},
		"missing a value": {"ownerId": owner, "namespace": "hubchat", "key": "chat", "type": "json"},
	} {
		_, body := env.post(t, "127.0.0.1", token, setBody(m))
		if body["errors"] == nil || body["data"] != nil {
			t.Errorf("%s: %v, want a top-level error", name, body)
		}
	}
}
