package shopify

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func TestNormalizeShopDomain(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means invalid
	}{
		{"my-shop.myshopify.com", "my-shop.myshopify.com"},
		{"shop_1.myshopify.com", "shop_1.myshopify.com"},
		{"0.myshopify.com", "0.myshopify.com"},
		{"My-Shop.myshopify.com", "my-shop.myshopify.com"},
		{"MY-SHOP.MYSHOPIFY.COM", "my-shop.myshopify.com"},
		{strings.Repeat("a", 63) + ".myshopify.com", strings.Repeat("a", 63) + ".myshopify.com"},

		{"", ""},
		{".myshopify.com", ""},
		{"-shop.myshopify.com", ""},
		{"_shop.myshopify.com", ""},
		{strings.Repeat("a", 64) + ".myshopify.com", ""},
		{"https://shop.myshopify.com", ""},
		{"shop.myshopify.com/", ""},
		{"shop.myshopify.com/admin", ""},
		{"shop.myshopify.com:443", ""},
		{"user@shop.myshopify.com", ""},
		{"shop.myshopify.com.", ""},
		{"shop.myshopify.com.evil.com", ""},
		{"evil.com?shop.myshopify.com", ""},
		{"evil.com#.myshopify.com", ""},
		{"shop.evil.myshopify.com", ""},
		{"shop.myshopifyxcom", ""},
		{"shop.shopify.com", ""},
		{"admin.shopify.com/store/shop", ""},
		{" shop.myshopify.com", ""},
		{"shop.myshopify.com\n", ""},
		{"sh op.myshopify.com", ""},
		{"shop%2e.myshopify.com", ""},
		// U+212A KELVIN SIGN lowercases to "k" with strings.ToLower: it must
		// not become kshop.myshopify.com.
		{"\u212Ashop.myshopify.com", ""},
		// U+0130 and dotless i, full-width letters, Cyrillic look-alikes.
		{"\u0130shop.myshopify.com", ""},
		{"ｓhop.myshopify.com", ""},
		{"shоp.myshopify.com", ""},
		{"shop.myshopify.co\u1E3F", ""},
	}
	for _, tt := range tests {
		got, err := NormalizeShopDomain(tt.in)
		if tt.want == "" {
			if err == nil || !errors.Is(err, ErrInvalidShop) {
				t.Errorf("NormalizeShopDomain(%q) = %q, %v; want ErrInvalidShop", tt.in, got, err)
			}
			if ValidShopDomain(tt.in) {
				t.Errorf("ValidShopDomain(%q) = true", tt.in)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("NormalizeShopDomain(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if !ValidShopDomain(tt.in) {
			t.Errorf("ValidShopDomain(%q) = false", tt.in)
		}
	}
}

func TestDecodeHost(t *testing.T) {
	padded := base64.StdEncoding.EncodeToString([]byte("admin.shopify.com/store/a"))
	if !strings.HasSuffix(padded, "=") {
		t.Fatalf("test input %q should need padding", padded)
	}
	tests := []struct {
		host string
		want string // "" means invalid
	}{
		{EncodeHost("admin.shopify.com/store/my-store"), "admin.shopify.com/store/my-store"},
		{padded, "admin.shopify.com/store/a"},
		{EncodeHost("my-shop.myshopify.com/admin"), "my-shop.myshopify.com/admin"},
		{EncodeHost("admin.shopify.com/store/My_Store-2"), "admin.shopify.com/store/My_Store-2"},

		{"", ""},
		{"====", ""},
		{padded + "=", ""},
		{"not base64!", ""},
		{EncodeHost("evil.com/store/x"), ""},
		{EncodeHost("admin.shopify.com/store/"), ""},
		{EncodeHost("admin.shopify.com/store/x/../../evil"), ""},
		{EncodeHost("admin.shopify.com/store/x?y"), ""},
		{EncodeHost("admin.shopify.com.evil.com/store/x"), ""},
		{EncodeHost("evil.com/admin"), ""},
		{EncodeHost("evil.com#.myshopify.com/admin"), ""},
		{EncodeHost("shop.myshopify.com/admin/x"), ""},
		{EncodeHost("shop.myshopify.com:8443/admin"), ""},
		{base64.URLEncoding.EncodeToString([]byte("admin.shopify.com/store/\xfb\xff")), ""},
	}
	for _, tt := range tests {
		got, err := DecodeHost(tt.host)
		if tt.want == "" {
			if !errors.Is(err, ErrInvalidHost) {
				t.Errorf("DecodeHost(%q) = %q, %v; want ErrInvalidHost", tt.host, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("DecodeHost(%q) = %q, %v; want %q", tt.host, got, err, tt.want)
		}
	}
}

func TestAppHomeURL(t *testing.T) {
	got, err := AppHomeURL(EncodeHost("admin.shopify.com/store/my-store"), "abc123")
	if want := "https://admin.shopify.com/store/my-store/apps/abc123"; err != nil || got != want {
		t.Errorf("AppHomeURL = %q, %v; want %q", got, err, want)
	}
	got, err = AppHomeURL(EncodeHost("shop.myshopify.com/admin"), "abc123")
	if want := "https://shop.myshopify.com/admin/apps/abc123"; err != nil || got != want {
		t.Errorf("AppHomeURL(legacy) = %q, %v; want %q", got, err, want)
	}
	if _, err := AppHomeURL(EncodeHost("evil.com/store/x"), "abc123"); !errors.Is(err, ErrInvalidHost) {
		t.Errorf("AppHomeURL(evil host) error = %v; want ErrInvalidHost", err)
	}
	if _, err := AppHomeURL(EncodeHost("admin.shopify.com/store/x"), ""); err == nil {
		t.Error("AppHomeURL with empty api key: want error")
	}
}
