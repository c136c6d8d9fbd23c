package shopifytest

// The fake Admin API's answers: pagination, the resolvers of each top-level
// field, and the search syntax it models.

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"hubchat/shopify/adminapi"
)

// adminapiCursor is the opaque cursor of a node: its sort key and id, so a
// page continues after the last node seen even while orders are added.
type adminapiCursor struct {
	Key string `json:"k"`
	ID  int64  `json:"id"`
}

func (c adminapiCursor) String() string {
	b, _ := json.Marshal(c)
	return base64.StdEncoding.EncodeToString(b)
}

func adminapiParseCursor(s string) (adminapiCursor, error) {
	var c adminapiCursor
	b, err := base64.StdEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil {
		return c, errors.New("Invalid cursor for current pagination sort.")
	}
	return c, nil
}

// adminapiNode is one node of a connection with what it is sorted by; its
// JSON is built only if it lands on the page.
type adminapiNode struct {
	cursor adminapiCursor
	build  func() map[string]any
}

// adminapiPage sorts nodes by (key, id), reversed if asked, and returns the
// connection page of first nodes after the cursor after.
func adminapiPage(nodes []adminapiNode, first int, after string, reverse bool) (map[string]any, error) {
	order := func(x, y adminapiNode) int {
		c := cmp.Or(strings.Compare(x.cursor.Key, y.cursor.Key), cmp.Compare(x.cursor.ID, y.cursor.ID))
		if reverse {
			return -c
		}
		return c
	}
	slices.SortFunc(nodes, order)
	if after != "" {
		c, err := adminapiParseCursor(after)
		if err != nil {
			return nil, err
		}
		start, _ := slices.BinarySearchFunc(nodes, adminapiNode{cursor: c}, order)
		for start < len(nodes) && nodes[start].cursor == c {
			start++
		}
		nodes = nodes[start:]
	}
	if first < 0 || first > 250 {
		return nil, errors.New("The first argument must be between 0 and 250.")
	}
	page := nodes[:min(first, len(nodes))]
	values, edges := make([]any, len(page)), make([]any, len(page))
	info := map[string]any{"hasNextPage": len(nodes) > len(page), "hasPreviousPage": after != "", "startCursor": nil, "endCursor": nil}
	for i, n := range page {
		values[i] = n.build()
		edges[i] = map[string]any{"cursor": n.cursor.String(), "node": values[i]}
	}
	if len(page) > 0 {
		info["startCursor"], info["endCursor"] = page[0].cursor.String(), page[len(page)-1].cursor.String()
	}
	return map[string]any{"nodes": values, "edges": edges, "pageInfo": info}, nil
}

// adminapiResolvers answer the top-level fields hubchat's client asks for,
// with every field of the documented shape whatever the selection; any
// other field is an undefinedField error, as on Shopify.
var adminapiResolvers = map[string]func(s *DemoShop, op *adminapi.Operation, f adminapi.Field, vars map[string]any, opts *AdminAPIOptions) (any, error){
	"shop":                   adminapiShop,
	"webPresences":           adminapiWebPresences,
	"customer":               adminapiCustomer,
	"orders":                 adminapiOrders,
	"products":               adminapiProducts,
	"product":                adminapiProductByID,
	"currentAppInstallation": adminapiCurrentAppInstallation,
	"shopLocales":            adminapiShopLocales,
	"themes":                 adminapiThemes,
}

func adminapiResolve(s *DemoShop, op *adminapi.Operation, vars map[string]any, opts *AdminAPIOptions) (map[string]any, error) {
	data := map[string]any{}
	for _, f := range op.Fields {
		v, err := adminapiResolvers[f.Name](s, op, f, vars, opts)
		if err != nil {
			return nil, err
		}
		data[f.Alias] = v
	}
	return data, nil
}

func adminapiTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func adminapiMoney(amount, currency string) map[string]any {
	return map[string]any{"amount": amount, "currencyCode": currency}
}

