-- The origins (scheme://host[:port]) a shop's online store is served from:
-- its primary domain and its markets' domains, read from the Admin API by
-- the shop sync. The storefront chat API accepts calls, and grants CORS,
-- only from these and the shop's myshopify.com domain (docs/chat-api.md).
ALTER TABLE shops ADD COLUMN storefront_origins text[] NOT NULL DEFAULT '{}';

-- "Is this Origin the storefront of an installed shop?", asked by a CORS
-- preflight, which carries no token to name its shop.
CREATE INDEX shops_storefront_origins ON shops USING gin (storefront_origins);
