package shopifytest

// The fake Admin API's products and the shop's locales.

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"hubchat/shopify"
	"hubchat/shopify/adminapi"
)

func adminapiProducts(s *DemoShop, op *adminapi.Operation, f adminapi.Field, vars map[string]any, opts *AdminAPIOptions) (any, error) {
	first, after, sortKey, reverse, terms, err := adminapiArgs(op, f, vars)
	if err != nil {
		return nil, err
	}
	info, variants := s.Info(), adminapiNestedFirst(op, f, "variants", vars)
	var nodes []adminapiNode
	for _, p := range s.Products() {
		ok, err := adminapiMatch(terms, func(t adminapi.SearchTerm) (bool, error) {
			switch t.Field {
			case "": // a bare word: the fake searches titles only
				return strings.Contains(strings.ToLower(p.Title), strings.ToLower(t.Value)), nil
			case "status":
				return strings.EqualFold(p.Status, t.Value), nil
			case "updated_at":
				return adminapiMatchTime(p.UpdatedAt, t)
			}
			return false, adminapiUnsupported("products", t)
		})
		if err != nil {
			return nil, err
		}
		key, err := adminapiSortKey(sortKey, p.ID, p.UpdatedAt, p.UpdatedAt, p.Title)
		if err != nil {
			return nil, err
		}
		if ok {
			nodes = append(nodes, adminapiNode{adminapiCursor{key, p.ID}, func() map[string]any {
				return adminapiProduct(p, info, opts.AssetBase, variants)
			}})
		}
	}
	return adminapiPage(nodes, first, after, reverse)
}

// adminapiProduct is p as Admin GraphQL's Product, with its first
// variants (all when the selection asks for none).
func adminapiProduct(p DemoProduct, info DemoShopInfo, assets string, variants int) map[string]any {
	price := adminapiMoney(p.Price, info.Currency)
	tags := append([]string{}, p.Tags...) // a non-null list on Shopify
	v := map[string]any{
		"id": adminapi.GID("Product", p.ID), "title": p.Title, "handle": p.Handle, "description": p.Description,
		"status": p.Status, "updatedAt": adminapiTime(p.UpdatedAt), "onlineStoreUrl": nil, "featuredMedia": nil,
		"priceRangeV2": map[string]any{"minVariantPrice": price, "maxVariantPrice": price},
		"productType":  p.ProductType, "vendor": p.Vendor, "tags": tags, "options": adminapiProductOptions(p),
		"hasOnlyDefaultVariant": len(p.Options) == 0, "tracksInventory": p.Inventory != nil, "totalInventory": 0,
		"variants": adminapiVariants(p, variants),
	}
	if p.Inventory != nil {
		v["totalInventory"] = *p.Inventory
	}
	if p.Status == "ACTIVE" {
		v["onlineStoreUrl"] = "https://" + info.PrimaryDomain + "/products/" + p.Handle
	}
	if p.Image != "" {
		v["featuredMedia"] = map[string]any{"preview": map[string]any{"image": map[string]any{"url": demoImageURL(p.Image, assets)}}}
	}
	return v
}

// adminapiProductOptions are Product.options: a product without options
// has Shopify's "Title" option with its one "Default Title" value.
func adminapiProductOptions(p DemoProduct) []any {
	options := []any{}
	for i, o := range demoOptions(p) {
		values := []any{}
		for k, name := range o.Values {
			values = append(values, map[string]any{"id": adminapi.GID("ProductOptionValue", p.ID*1000+int64(i*100+k)),
				"name": name, "hasVariants": true})
		}
		options = append(options, map[string]any{"id": adminapi.GID("ProductOption", p.ID*10+int64(i)+1),
			"name": o.Name, "position": i + 1, "values": o.Values, "optionValues": values})
	}
	return options
}

// adminapiVariants is the Product.variants connection's first page of n.
func adminapiVariants(p DemoProduct, n int) map[string]any {
	all := demoVariants(p)
	page := all[:min(n, len(all))]
	nodes := []any{}
	for _, v := range page {
		quantity, selected := 0, []any{}
		if v.Inventory != nil {
			quantity = *v.Inventory
		}
		for i, value := range v.Options {
			selected = append(selected, map[string]any{"name": p.Options[i].Name, "value": value})
		}
		if len(v.Options) == 0 {
			selected = append(selected, map[string]any{"name": "Title", "value": "Default Title"})
		}
		nodes = append(nodes, map[string]any{
			"id": adminapi.GID("ProductVariant", v.ID), "title": v.Title, "price": p.Price,
			"availableForSale": v.AvailableForSale(), "inventoryQuantity": quantity, "inventoryPolicy": "DENY",
			"selectedOptions": selected,
		})
	}
	return map[string]any{"nodes": nodes, "pageInfo": map[string]any{"hasNextPage": len(all) > len(page), "hasPreviousPage": false}}
}

