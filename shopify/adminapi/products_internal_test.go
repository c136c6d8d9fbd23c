package adminapi

import (
	"encoding/json"
	"testing"
)

// A product is available when a shopper can buy it: Shopify's
// availableForSale covers what the inventory fields alone cannot tell,
// such as a variant sold on when out of stock.
func TestProductAvailability(t *testing.T) {
	tests := []struct {
		name string
		node string
		want bool
	}{
		{"not tracked", `{"tracksInventory": false, "totalInventory": 0, "variants": {"nodes": [{"availableForSale": true}]}}`, true},
		{"in stock", `{"tracksInventory": true, "totalInventory": 4, "variants": {"nodes": [{"availableForSale": true}]}}`, true},
		{"sold out", `{"tracksInventory": true, "totalInventory": 0, "variants": {"nodes": [{"availableForSale": false}]}}`, false},
		{"sold on when out of stock", `{"tracksInventory": true, "totalInventory": -2,
			"variants": {"nodes": [{"availableForSale": false}, {"availableForSale": true}]}}`, true},
		{"in stock past the variants read", `{"tracksInventory": true, "totalInventory": 3,
			"variants": {"nodes": [{"availableForSale": false}]}}`, true},
	}
	for _, tt := range tests {
		var n productNode
		if err := json.Unmarshal([]byte(tt.node), &n); err != nil {
			t.Fatal(err)
		}
		n.ID = "gid://shopify/Product/1"
		p, err := n.product()
		if err != nil {
			t.Fatal(err)
		}
		if p.Available != tt.want {
			t.Errorf("%s: Available = %v, want %v", tt.name, p.Available, tt.want)
		}
	}
}
