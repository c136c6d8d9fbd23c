package shopifytest

// The demo shop's products as Shopify models them beyond the demo format's
// single price and inventory: variants, one per combination of option
// values, and the products/* webhooks' REST JSON.

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"
)

// maxDemoOptions and maxDemoVariants are Shopify's limits: three options,
// 2,048 variants.
const (
	maxDemoOptions  = 3
	maxDemoVariants = 2048
)

// demoVariant is one variant of a demo product.
type demoVariant struct {
	ID      int64
	Title   string   // its option values joined with " / ", or "Default Title"
	Options []string // its value of each of the product's options
	// Inventory is its units in stock; nil when the shop does not track it.
	Inventory *int
}

// AvailableForSale is Shopify's ProductVariant.availableForSale: not
// tracked, or in stock (the demo's variants never sell on when out).
func (v demoVariant) AvailableForSale() bool { return v.Inventory == nil || *v.Inventory > 0 }

// validateProductFacts checks what Shopify would refuse of a product's
// options and inventory.
func validateProductFacts(p DemoProduct) error {
	if len(p.Options) > maxDemoOptions {
		return fmt.Errorf("demo shop: product %d has %d options, Shopify allows %d", p.ID, len(p.Options), maxDemoOptions)
	}
	combinations := 1
	for _, o := range p.Options {
		if strings.TrimSpace(o.Name) == "" || len(o.Values) == 0 {
			return fmt.Errorf("demo shop: product %d: an option needs a name and values, got %+v", p.ID, o)
		}
		combinations *= len(o.Values)
	}
	if combinations > maxDemoVariants {
		return fmt.Errorf("demo shop: product %d has %d variants, Shopify allows %d", p.ID, combinations, maxDemoVariants)
	}
	if p.Inventory != nil && *p.Inventory < 0 {
		return fmt.Errorf("demo shop: product %d: inventory %d is negative", p.ID, *p.Inventory)
	}
	return nil
}

// demoVariants are p's variants: one per combination of its option values,
// in Shopify's order (the last option varies fastest), or the single
// "Default Title" variant of a product without options. Its inventory is
// shared out among them, the first ones taking the remainder.
func demoVariants(p DemoProduct) []demoVariant {
	combos := [][]string{{}}
	for _, o := range p.Options {
		var next [][]string
		for _, c := range combos {
			for _, v := range o.Values {
				next = append(next, append(append([]string(nil), c...), v))
			}
		}
		combos = next
	}
	out := make([]demoVariant, len(combos))
	for i, c := range combos {
		out[i] = demoVariant{ID: p.ID*1000 + int64(i) + 1, Title: cmp.Or(strings.Join(c, " / "), "Default Title"), Options: c}
		if p.Inventory != nil {
			n := *p.Inventory / len(combos)
			if i < *p.Inventory%len(combos) {
				n++
			}
			out[i].Inventory = &n
		}
	}
	return out
}

// demoOptions are p's options as Shopify reports them: a product without
// options has the one named "Title" with the value "Default Title".
func demoOptions(p DemoProduct) []DemoProductOption {
	if len(p.Options) == 0 {
		return []DemoProductOption{{Name: "Title", Values: []string{"Default Title"}}}
	}
	return p.Options
}

