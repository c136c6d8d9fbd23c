package shopifytest

import (
	"cmp"
	"fmt"
	"slices"
)

// The demo shop's customers.

func (s *DemoShop) hasCustomer(id int64) bool {
	_, ok := demoFindByID(s.f.Customers, id, demoCustomerID)
	return ok
}

// Customers returns all customers, by id.
func (s *DemoShop) Customers() []DemoCustomer {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.f.Customers)
}

// Customer returns the customer with id, and whether there is one.
func (s *DemoShop) Customer(id int64) (DemoCustomer, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := demoFindByID(s.f.Customers, id, demoCustomerID)
	if !ok {
		return DemoCustomer{}, false
	}
	return s.f.Customers[i], true
}

// UpsertCustomer replaces the customer with c.ID, or adds c (with the next
// free id when c.ID is 0), and returns it as stored.
func (s *DemoShop) UpsertCustomer(c DemoCustomer) (DemoCustomer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.ID < 0 {
		return DemoCustomer{}, fmt.Errorf("demo shop: customer id %d", c.ID)
	}
	if n := len(s.f.Customers); c.ID == 0 && n > 0 {
		c.ID = s.f.Customers[n-1].ID + 1
	}
	c.ID = cmp.Or(c.ID, 1)
	if i, ok := demoFindByID(s.f.Customers, c.ID, demoCustomerID); ok {
		s.f.Customers[i] = c
		return c, nil
	}
	s.f.Customers = demoInsertByID(s.f.Customers, c, demoCustomerID)
	return c, nil
}

// DeleteCustomer removes the customer with id, as a merchant deleting them
// in the admin does. Shopify deletes only customers who placed no orders, so
// one with orders, or the customer the storefront signs in as, is an error.
func (s *DemoShop) DeleteCustomer(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := demoFindByID(s.f.Customers, id, demoCustomerID)
	switch {
	case !ok:
		return fmt.Errorf("demo shop: no customer %d", id)
	case id == s.f.SignedInCustomerID:
		return fmt.Errorf("demo shop: customer %d is the signed-in one", id)
	case slices.ContainsFunc(s.f.Orders, func(o DemoOrder) bool { return o.CustomerID == id }):
		return fmt.Errorf("demo shop: customer %d has orders and cannot be deleted", id)
	}
	s.f.Customers = slices.Delete(s.f.Customers, i, i+1)
	return nil
}

// CustomerTotals returns how many orders the customer placed and what they
// spent: the totals of orders that are neither cancelled nor refunded nor
// unpaid (PAID and PARTIALLY_REFUNDED count in full).
func (s *DemoShop) CustomerTotals(id int64) (orders int, spent string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var cents int64
	for _, o := range s.f.Orders {
		if o.CustomerID != id {
			continue
		}
		orders++
		if o.CancelledAt == nil && (o.FinancialStatus == "PAID" || o.FinancialStatus == "PARTIALLY_REFUNDED") {
			c, _ := demoParseCents(o.Total())
			cents += c
		}
	}
	return orders, demoFormatCents(cents)
}
