package adminapi

import (
	"context"
	"fmt"
)

const productStockQuery = `query HubchatProductStock($id: ID!) {
  product(id: $id) {
    tracksInventory
    totalInventory
    variants(first: 10) { nodes { availableForSale } }
  }
}`

// ProductAvailable reports whether a shopper can buy the product with id
// now, as Product.Available tells it: for when a products/* webhook cannot
// (its variants no longer say whether their inventory is tracked).
// ErrNotFound when Shopify has no such product.
func (c *Client) ProductAvailable(ctx context.Context, id int64) (bool, error) {
	if id <= 0 {
		return false, fmt.Errorf("product %d: %w: id must be positive", id, ErrInvalidArgument)
	}
	var data struct {
		Product *productStock `json:"product"`
	}
	if err := c.Do(ctx, productStockQuery, map[string]any{"id": GID("Product", id)}, &data); err != nil {
		return false, fmt.Errorf("product %d: %w", id, err)
	}
	if data.Product == nil {
		return false, fmt.Errorf("product %d: %w", id, ErrNotFound)
	}
	return data.Product.available(), nil
}