func adminapiCustomer(s *DemoShop, op *adminapi.Operation, f adminapi.Field, vars map[string]any, _ *AdminAPIOptions) (any, error) {
	arg, _ := op.Arg(f, "id", vars)
	gid, _ := arg.(string)
	_, id, err := adminapi.ParseGID(gid)
	if err != nil {
		return nil, fmt.Errorf("Invalid global id '%v'", arg)
	}
	c, ok := s.Customer(id)
	if !ok {
		return nil, nil // Shopify answers null for an unknown customer
	}
	orders, spent := s.CustomerTotals(id)
	v := map[string]any{
		"id": adminapi.GID("Customer", c.ID), "firstName": c.FirstName, "lastName": c.LastName,
		"displayName":    cmp.Or(strings.TrimSpace(c.FirstName+" "+c.LastName), c.Email, c.Phone),
		"numberOfOrders": strconv.Itoa(orders), // UnsignedInt64 is a JSON string
		"amountSpent":    adminapiMoney(spent, s.Info().Currency), "createdAt": adminapiTime(c.CreatedAt),
		"defaultEmailAddress": nil, "defaultPhoneNumber": nil,
	}
	if c.Email != "" {
		v["defaultEmailAddress"] = map[string]any{"emailAddress": c.Email}
	}
	if c.Phone != "" {
		v["defaultPhoneNumber"] = map[string]any{"phoneNumber": c.Phone}
	}
	return v, nil
}

// adminapiArgs reads the connection arguments the fake supports.
func adminapiArgs(op *adminapi.Operation, f adminapi.Field, vars map[string]any) (first int, after, sortKey string, reverse bool, terms []adminapi.SearchTerm, err error) {
	arg := func(name string) any { v, _ := op.Arg(f, name, vars); return v }
	first, ok := adminapiInt(arg("first"))
	after, _ = arg("after").(string)
	sortKey, _ = arg("sortKey").(string)
	reverse, _ = arg("reverse").(bool)
	q, _ := arg("query").(string)
	if terms, err = adminapi.ParseSearchQuery(q); err == nil && !ok {
		err = errors.New("you must provide one of first or last")
	}
	return first, after, cmp.Or(sortKey, "ID"), reverse, terms, err
}

// adminapiInt reads an integer argument: int64 as a literal, float64 as a
// JSON variable.
func adminapiInt(v any) (int, bool) {
	switch n := v.(type) {
	case int64:
		return int(n), true
	case float64:
		return int(n), n == math.Trunc(n)
	}
	return 0, false
}

// adminapiMatch reports whether every search term matches.
func adminapiMatch(terms []adminapi.SearchTerm, match func(adminapi.SearchTerm) (bool, error)) (bool, error) {
	for _, t := range terms {
		if ok, err := match(t); !ok || err != nil {
			return false, err
		}
	}
	return true, nil
}

// adminapiMatchTime applies a created_at/updated_at term; a bare date is
// midnight UTC (Shopify uses the shop's time zone, which the fake ignores).
func adminapiMatchTime(t time.Time, term adminapi.SearchTerm) (bool, error) {
	want, err := time.Parse(time.RFC3339, term.Value)
	if err != nil {
		if want, err = time.Parse(time.DateOnly, term.Value); err != nil {
			return false, fmt.Errorf("shopifytest: bad date in search %q", term.Value)
		}
	}
	c := t.Compare(want)
	switch term.Op {
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	}
	return t.Truncate(24 * time.Hour).Equal(want.Truncate(24 * time.Hour)), nil
}

// adminapiSortKey is the fixed-width string nodes sort by.
func adminapiSortKey(sortKey string, id int64, created, updated time.Time, title string) (string, error) {
	const layout = "2006-01-02T15:04:05.000000000Z"
	switch sortKey {
	case "ID":
		return fmt.Sprintf("%020d", id), nil
	case "CREATED_AT":
		return created.UTC().Format(layout), nil
	case "UPDATED_AT":
		return updated.UTC().Format(layout), nil
	case "TITLE":
		return strings.ToLower(title), nil
	}
	return "", fmt.Errorf("shopifytest: sortKey %s is not supported by the fake", sortKey)
}

