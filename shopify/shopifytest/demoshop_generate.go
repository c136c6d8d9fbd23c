package shopifytest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// GenerateOrders adds n orders, deterministic for a given seed and shop:
// created over the 90 days before Now in creation order, for random
// customers (one in ten a guest), of one to three random products, with a
// realistic spread of statuses. Backfill tests use it for thousands.
func (s *DemoShop) GenerateOrders(n int, seed int64) ([]DemoOrder, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.f.Products) == 0 {
		return nil, fmt.Errorf("demo shop: no products to order")
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5eed))
	const span = 90 * 24 * time.Hour
	times := make([]time.Time, n)
	for i := range times {
		times[i] = s.f.Now.Add(-span + time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second)
	}
	slices.SortFunc(times, time.Time.Compare)
	out := make([]DemoOrder, 0, n)
	for _, created := range times {
		o := s.randomOrder(rng, created)
		added, err := s.addOrder(o)
		if err != nil {
			return nil, err
		}
		out = append(out, added)
	}
	return out, nil
}

// demoStatusMix is the weighted spread of generated orders.
var demoStatusMix = []struct {
	weight              int
	financial, fulfills string
	cancelled           bool
}{
	{50, "PAID", "FULFILLED", false},
	{25, "PAID", "UNFULFILLED", false},
	{8, "PENDING", "UNFULFILLED", false},
	{7, "REFUNDED", "FULFILLED", false},
	{5, "PARTIALLY_REFUNDED", "FULFILLED", false},
	{5, "VOIDED", "UNFULFILLED", true},
}

func (s *DemoShop) randomOrder(rng *rand.Rand, created time.Time) DemoOrder {
	o := DemoOrder{CreatedAt: created, UpdatedAt: created.Add(time.Duration(rng.IntN(72*60)) * time.Minute)}
	if o.UpdatedAt.After(s.f.Now) {
		o.UpdatedAt = s.f.Now
	}
	if len(s.f.Customers) > 0 && rng.IntN(10) > 0 {
		o.CustomerID = s.f.Customers[rng.IntN(len(s.f.Customers))].ID
	}
	for range 1 + rng.IntN(3) {
		p := s.f.Products[rng.IntN(len(s.f.Products))]
		o.LineItems = append(o.LineItems, DemoLineItem{ProductID: p.ID, Title: p.Title, Quantity: 1 + rng.IntN(3), Price: p.Price})
	}
	pick := rng.IntN(100)
	for _, m := range demoStatusMix {
		if pick -= m.weight; pick < 0 {
			o.FinancialStatus, o.FulfillmentStatus = m.financial, m.fulfills
			if m.cancelled {
				at := o.UpdatedAt
				o.CancelledAt = &at
			}
			break
		}
	}
	return o
}
