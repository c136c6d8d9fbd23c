package shopify

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// AppProxyRequest is what a verified app proxy request tells the app.
type AppProxyRequest struct {
	// Shop is the canonical (lowercase) myshopify.com domain of the store.
	Shop string
	// LoggedInCustomerID is the signed-in customer's numeric id, or "" when
	// nobody is signed in. Trust it only because the signature covered it.
	LoggedInCustomerID string
	// PathPrefix is the proxy's storefront prefix, e.g. "/apps/hubchat";
	// merchants can change it, so links back to the proxy must use it.
	PathPrefix string
}

// appProxySingleParams are the parameters Shopify itself sets. A repeat of
// one would be folded into a "a,b" value by the signature while the app
// read only the first, so it is refused. Shopify's library refuses repeats
// of shop, signature, timestamp and hmac; hubchat also refuses repeats of
// the two values it trusts (path_prefix, logged_in_customer_id). It does not
// refuse a repeated hmac: for the proxy that is an ordinary, signed
// parameter.
var appProxySingleParams = []string{"shop", "signature", "timestamp", "path_prefix", "logged_in_customer_id"}

// VerifyAppProxy checks the signature Shopify adds to requests it forwards
// through the app proxy (SHOPIFY.md §3), requires a timestamp within
// SignatureMaxAge of now() — the same tolerance Shopify's library applies,
// enough for the proxy hop and clock skew while keeping a copied storefront
// URL from being replayed for long — and a valid shop domain.
//
// It returns the signed facts, or an error wrapping ErrInvalidHMAC,
// ErrStaleRequest or ErrInvalidShop.
func VerifyAppProxy(q url.Values, secret string, now func() time.Time) (AppProxyRequest, error) {
	for _, k := range appProxySingleParams {
		if len(q[k]) > 1 {
			return AppProxyRequest{}, fmt.Errorf("app proxy: %w: %s appears %d times", ErrInvalidHMAC, quoteInput(k), len(q[k]))
		}
	}
	sig := q.Get("signature")
	if sig == "" {
		return AppProxyRequest{}, fmt.Errorf("app proxy: %w: no signature", ErrInvalidHMAC)
	}
	if !equalConstantTime(sig, SignAppProxy(q, secret)) {
		return AppProxyRequest{}, fmt.Errorf("app proxy: %w: signature does not match", ErrInvalidHMAC)
	}
	if err := checkTimestamp(q, now); err != nil {
		return AppProxyRequest{}, fmt.Errorf("app proxy: %w", err)
	}
	shop, err := NormalizeShopDomain(q.Get("shop"))
	if err != nil {
		return AppProxyRequest{}, fmt.Errorf("app proxy: %w", err)
	}
	if err := checkCustomerID(q); err != nil {
		return AppProxyRequest{}, fmt.Errorf("app proxy: %w", err)
	}
	return AppProxyRequest{
		Shop:               shop,
		LoggedInCustomerID: q.Get("logged_in_customer_id"),
		PathPrefix:         q.Get("path_prefix"),
	}, nil
}

// SignAppProxy returns the signature Shopify would add to q: lowercase hex
// HMAC-SHA256 of AppProxyMessage(q). Any signature already in q is ignored.
// The fake Shopify uses it to forward storefront requests.
func SignAppProxy(q url.Values, secret string) string {
	return hmacHex(secret, AppProxyMessage(q))
}

// AppProxyMessage renders q as Shopify's documentation says it signs proxy
// requests: signature removed; for each key "key=" plus its values joined
// with ","; those strings sorted and concatenated with no separator; nothing
// percent-encoded.
//
// Shopify's Node library differs in two ways that never matter for the
// parameters Shopify sends: it sorts by key (with localeCompare) rather than
// sorting the "key=value" strings, which orders "a" and "a1" differently;
// and it also drops an "hmac" parameter, which the documentation does not.
// hubchat follows the documentation, since that describes the signer.
func AppProxyMessage(q url.Values) string {
	parts := make([]string, 0, len(q))
	for k, vs := range q {
		// A key without values is not on the wire, so Shopify never signed it.
		if k == "signature" || len(vs) == 0 {
			continue
		}
		parts = append(parts, k+"="+strings.Join(vs, ","))
	}
	sort.Strings(parts)
	return strings.Join(parts, "")
}

// checkCustomerID requires logged_in_customer_id, which Shopify always
// sends, as a customer id or empty. The signed message joins the
// parameters with no separator, so one message can be split into several
// queries: "a=" followed by "logged_in_customer_id=7" reads as well as
// a="logged_in_customer_id=7". Requiring the parameter, and digits in
// it, leaves no other split that names a customer: a longer id would need
// digits from the next parameter, whose name sorts after "l…", and a
// shorter one would leave a parameter named by digits, which sorts before.
func checkCustomerID(q url.Values) error {
	ids, ok := q["logged_in_customer_id"]
	if !ok {
		return fmt.Errorf("%w: no logged_in_customer_id", ErrInvalidHMAC)
	}
	if strings.Trim(ids[0], "0123456789") != "" {
		return fmt.Errorf("%w: logged_in_customer_id %s is not a customer id", ErrInvalidHMAC, quoteInput(ids[0]))
	}
	return nil
}
