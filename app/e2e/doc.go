// Package e2e holds the browser tests: headless Chromium driving the local
// Shopify's admin and storefront and the app inside them, as merchants,
// agents and shoppers do.
package e2e
