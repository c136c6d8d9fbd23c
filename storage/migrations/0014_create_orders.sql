-- Orders, the profiles' event history and the product catalog, kept in step
-- with Shopify by webhooks. Shopify's updated_at is stored so that a late or
-- reordered delivery never overwrites newer state.

CREATE TABLE orders (
    id                  bigserial PRIMARY KEY,
    shop_id             bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    shopify_id          bigint NOT NULL,
    name                text NOT NULL DEFAULT '',
    -- NULL for a guest checkout; the customer's id is kept too, so erasure
    -- finds the order even without a profile.
    profile_id          bigint REFERENCES profiles(id) ON DELETE SET NULL,
    shopify_customer_id bigint,
    email               text NOT NULL DEFAULT '',
    total               numeric(14, 2) NOT NULL DEFAULT 0,
    currency            text NOT NULL DEFAULT '',
    financial_status    text NOT NULL DEFAULT '',
    fulfillment_status  text NOT NULL DEFAULT '',
    cancelled_at        timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    -- The cart attributes: attribution reads the conversation from them.
    note_attributes     jsonb NOT NULL DEFAULT '[]',
    line_items          jsonb NOT NULL DEFAULT '[]',
    UNIQUE (shop_id, shopify_id)
);
CREATE INDEX orders_profile ON orders (profile_id, created_at DESC) WHERE profile_id IS NOT NULL;

-- What happened with a shopper, newest first on the ticket page. source_id
-- names the fact ("order:1001:paid"), so a duplicate records nothing.
CREATE TABLE profile_events (
    id          bigserial PRIMARY KEY,
    shop_id     bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    profile_id  bigint NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('order_placed', 'order_paid', 'order_fulfilled', 'order_cancelled',
                    'order_refunded', 'conversation_started', 'conversation_closed', 'product_clicked')),
    occurred_at timestamptz NOT NULL,
    data        jsonb NOT NULL DEFAULT '{}',
    source_id   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (shop_id, source_id)
);
CREATE INDEX profile_events_profile ON profile_events (profile_id, occurred_at DESC, id DESC);

-- The merchant's catalog, for the AI agent.
CREATE TABLE products (
    id          bigserial PRIMARY KEY,
    shop_id     bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    shopify_id  bigint NOT NULL,
    title       text NOT NULL DEFAULT '',
    handle      text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    price       numeric(14, 2) NOT NULL DEFAULT 0,
    image_url   text NOT NULL DEFAULT '',
    status      text NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL,
    UNIQUE (shop_id, shopify_id)
);
