package shopifytest

import (
	"bytes"
	"encoding/json"
	"fmt"

	"hubchat/shopify"
)

// AnotherDemoShop is the built-in demo shop as a second store of its own:
// the myshopify.com domain handle.myshopify.com (its primary domain too),
// the name given, and its shop id and every customer, product and order id
// moved by offset, since Shopify's ids are unique across every store. For
// tests of one app installed in several shops.
func AnotherDemoShop(handle, name string, offset int64) (*DemoShop, error) {
	base, err := NewDemoShop()
	if err != nil {
		return nil, err
	}
	domain, err := shopify.NormalizeShopDomain(handle + ".myshopify.com")
	if err != nil {
		return nil, fmt.Errorf("another demo shop: %w", err)
	}
	f := base.f
	f.Shop.ID += offset
	f.Shop.Name, f.Shop.Domain, f.Shop.PrimaryDomain = name, domain, domain
	f.Shop.Email = "support@" + handle + ".example"
	if f.SignedInCustomerID != 0 {
		f.SignedInCustomerID += offset
	}
	f.Customers = append([]DemoCustomer(nil), f.Customers...)
	for i := range f.Customers {
		f.Customers[i].ID += offset
	}
	f.Products = append([]DemoProduct(nil), f.Products...)
	for i := range f.Products {
		f.Products[i].ID += offset
	}
	f.Orders = append([]DemoOrder(nil), f.Orders...)
	for i, o := range f.Orders {
		f.Orders[i] = movedOrder(o, offset)
	}
	doc, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("another demo shop: %w", err)
	}
	return LoadDemoShop(bytes.NewReader(doc))
}

// movedOrder is o with its own, its customer's and its products' ids moved
// by offset (a guest checkout stays a guest's).
func movedOrder(o DemoOrder, offset int64) DemoOrder {
	o.ID += offset
	if o.CustomerID != 0 {
		o.CustomerID += offset
	}
	o.LineItems = append([]DemoLineItem(nil), o.LineItems...)
	for i := range o.LineItems {
		if o.LineItems[i].ProductID != 0 {
			o.LineItems[i].ProductID += offset
		}
	}
	return o
}