func adminapiUnsupported(kind string, t adminapi.SearchTerm) error {
	return fmt.Errorf("shopifytest: %s search term %q is not supported by the fake", kind, t.String())
}

func adminapiOrders(s *DemoShop, op *adminapi.Operation, f adminapi.Field, vars map[string]any, _ *AdminAPIOptions) (any, error) {
	first, after, sortKey, reverse, terms, err := adminapiArgs(op, f, vars)
	if err != nil {
		return nil, err
	}
	lines := math.MaxInt // the line items asked for: nodes { lineItems(first: n) }
	for _, sub := range f.Fields {
		for _, li := range sub.Fields {
			if v, ok := op.Arg(li, "first", vars); ok && sub.Name == "nodes" && li.Name == "lineItems" {
				lines, _ = adminapiInt(v)
			}
		}
	}
	currency := s.Info().Currency
	var nodes []adminapiNode
	for _, o := range s.Orders() {
		ok, err := adminapiMatch(terms, func(t adminapi.SearchTerm) (bool, error) {
			switch t.Field {
			case "created_at":
				return adminapiMatchTime(o.CreatedAt, t)
			case "updated_at":
				return adminapiMatchTime(o.UpdatedAt, t)
			case "customer_id":
				return t.Op == "" && t.Value == strconv.FormatInt(o.CustomerID, 10), nil
			}
			return false, adminapiUnsupported("orders", t)
		})
		if err != nil {
			return nil, err
		}
		key, err := adminapiSortKey(sortKey, o.ID, o.CreatedAt, o.UpdatedAt, o.Name())
		if err != nil {
			return nil, err
		}
		if ok {
			nodes = append(nodes, adminapiNode{adminapiCursor{key, o.ID}, func() map[string]any { return adminapiOrder(o, currency, lines) }})
		}
	}
	return adminapiPage(nodes, first, after, reverse)
}

func adminapiOrder(o DemoOrder, currency string, lines int) map[string]any {
	items := []any{}
	for _, li := range o.LineItems[:min(lines, len(o.LineItems))] {
		items = append(items, map[string]any{"title": li.Title, "quantity": li.Quantity})
	}
	total := adminapiMoney(o.Total(), currency)
	v := map[string]any{
		"id": adminapi.GID("Order", o.ID), "name": o.Name(), "createdAt": adminapiTime(o.CreatedAt),
		"updatedAt": adminapiTime(o.UpdatedAt), "cancelledAt": nil, "customer": nil,
		"displayFinancialStatus": o.FinancialStatus, "displayFulfillmentStatus": o.FulfillmentStatus,
		"totalPriceSet": map[string]any{"shopMoney": total, "presentmentMoney": total},
		"lineItems":     map[string]any{"nodes": items, "pageInfo": map[string]any{"hasNextPage": len(o.LineItems) > lines}},
	}
	if o.CancelledAt != nil {
		v["cancelledAt"] = adminapiTime(*o.CancelledAt)
	}
	fulfillments := []any{} // a non-null list on Shopify
	for _, f := range o.Fulfillments {
		info := map[string]any{"company": adminapiNullable(f.TrackingCompany), "number": adminapiNullable(f.TrackingNumber),
			"url": adminapiNullable(f.TrackingURL)}
		tracking := []any{}
		if f.TrackingNumber != "" || f.TrackingURL != "" {
			tracking = append(tracking, info)
		}
		fulfillments = append(fulfillments, map[string]any{"status": "SUCCESS", "trackingInfo": tracking})
	}
	v["fulfillments"] = fulfillments
	if o.CustomerID != 0 {
		v["customer"] = map[string]any{"id": adminapi.GID("Customer", o.CustomerID)}
	}
	return v
}

// adminapiNullable is s, or null when empty, as Shopify's nullable fields.
func adminapiNullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
