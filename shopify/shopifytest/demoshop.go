package shopifytest

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"

	"hubchat/shopify"
)

// DemoShopEnv names the environment variable that points the local fake
// Shopify at a custom demo-shop JSON file instead of the built-in one.
const DemoShopEnv = "SHOP_DATA"

//go:embed demo-shop.json
var demoShopJSON []byte

// DemoShopInfo is the shop's own record. docs/demo-shop.md documents every
// field of the JSON format.
type DemoShopInfo struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Domain        string `json:"domain"`         // {name}.myshopify.com
	PrimaryDomain string `json:"primary_domain"` // the online store's host
	Email         string `json:"email"`
	TimeZone      string `json:"iana_timezone"`
	Currency      string `json:"currency"` // ISO 4217
	// PrimaryLocale is the shop's primary language (BCP 47); "" is "en".
	PrimaryLocale string `json:"primary_locale,omitempty"`
	// AlternateLocales are the shop's other published languages, each
	// served under its subfolder of the storefront (/es/…).
	AlternateLocales []string `json:"alternate_locales,omitempty"`
}

// DemoPolicy is a legal policy; its URL is https://{primary}/policies/{handle}.
type DemoPolicy struct {
	Type   string `json:"type"` // PRIVACY_POLICY, TERMS_OF_SERVICE, REFUND_POLICY, SHIPPING_POLICY
	Title  string `json:"title"`
	Handle string `json:"handle"`
	Body   string `json:"body"` // HTML
}