// ProductPayload is p as Shopify's products/create and products/update
// webhooks carry it: the REST JSON, with the status in lower case, the
// tags as one comma-separated string, its options and its variants (the
// price, the inventory quantity, the policy when out of stock). assetBase
// prefixes an image path that is not a URL.
func ProductPayload(p DemoProduct, assetBase string) map[string]any {
	updated := p.UpdatedAt.Format(time.RFC3339)
	options := []map[string]any{}
	for i, o := range demoOptions(p) {
		options = append(options, map[string]any{"id": p.ID*10 + int64(i) + 1, "product_id": p.ID, "name": o.Name,
			"position": i + 1, "values": o.Values})
	}
	variants := []map[string]any{}
	for i, v := range demoVariants(p) {
		variants = append(variants, demoVariantPayload(p, i, v, updated))
	}
	payload := map[string]any{
		"id": p.ID, "title": p.Title, "handle": p.Handle, "body_html": "<p>" + htmlEscape(p.Description) + "</p>",
		"vendor": p.Vendor, "product_type": p.ProductType, "status": strings.ToLower(p.Status),
		"tags": strings.Join(p.Tags, ", "), "created_at": updated, "updated_at": updated, "published_scope": "web",
		"admin_graphql_api_id": fmt.Sprintf("gid://shopify/Product/%d", p.ID),
		"options":              options, "variants": variants, "image": nil, "images": []any{},
	}
	if p.Image != "" {
		image := map[string]any{"id": p.ID, "product_id": p.ID, "position": 1, "src": demoImageURL(p.Image, assetBase)}
		payload["image"], payload["images"] = image, []any{image}
	}
	return payload
}

// demoVariantPayload is a variant in the products/* JSON. Since 2024-07
// it no longer carries inventory_management (nor fulfillment_service,
// weight or requires_shipping): whether the inventory is tracked is the
// inventory item's, not in the payload. An untracked variant reports the
// quantity it has, 0 in the demo.
func demoVariantPayload(p DemoProduct, i int, v demoVariant, updated string) map[string]any {
	quantity := 0
	if v.Inventory != nil {
		quantity = *v.Inventory
	}
	out := map[string]any{
		"id": v.ID, "product_id": p.ID, "title": v.Title, "price": p.Price, "position": i + 1,
		"inventory_policy": "deny", "inventory_quantity": quantity, "old_inventory_quantity": quantity,
		"inventory_item_id": v.ID, "option1": nil, "option2": nil, "option3": nil,
		"created_at": updated, "updated_at": updated,
		"admin_graphql_api_id": fmt.Sprintf("gid://shopify/ProductVariant/%d", v.ID),
	}
	values := v.Options
	if len(values) == 0 {
		values = []string{"Default Title"}
	}
	for k, value := range values {
		out[fmt.Sprintf("option%d", k+1)] = value
	}
	return out
}

// demoImageURL is image as a URL: a path is prefixed with assetBase.
func demoImageURL(image, assetBase string) string {
	if strings.Contains(image, "://") {
		return image
	}
	return assetBase + image
}

// UpdateProduct replaces the demo product of p's id with p, as a merchant's
// edit in the admin does.
func (s *DemoShop) UpdateProduct(p DemoProduct) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := demoFindByID(s.f.Products, p.ID, demoProductID)
	if !ok {
		return fmt.Errorf("demo shop: no product %d", p.ID)
	}
	old := s.f.Products[i]
	s.f.Products = append(s.f.Products[:i], s.f.Products[i+1:]...)
	if err := s.addProduct(p); err != nil {
		s.f.Products = demoInsertByID(s.f.Products, old, demoProductID)
		return err
	}
	return nil
}

// EditProduct does what a merchant's edit of a product in the admin does:
// the demo shop's product becomes p, updated now, and Shopify delivers
// products/update to the app.
func (s *Shopify) EditProduct(ctx context.Context, p DemoProduct) (DemoProduct, error) {
	p.UpdatedAt = s.cfg.Now().UTC().Truncate(time.Second)
	if err := s.Shop.UpdateProduct(p); err != nil {
		return DemoProduct{}, err
	}
	payload := ProductPayload(p, s.AdminAPI.opts.AssetBase)
	_, err := s.Webhooks.Send(ctx, Webhook{Topic: "products/update", Shop: s.Shop.Info().Domain, Payload: payload, TriggeredAt: p.UpdatedAt})
	if err != nil {
		return p, fmt.Errorf("edit product %d: %w", p.ID, err)
	}
	return p, nil
}