// adminapiNestedFirst is the first argument of the field name under a
// connection's nodes (or edges { node }); math.MaxInt when not selected.
func adminapiNestedFirst(op *adminapi.Operation, conn adminapi.Field, name string, vars map[string]any) int {
	for _, f := range conn.Fields {
		switch f.Name {
		case "nodes":
			return adminapiFirstOf(op, f.Fields, name, vars)
		case "edges":
			for _, e := range f.Fields {
				if e.Name == "node" {
					return adminapiFirstOf(op, e.Fields, name, vars)
				}
			}
		}
	}
	return math.MaxInt
}

// adminapiFirstOf is the first argument of the field name among fields;
// math.MaxInt when it is not selected.
func adminapiFirstOf(op *adminapi.Operation, fields []adminapi.Field, name string, vars map[string]any) int {
	for _, f := range fields {
		if v, ok := op.Arg(f, "first", vars); ok && f.Name == name {
			n, _ := adminapiInt(v)
			return n
		}
	}
	return math.MaxInt
}

// adminapiShopLocales answers shopLocales: the shop's primary locale,
// then its alternate ones, all published.
func adminapiShopLocales(s *DemoShop, _ *adminapi.Operation, _ adminapi.Field, _ map[string]any, _ *AdminAPIOptions) (any, error) {
	info := s.Info()
	out := []any{}
	for _, locale := range append([]map[string]any{adminapiShopLocale(info)}, adminapiAlternateLocales(info)...) {
		locale["marketWebPresences"] = []any{}
		out = append(out, locale)
	}
	return out, nil
}

// adminapiShopLocale is the shop's primary locale as a ShopLocale ("en"
// when the demo shop names none), without its web presences.
func adminapiShopLocale(info DemoShopInfo) map[string]any {
	return adminapiLocale(cmp.Or(info.PrimaryLocale, "en"), true)
}

// adminapiAlternateLocales are the shop's alternate published locales as
// ShopLocales.
func adminapiAlternateLocales(info DemoShopInfo) []map[string]any {
	var out []map[string]any
	for _, code := range info.AlternateLocales {
		out = append(out, adminapiLocale(code, false))
	}
	return out
}

func adminapiLocale(code string, primary bool) map[string]any {
	name := display.English.Tags().Name(language.Make(code))
	return map[string]any{"locale": code, "name": name, "primary": primary, "published": true}
}

// adminapiProductByID answers product(id:): the product, or null when the
// shop has none of that id, as on Shopify.
func adminapiProductByID(s *DemoShop, op *adminapi.Operation, f adminapi.Field, vars map[string]any, opts *AdminAPIOptions) (any, error) {
	arg, _ := op.Arg(f, "id", vars)
	gid, _ := arg.(string)
	kind, id, err := adminapi.ParseGID(gid)
	if err != nil || kind != "Product" {
		return nil, fmt.Errorf("Invalid global id '%v'", arg)
	}
	for _, p := range s.Products() {
		if p.ID == id {
			return adminapiProduct(p, s.Info(), opts.AssetBase, adminapiFirstOf(op, f.Fields, "variants", vars)), nil
		}
	}
	return nil, nil
}

// adminapiFieldScopes are the access scopes the fake checks, per top-level
// field: any one of them grants it (Shopify's "Requires `read_locales`
// access scope or `read_markets_home` access scope").
var adminapiFieldScopes = map[string][]string{
	"shopLocales": {"read_locales", "read_markets_home"},
	"themes":      {"read_themes"},
}

// deniedField is Shopify's ACCESS_DENIED answer to the first field of op
// that token's scope does not grant, or nil.
func (a *AdminAPI) deniedField(op *adminapi.Operation, shop, token string) map[string]any {
	if a.opts.ScopeOf == nil || op.Type == adminapi.OpMutation {
		return nil
	}
	granted := a.opts.ScopeOf(shop, token)
	for _, f := range op.Fields {
		scopes := adminapiFieldScopes[f.Name]
		ok := len(scopes) == 0
		for _, scope := range scopes {
			ok = ok || len(shopify.MissingScopes(granted, []string{scope})) == 0
		}
		if !ok {
			return adminapiErrors(fmt.Sprintf("Access denied for %s field. Required access: `%s` access scope.",
				f.Name, strings.Join(scopes, "` access scope or `")), "ACCESS_DENIED")
		}
	}
	return nil
}
