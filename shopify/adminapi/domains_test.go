package adminapi_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
)

func TestWebPresenceDomains(t *testing.T) {
	// 60 domains: more than one page of web presences.
	urls := []string{"https://shop.example", "https://ca.shop.example:8443"}
	for len(urls) < 60 {
		urls = append(urls, fmt.Sprintf("http://127.0.0.1:%d", 9000+len(urls)))
	}
	c, _ := newDemoClientWith(t, shopifytest.AdminAPIOptions{StorefrontURLs: urls})
	got, err := c.WebPresenceDomains(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(urls) {
		t.Fatalf("%d domains, want %d", len(got), len(urls))
	}
	want := []adminapi.Domain{{Host: "shop.example", URL: "https://shop.example", SSLEnabled: true},
		{Host: "ca.shop.example:8443", URL: "https://ca.shop.example:8443", SSLEnabled: true}}
	if !reflect.DeepEqual(got[:2], want) || got[59].URL != urls[59] || got[59].SSLEnabled {
		t.Errorf("domains %+v … %+v, want %+v … %s over http", got[:2], got[59], want, urls[59])
	}
	s, err := c.Shop(context.Background())
	if err != nil || s.PrimaryDomainURL != "https://shop.example" || s.PrimaryDomainHost != "shop.example" {
		t.Errorf("primary domain %q %q, %v; want the first web presence's", s.PrimaryDomainURL, s.PrimaryDomainHost, err)
	}
}
