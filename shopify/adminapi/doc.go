// Package adminapi is hubchat's client for Shopify's Admin GraphQL API
// (SHOPIFY.md §7): one Client per shop, pinned to APIVersion, with typed
// queries for what hubchat reads from Shopify (shop details and policies,
// customers, their orders, the order backfill and the product catalog) and
// the one mutation it sends: metafieldsSet, for the app-data metafields the
// storefront reads as app.metafields (metafields.go).
//
// The client is cost-aware. Shopify meters each app and shop with a leaky
// bucket of query-cost points; every response reports the bucket in
// extensions.cost.throttleStatus. The client keeps its own estimate of that
// bucket, estimates each query's cost before sending it (with Shopify's
// documented rules, then with the cost Shopify reported for the same query),
// and waits for the points to restore rather than be throttled. When
// Shopify still answers THROTTLED it waits (requested − available) /
// restoreRate and tries again. Network errors, 5xx and 429 are retried with
// exponential backoff and jitter, a bounded number of times. A 401 makes the
// client ask its TokenSource for a fresh token once.
//
// Nothing here logs: errors are returned, typed (GraphQLError, HTTPError and
// the sentinels in errors.go), and never contain the access token.
//
// A few definitions are exported so the local fake Shopify
// (shopify/shopifytest) answers with the same rules the client assumes:
// Bucket (the leaky-bucket arithmetic), ParseQuery, RequestedCost and
// ActualCost (the cost rules), the search syntax (SearchTerm,
// ParseSearchQuery) and GIDs.
package adminapi
