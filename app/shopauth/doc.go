// Package shopauth is how requests from Shopify's side prove who they are:
// a merchant installing the app (OAuth, or Shopify-managed install with token
// exchange), a staff member using the embedded admin (App Bridge session
// tokens), and a shopper's storefront request through the app proxy
// (Shopify's signature and logged_in_customer_id). Webhooks are verified by
// their intake (app/webhooks). The verification primitives live in package
// shopify; this package turns them into Fiber guards and install flows.
package shopauth
