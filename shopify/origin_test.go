package shopify

import "testing"

func TestOrigin(t *testing.T) {
	tests := []struct {
		in, want string // want "" means no origin
	}{
		{"https://example.com", "https://example.com"},
		{"https://example.com/", "https://example.com"},
		{"https://Shop.Example.COM/products/hat?x=1#top", "https://shop.example.com"},
		{"HTTPS://example.com", "https://example.com"},
		{"https://example.com:443", "https://example.com"},
		{"http://example.com:80/", "http://example.com"},
		{"https://example.com:8443", "https://example.com:8443"},
		{"http://localhost:8082", "http://localhost:8082"},
		{"http://127.0.0.1:8082/", "http://127.0.0.1:8082"},
		{"http://[::1]:8082", "http://[::1]:8082"},
		{"http://[::1]", "http://[::1]"},
		{" https://example.com ", "https://example.com"},

		{"", ""},
		{"null", ""},
		{"example.com", ""},
		{"//example.com", ""},
		{"ftp://example.com", ""},
		{"javascript:alert(1)", ""},
		{"https://user:pw@example.com", ""},
		{"https://", ""},
		{"https://exa mple.com", ""},
	}
	for _, tt := range tests {
		got, ok := Origin(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Origin(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}
