-- The shop's offline Admin API access: an expiring token pair, sealed at rest
-- (storage/seal, bound to the shop's domain). Cleared on uninstall.
ALTER TABLE shops
    ADD COLUMN scopes                   text NOT NULL DEFAULT '',
    ADD COLUMN access_token_sealed      text,
    ADD COLUMN access_token_expires_at  timestamptz,
    ADD COLUMN refresh_token_sealed     text,
    ADD COLUMN refresh_token_expires_at timestamptz,
    ADD COLUMN token_refreshed_at       timestamptz,
    ADD COLUMN primary_domain           text NOT NULL DEFAULT '',
    ADD COLUMN email                    text NOT NULL DEFAULT '',
    ADD COLUMN details_synced_at        timestamptz;

-- An agent is a member of the shop's staff who uses the embedded admin: the
-- user of a session token (sub), named from an online token exchange.
CREATE TABLE agents (
    id              bigserial PRIMARY KEY,
    shop_id         bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    shopify_user_id bigint NOT NULL,
    first_name      text NOT NULL DEFAULT '',
    last_name       text NOT NULL DEFAULT '',
    email           text NOT NULL DEFAULT '',
    account_owner   boolean NOT NULL DEFAULT false,
    locale          text NOT NULL DEFAULT '',
    named_at        timestamptz,
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (shop_id, shopify_user_id)
);
