package webhooks

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"regexp"
	"strings"
	"time"

	"hubchat/app/apperr"
	"hubchat/shopify"
	"hubchat/storage"
)

// productPayload is the REST JSON of products/create and products/update.
// tags and options are read apart, so that a malformed one is named in
// the delivery's error.
type productPayload struct {
	ID          int64            `json:"id"`
	Title       string           `json:"title"`
	Handle      string           `json:"handle"`
	BodyHTML    string           `json:"body_html"`
	Status      string           `json:"status"`
	Updated     time.Time        `json:"updated_at"`
	ProductType string           `json:"product_type"`
	Vendor      string           `json:"vendor"`
	Tags        json.RawMessage  `json:"tags"`    // one string, "a, b"
	Options     json.RawMessage  `json:"options"` // [{"name", "values"}]
	Variants    []productVariant `json:"variants"`
	Image       *struct {
		Src string `json:"src"`
	} `json:"image"`
}

// productVariant is a variant in the payload. Since 2024-07 it does not
// say whether its inventory is tracked (inventory_management is gone), so
// a quantity of 0 may mean sold out or not tracked.
type productVariant struct {
	Price             string `json:"price"`
	InventoryQuantity int    `json:"inventory_quantity"`
	InventoryPolicy   string `json:"inventory_policy"` // deny, or continue: sold on when out of stock
}

func (t shopDataTopics) product(ctx context.Context, d storage.Delivery) error {
	return withShop(ctx, t, d, func(shopID int64, p productPayload) error {
		if p.ID <= 0 || p.Title == "" {
			return apperr.New(apperr.Invalid, "%s names no product id or title", d.Topic)
		}
		updated, err := stateTime(d, p.Updated)
		if err != nil {
			return err
		}
		product := storage.Product{ShopifyID: p.ID, Title: p.Title, Handle: p.Handle, Description: plainText(p.BodyHTML),
			Status: p.Status, UpdatedAt: updated, Price: lowestPrice(p), ProductType: p.ProductType, Vendor: p.Vendor}
		if p.Image != nil {
			product.ImageURL = p.Image.Src
		}
		if product.Tags, err = productTags(p.Tags); err != nil {
			return apperr.Wrap(apperr.Invalid, err, "%s of product %d", d.Topic, p.ID)
		}
		if product.Options, err = productOptions(p.Options); err != nil {
			return apperr.Wrap(apperr.Invalid, err, "%s of product %d", d.Topic, p.ID)
		}
		if product.Available, err = t.available(ctx, d, p); err != nil {
			return err
		}
		_, err = t.products.Save(ctx, shopID, product)
		return err
	})
}

// available is whether a shopper can buy the product: a variant in stock
// or sold on when out of stock says yes; when none does, the payload
// cannot tell sold out from not tracked, and the Admin API is asked. A
// late delivery for a shop that has uninstalled the app, whose API it can
// no longer ask, counts the product as sold out: no shopper asks there.
func (t shopDataTopics) available(ctx context.Context, d storage.Delivery, p productPayload) (bool, error) {
	for _, v := range p.Variants {
		if v.InventoryQuantity > 0 || v.InventoryPolicy == "continue" {
			return true, nil
		}
	}
	shop, err := t.shops.ByDomain(ctx, d.ShopDomain)
	if err != nil || !shop.Installed() {
		return false, err
	}
	return t.stock.ProductAvailable(ctx, shop, p.ID)
}

// productTags reads the payload's tags, one comma-separated string ("" or
// absent: none).
func productTags(raw json.RawMessage) ([]string, error) {
	var joined *string
	if err := json.Unmarshal(orNull(raw), &joined); err != nil {
		return nil, errors.New("tags are not a comma-separated string")
	}
	if joined == nil {
		return nil, nil
	}
	var tags []string
	for _, tag := range strings.Split(*joined, ",") {
		if tag = strings.TrimSpace(tag); tag != "" {
			tags = append(tags, tag)
		}
	}
	return tags, nil
}

// productOptions reads the payload's options, [{"name", "values"}],
// leaving out Shopify's placeholder of a product without options.
func productOptions(raw json.RawMessage) (storage.ProductOptions, error) {
	var options []struct {
		Name   string   `json:"name"`
		Values []string `json:"values"`
	}
	if err := json.Unmarshal(orNull(raw), &options); err != nil {
		return nil, errors.New(`options are not a list of {"name", "values"}`)
	}
	var out storage.ProductOptions
	for _, o := range options {
		if strings.TrimSpace(o.Name) == "" {
			return nil, errors.New("an option has no name")
		}
		if !shopify.IsDefaultOption(o.Name, o.Values) {
			out = append(out, storage.ProductOption{Name: o.Name, Values: o.Values})
		}
	}
	return out, nil
}

// orNull is raw, or JSON null when the field was absent.
func orNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}

// productDelete removes a product; its body is only {"id": …}.
func (t shopDataTopics) productDelete(ctx context.Context, d storage.Delivery) error {
	return withShop(ctx, t, d, func(shopID int64, p struct {
		ID int64 `json:"id"`
	}) error {
		if p.ID <= 0 {
			return apperr.New(apperr.Invalid, "%s names no product id", d.Topic)
		}
		return t.products.Delete(ctx, shopID, p.ID)
	})
}

// lowestPrice is the product's "from" price: its cheapest variant's.
func lowestPrice(p productPayload) string {
	var lowest string
	var low float64
	for _, v := range p.Variants {
		if !isAmount(v.Price) {
			continue
		}
		f := parseAmount(v.Price)
		if lowest == "" || f < low {
			lowest, low = v.Price, f
		}
	}
	return lowest
}

var tags = regexp.MustCompile(`<[^>]*>`)

// plainText is a product description as the AI agent reads it: the HTML's
// text, whitespace collapsed.
func plainText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(s, " "))), " ")
}
