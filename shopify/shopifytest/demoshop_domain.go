package shopifytest

import (
	"fmt"

	"hubchat/shopify"
)

// SetDomain gives the demo shop another myshopify.com domain, so a developer
// can run the demo under a shop name of their own.
func (s *DemoShop) SetDomain(domain string) error {
	d, err := shopify.NormalizeShopDomain(domain)
	if err != nil {
		return fmt.Errorf("demo shop domain: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.f.Shop.Domain = d
	return nil
}
