// Package storefront serves the Customer Hub widget on the storefront
// (docs/chat-api.md): the session it opens through the app proxy, where
// Shopify vouches for the signed-in customer, and the chat API and live
// stream on hubchat's own origin, authorised by the shopper token the
// session hands out.
package storefront