// DemoCustomer is a customer account.
type DemoCustomer struct {
	ID        int64     `json:"id"`
	FirstName string    `json:"first_name"`
	LastName  string    `json:"last_name"`
	Email     string    `json:"email,omitempty"`
	Phone     string    `json:"phone,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// DemoProduct is a catalog entry with a single price.
type DemoProduct struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Handle      string    `json:"handle"`
	Description string    `json:"description"` // plain text
	Price       string    `json:"price"`       // decimal, shop currency
	Status      string    `json:"status"`      // ACTIVE, DRAFT or ARCHIVED
	Image       string    `json:"image,omitempty"`
	UpdatedAt   time.Time `json:"updated_at"`
	// What the catalog says of it beyond the price, as Shopify's Product
	// has it: its type, vendor, tags and options with their values.
	ProductType string              `json:"product_type,omitempty"`
	Vendor      string              `json:"vendor,omitempty"`
	Tags        []string            `json:"tags,omitempty"`
	Options     []DemoProductOption `json:"options,omitempty"`
	// Inventory is the units in stock across its variants; nil means the
	// shop does not track it (always available), 0 sold out.
	Inventory *int `json:"inventory,omitempty"`
}

// DemoProductOption is one of a product's options ("Size") and its values.
type DemoProductOption struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// DemoOrder is an order; its total is the sum of its lines.
type DemoOrder struct {
	ID                int64          `json:"id"`
	Number            int            `json:"number"`                // shown as #{number}
	CustomerID        int64          `json:"customer_id,omitempty"` // 0: guest checkout
	CreatedAt         time.Time      `json:"created_at"`
	UpdatedAt         time.Time      `json:"updated_at"`
	CancelledAt       *time.Time     `json:"cancelled_at,omitempty"`
	FinancialStatus   string         `json:"financial_status"`
	FulfillmentStatus string         `json:"fulfillment_status"`
	LineItems         []DemoLineItem `json:"line_items"`
	// Fulfillments are its shipments with their tracking (none: not
	// shipped, or shipped without tracking).
	Fulfillments []DemoFulfillment `json:"fulfillments,omitempty"`
}

// DemoFulfillment is a successful shipment of an order and its tracking.
type DemoFulfillment struct {
	TrackingCompany string `json:"tracking_company,omitempty"`
	TrackingNumber  string `json:"tracking_number,omitempty"`
	TrackingURL     string `json:"tracking_url,omitempty"`
}

// DemoLineItem is one line of an order.
type DemoLineItem struct {
	ProductID int64  `json:"product_id,omitempty"`
	Title     string `json:"title"`
	Quantity  int    `json:"quantity"`
	Price     string `json:"price"` // unit price, decimal
}

// Name is the order's display name, e.g. #1001.
func (o DemoOrder) Name() string { return "#" + strconv.Itoa(o.Number) }

// Total is the order's total as a decimal string.
func (o DemoOrder) Total() string {
	var cents int64
	for _, li := range o.LineItems {
		c, _ := demoParseCents(li.Price) // validated on the way in
		cents += c * int64(li.Quantity)
	}
	return demoFormatCents(cents)
}

// demoShopFile is the JSON document; DemoShop keeps its lists sorted by id.
type demoShopFile struct {
	Now                time.Time      `json:"now"`
	Shop               DemoShopInfo   `json:"shop"`
	SignedInCustomerID int64          `json:"signed_in_customer_id"`
	Policies           []DemoPolicy   `json:"policies"`
	Customers          []DemoCustomer `json:"customers"`
	Products           []DemoProduct  `json:"products"`
	Orders             []DemoOrder    `json:"orders"`
	// AppKnowledge is not Shopify's: it is what the merchant taught the
	// app (FAQs and knowledge articles), in the app's import JSON format,
	// loaded into the app when the demo installs it.
	AppKnowledge json.RawMessage `json:"app_knowledge,omitempty"`
}

// DemoShop is the seeded data of one demo shop. It is safe for concurrent
// use: the fake storefront and tests add orders and customers while the
// fake Admin API reads them. Getters return copies.
type DemoShop struct {
	mu         sync.RWMutex
	f          demoShopFile
	lastNumber int // the highest order number, for the next one
}

// NewDemoShop returns a fresh copy of the built-in demo shop.
func NewDemoShop() (*DemoShop, error) { return LoadDemoShop(bytes.NewReader(demoShopJSON)) }

// LoadDemoShopFromEnv loads the file named by DemoShopEnv, or the built-in
// shop when the variable is unset or empty.
func LoadDemoShopFromEnv(getenv func(string) string) (*DemoShop, error) {
	path := getenv(DemoShopEnv)
	if path == "" {
		return NewDemoShop()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("demo shop: %w", err)
	}
	defer f.Close()
	return LoadDemoShop(f)
}

// LoadDemoShop reads a demo shop in the JSON format of docs/demo-shop.md
// and validates it: unknown fields, unknown statuses, bad prices, duplicate
// ids and orders of unknown customers are errors, not surprises later.
func LoadDemoShop(r io.Reader) (*DemoShop, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f demoShopFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("demo shop: %w", err)
	}
	s := &DemoShop{f: demoShopFile{Now: f.Now, Shop: f.Shop, SignedInCustomerID: f.SignedInCustomerID, Policies: f.Policies,
		AppKnowledge: f.AppKnowledge}}
	if err := s.validateInfo(); err != nil {
		return nil, err
	}
	for _, c := range f.Customers {
		if c.ID <= 0 || s.hasCustomer(c.ID) {
			return nil, fmt.Errorf("demo shop: customer id %d is missing or repeated", c.ID)
		}
		s.f.Customers = demoInsertByID(s.f.Customers, c, demoCustomerID)
	}
	for _, p := range f.Products {
		if err := s.addProduct(p); err != nil {
			return nil, err
		}
	}
	for _, o := range f.Orders {
		if _, err := s.addOrder(o); err != nil {
			return nil, err
		}
	}
	if id := f.SignedInCustomerID; id != 0 && !s.hasCustomer(id) {
		return nil, fmt.Errorf("demo shop: signed-in customer %d does not exist", id)
	}
	return s, nil
}

// AppKnowledge is the FAQs and articles the merchant taught the app, in
// the app's import JSON format; nil when the file has none.
func (s *DemoShop) AppKnowledge() []byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return bytes.Clone(s.f.AppKnowledge)
}

func (s *DemoShop) validateInfo() error {
	i := s.f.Shop
	if !shopify.ValidShopDomain(i.Domain) || i.Name == "" || i.ID <= 0 || i.PrimaryDomain == "" {
		return fmt.Errorf("demo shop: shop needs id, name, primary_domain and a valid domain, got %+v", i)
	}
	if _, err := time.LoadLocation(i.TimeZone); err != nil || i.TimeZone == "" {
		return fmt.Errorf("demo shop: iana_timezone %q: %v", i.TimeZone, err)
	}
	if len(i.Currency) != 3 || strings.ToUpper(i.Currency) != i.Currency {
		return fmt.Errorf("demo shop: currency %q is not an ISO 4217 code", i.Currency)
	}
	if _, err := language.Parse(i.PrimaryLocale); i.PrimaryLocale != "" && err != nil {
		return fmt.Errorf("demo shop: primary_locale %q is not a locale code: %v", i.PrimaryLocale, err)
	}
	if err := checkLocales(cmp.Or(i.PrimaryLocale, "en"), i.AlternateLocales); err != nil {
		return fmt.Errorf("demo shop: alternate_locales: %w", err)
	}
	if s.f.Now.IsZero() {
		return fmt.Errorf("demo shop: now is required")
	}
	return nil
}

func (s *DemoShop) addProduct(p DemoProduct) error {
	if _, err := demoParseCents(p.Price); err != nil || p.ID <= 0 || p.Handle == "" || p.Title == "" {
		return fmt.Errorf("demo shop: product %d needs id, title, handle and a decimal price (%q)", p.ID, p.Price)
	}
	if !slices.Contains([]string{"ACTIVE", "DRAFT", "ARCHIVED"}, p.Status) {
		return fmt.Errorf("demo shop: product %d: unknown status %q", p.ID, p.Status)
	}
	if _, ok := demoFindByID(s.f.Products, p.ID, demoProductID); ok {
		return fmt.Errorf("demo shop: product id %d repeated", p.ID)
	}
	if err := validateProductFacts(p); err != nil {
		return err
	}
	s.f.Products = demoInsertByID(s.f.Products, p, demoProductID)
	return nil
}

// demoParseCents reads a non-negative decimal with at most two decimals.
func demoParseCents(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || strings.ContainsAny(whole+frac, "+-") {
		return 0, fmt.Errorf("bad amount %q", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad amount %q", s)
	}
	f, err := strconv.ParseInt((frac + "00")[:2], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("bad amount %q", s)
	}
	return w*100 + f, nil
}

func demoFormatCents(c int64) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }

// demoFindByID and demoInsertByID keep a slice sorted by id.
func demoFindByID[T any](list []T, id int64, key func(T) int64) (int, bool) {
	return slices.BinarySearchFunc(list, id, func(e T, id int64) int { return cmp.Compare(key(e), id) })
}

func demoInsertByID[T any](list []T, v T, key func(T) int64) []T {
	i, _ := demoFindByID(list, key(v), key)
	return slices.Insert(list, i, v)
}

var (
	demoFinancialStatuses   = []string{"AUTHORIZED", "EXPIRED", "PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "PENDING", "REFUNDED", "VOIDED"}
	demoFulfillmentStatuses = []string{"FULFILLED", "IN_PROGRESS", "ON_HOLD", "OPEN", "PARTIALLY_FULFILLED", "PENDING_FULFILLMENT", "REQUEST_DECLINED", "RESTOCKED", "SCHEDULED", "UNFULFILLED"}
)

// addOrder validates o, gives it the next id and number when they are zero,
// and inserts it. The caller holds the write lock (or owns s).
func (s *DemoShop) addOrder(o DemoOrder) (DemoOrder, error) {
	if n := len(s.f.Orders); n > 0 {
		o.ID = cmp.Or(o.ID, s.f.Orders[n-1].ID+1)
	}
	o.ID, o.Number = cmp.Or(o.ID, 1), cmp.Or(o.Number, max(s.lastNumber+1, 1001))
	if _, dup := demoFindByID(s.f.Orders, o.ID, demoOrderID); dup || o.ID < 0 || o.Number <= 0 {
		return DemoOrder{}, fmt.Errorf("demo shop: order id %d is invalid or repeated", o.ID)
	}
	if o.CustomerID != 0 && !s.hasCustomer(o.CustomerID) {
		return DemoOrder{}, fmt.Errorf("demo shop: order %d: no customer %d", o.ID, o.CustomerID)
	}
	if !slices.Contains(demoFinancialStatuses, o.FinancialStatus) || !slices.Contains(demoFulfillmentStatuses, o.FulfillmentStatus) {
		return DemoOrder{}, fmt.Errorf("demo shop: order %d: unknown status %q/%q", o.ID, o.FinancialStatus, o.FulfillmentStatus)
	}
	if o.CreatedAt.IsZero() || len(o.LineItems) == 0 {
		return DemoOrder{}, fmt.Errorf("demo shop: order %d needs created_at and line items", o.ID)
	}
	for _, li := range o.LineItems {
		if _, err := demoParseCents(li.Price); err != nil || li.Quantity <= 0 || li.Title == "" {
			return DemoOrder{}, fmt.Errorf("demo shop: order %d: line %q needs a title, quantity and price", o.ID, li.Title)
		}
	}
	if o.UpdatedAt.Before(o.CreatedAt) {
		o.UpdatedAt = o.CreatedAt
	}
	o.LineItems = slices.Clone(o.LineItems)
	s.f.Orders = demoInsertByID(s.f.Orders, o, demoOrderID)
	s.lastNumber = max(s.lastNumber, o.Number)
	return o, nil
}

func demoOrderID(o DemoOrder) int64       { return o.ID }
func demoCustomerID(c DemoCustomer) int64 { return c.ID }
func demoProductID(p DemoProduct) int64   { return p.ID }

// Info returns the shop's record.
func (s *DemoShop) Info() DemoShopInfo { s.mu.RLock(); defer s.mu.RUnlock(); return s.f.Shop }

// Now is the instant the seed data treats as the present.
func (s *DemoShop) Now() time.Time { s.mu.RLock(); defer s.mu.RUnlock(); return s.f.Now }

// SignedInCustomerID is the customer the fake storefront signs in as.
func (s *DemoShop) SignedInCustomerID() int64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.f.SignedInCustomerID
}

// Policies returns the shop's legal policies.
func (s *DemoShop) Policies() []DemoPolicy {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.f.Policies)
}

// Products returns all products, by id.
func (s *DemoShop) Products() []DemoProduct {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.f.Products)
}

// Orders returns all orders, by id (which is also creation order).
func (s *DemoShop) Orders() []DemoOrder {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := slices.Clone(s.f.Orders)
	for i := range out {
		out[i].LineItems = slices.Clone(out[i].LineItems)
	}
	return out
}

// AddOrder validates and adds an order. A zero ID or Number gets the next
// one; CreatedAt is required and UpdatedAt defaults to it.
func (s *DemoShop) AddOrder(o DemoOrder) (DemoOrder, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addOrder(o)
}
