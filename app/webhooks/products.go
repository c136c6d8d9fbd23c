package webhooks

import (
	"context"
	"html"
	"regexp"
	"strings"
	"time"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// productPayload is the REST JSON of products/create and products/update.
type productPayload struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Handle   string    `json:"handle"`
	BodyHTML string    `json:"body_html"`
	Status   string    `json:"status"`
	Updated  time.Time `json:"updated_at"`
	Variants []struct {
		Price string `json:"price"`
	} `json:"variants"`
	Image *struct {
		Src string `json:"src"`
	} `json:"image"`
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
			Status: p.Status, UpdatedAt: updated, Price: lowestPrice(p)}
		if p.Image != nil {
			product.ImageURL = p.Image.Src
		}
		_, err = t.products.Save(ctx, shopID, product)
		return err
	})
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
