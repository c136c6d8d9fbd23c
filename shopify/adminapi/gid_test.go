package adminapi

import "testing"

func TestParseGID(t *testing.T) {
	tests := []struct {
		in       string
		resource string
		id       int64
		ok       bool
	}{
		{"gid://shopify/Customer/7001", "Customer", 7001, true},
		{"gid://shopify/InventoryLevel/123?inventory_item_id=9", "InventoryLevel", 123, true},
		{GID("Order", 5000000001), "Order", 5000000001, true},
		{"gid://shopify/Customer/", "", 0, false},
		{"gid://shopify/Customer/abc", "", 0, false},
		{"gid://shopify/Customer/-4", "", 0, false},
		{"gid://other/Customer/1", "", 0, false},
		{"7001", "", 0, false},
	}
	for _, tt := range tests {
		resource, id, err := ParseGID(tt.in)
		if (err == nil) != tt.ok || resource != tt.resource || id != tt.id {
			t.Errorf("ParseGID(%q) = %q, %d, %v; want %q, %d, ok=%v", tt.in, resource, id, err, tt.resource, tt.id, tt.ok)
		}
	}
	if _, err := numericID("gid://shopify/Order/1", "Customer"); err == nil {
		t.Error("numericID accepted an Order gid as a Customer")
	}
}
