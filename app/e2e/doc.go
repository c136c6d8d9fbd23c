// Package e2e holds the browser tests: headless Chromium driving the local
// Shopify's admin and storefront and the app inside them, as merchants,
// agents and shoppers do.
//
// Each test starts its own app, database, local Shopify and browsers on
// ports of its own, so every test calls t.Parallel: the package takes a
// fraction of the time it would one test after another. How many run at
// once is go test's -parallel (the Makefile's test target sets it). A wait
// that times out fails the test, and each of its browsers then reports
// what it showed (apptest.Browser).
package e2e
