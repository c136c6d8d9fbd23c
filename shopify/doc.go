// Package shopify holds the platform primitives hubchat needs to trust what
// Shopify sends it: shop-domain and host validation, the query HMAC on the
// OAuth callback and on every admin load, the app proxy signature, the
// webhook body HMAC and the App Bridge session token.
//
// Everything here is a pure function of its inputs: secrets are passed in,
// freshness is judged against an injected clock, nothing is logged and
// nothing is kept between calls. Failures are plain errors wrapping the
// sentinels in errors.go, so the app layer can map them to HTTP statuses in
// one place (bad signature → 401, malformed input → 400).
//
// Each verifier has a matching Sign… helper. Production code never signs
// anything Shopify would sign; the helpers exist for the local fake Shopify
// (package shopify/shopifytest) and for tests, so the fake and the
// verifiers share one definition of each message format.
//
// The formats follow Shopify's documentation and are cross-checked against
// Shopify's own Node library (@shopify/shopify-api) in crosscheck_test.go.
// Where hubchat deliberately differs (it is stricter about session-token
// iss/dest and a few required fields, and it orders keys as Shopify's
// servers do rather than with JavaScript's localeCompare), the difference
// is named in the code and asserted in that test.
package shopify
