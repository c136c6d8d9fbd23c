package storage

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Product is a catalog entry as the AI agent knows it.
type Product struct {
	ShopifyID   int64     `db:"shopify_id"`
	Title       string    `db:"title"`
	Handle      string    `db:"handle"`
	Description string    `db:"description"` // plain text
	Price       string    `db:"price"`       // the lowest variant price, shop currency
	ImageURL    string    `db:"image_url"`
	Status      string    `db:"status"` // active, draft or archived
	UpdatedAt   time.Time `db:"updated_at"`
	// What the AI agent answers product questions from (Shopify's Product
	// fields of the same names): its type ("Hoodie"), vendor, tags, options
	// with their values ("Size": S, M, L) and whether any variant is
	// available for sale.
	ProductType string         `db:"product_type"`
	Vendor      string         `db:"vendor"`
	Tags        pq.StringArray `db:"tags"`
	Options     ProductOptions `db:"options"`
	Available   bool           `db:"available"`
}

// ProductOption is one of a product's options and its values.
type ProductOption struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// ProductOptions are stored as a jsonb array.
type ProductOptions []ProductOption

// Scan reads the jsonb column.
func (o *ProductOptions) Scan(src any) error {
	b, ok := src.([]byte)
	if !ok {
		return fmt.Errorf("product options: unexpected %T", src)
	}
	return json.Unmarshal(b, (*[]ProductOption)(o))
}

// Value writes the jsonb column ([] for none), as text: the pool sends
// []byte parameters in binary format, which is bytea's (db.go).
func (o ProductOptions) Value() (driver.Value, error) {
	if o == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]ProductOption(o))
	return string(b), err
}

// Products stores the shops' catalogs.
type Products struct {
	db *sqlx.DB
}

// NewProducts returns the product store.
func NewProducts(db *sqlx.DB) *Products { return &Products{db: db} }

// productColumns are a Product's columns, as List and Knowledge.Snapshot
// read them.
const productColumns = `shopify_id, title, handle, description, price::text AS price, image_url, status, updated_at,
	product_type, vendor, tags, options, available`

// Save stores a product unless the stored one is as new or newer
// (updated_at): deliveries come late and out of order. applied is false
// when the stored one was kept. Nil tags and options are stored as none.
func (s *Products) Save(ctx context.Context, shopID int64, p Product) (applied bool, err error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO products (shop_id, shopify_id, title, handle, description, price, image_url, status, updated_at,
			product_type, vendor, tags, options, available)
		VALUES ($1, $2, $3, $4, $5, $6::numeric, $7, $8, $9, $10, $11, COALESCE($12::text[], '{}'), $13, $14)
		ON CONFLICT (shop_id, shopify_id) DO UPDATE SET title = EXCLUDED.title, handle = EXCLUDED.handle,
			description = EXCLUDED.description, price = EXCLUDED.price, image_url = EXCLUDED.image_url,
			status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, product_type = EXCLUDED.product_type,
			vendor = EXCLUDED.vendor, tags = EXCLUDED.tags, options = EXCLUDED.options, available = EXCLUDED.available
		WHERE products.updated_at < EXCLUDED.updated_at`,
		shopID, p.ShopifyID, p.Title, p.Handle, p.Description, orZero(p.Price), p.ImageURL, p.Status, p.UpdatedAt,
		p.ProductType, p.Vendor, p.Tags, p.Options, p.Available)
	if err != nil {
		return false, fmt.Errorf("save product %d: %w", p.ShopifyID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Delete removes a product; one already gone is no error.
func (s *Products) Delete(ctx context.Context, shopID, shopifyID int64) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM products WHERE shop_id = $1 AND shopify_id = $2`, shopID, shopifyID); err != nil {
		return fmt.Errorf("delete product %d: %w", shopifyID, err)
	}
	return nil
}

// List returns the shop's products by title.
func (s *Products) List(ctx context.Context, shopID int64) ([]Product, error) {
	products := []Product{}
	err := s.db.SelectContext(ctx, &products, `SELECT `+productColumns+`
		FROM products WHERE shop_id = $1 ORDER BY title, shopify_id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	return products, nil
}
