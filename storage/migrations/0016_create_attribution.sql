-- AI-generated sales (SPEC §5, issue 5/9): the product cards shoppers clicked
-- in a conversation, and the orders those clicks are credited with.

-- One click on a product card the agent sent. Kept as a fact, not a counter:
-- attribution needs the latest click before each order.
CREATE TABLE product_clicks (
    id                 bigserial PRIMARY KEY,
    shop_id            bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id    bigint NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    -- The shopper who clicked, matched against the order's customer. NULL
    -- when unknown: only the cart attribute can then credit the click.
    profile_id         bigint REFERENCES profiles(id) ON DELETE SET NULL,
    shopify_product_id bigint NOT NULL,
    clicked_at         timestamptz NOT NULL
);
-- "The latest click of this shopper, or in this conversation, before T".
CREATE INDEX product_clicks_profile ON product_clicks (profile_id, clicked_at DESC) WHERE profile_id IS NOT NULL;
CREATE INDEX product_clicks_conversation ON product_clicks (conversation_id, clicked_at DESC);

-- The credit of one order to one conversation: an order is attributed to at
-- most one (its primary key). The amount is copied from the order when it is
-- attributed, so the dashboard sums one table.
CREATE TABLE order_attributions (
    order_id        bigint PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
    shop_id         bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id bigint NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    click_id        bigint NOT NULL REFERENCES product_clicks(id) ON DELETE CASCADE,
    amount          numeric(14, 2) NOT NULL,
    currency        text NOT NULL,
    attributed_at   timestamptz NOT NULL
);
-- The dashboard's sums per shop.
CREATE INDEX order_attributions_shop ON order_attributions (shop_id);
-- The cascades when a conversation or a click is deleted (a customer's erasure).
CREATE INDEX order_attributions_conversation ON order_attributions (conversation_id);
CREATE INDEX order_attributions_click ON order_attributions (click_id);
