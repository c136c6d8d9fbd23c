-- Every verified webhook Shopify sent, stored before it is acknowledged and
-- processed by a job. Keyed by shop domain, not shop id: deliveries arrive
-- for shops that have no row yet or no longer (shop/redact). Shopify repeats
-- deliveries (same webhook id) and may send one event twice (same event id):
-- both are refused by the unique indexes, so each is processed once.
-- The body is dropped once processed: it may hold customer data.
CREATE TABLE webhook_deliveries (
    id           bigserial PRIMARY KEY,
    shop_domain  text NOT NULL,
    topic        text NOT NULL,
    webhook_id   text NOT NULL,
    event_id     text,
    api_version  text NOT NULL,
    triggered_at timestamptz,
    body         bytea,
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz
);
CREATE UNIQUE INDEX webhook_deliveries_webhook_id ON webhook_deliveries (shop_domain, webhook_id);
CREATE UNIQUE INDEX webhook_deliveries_event_id ON webhook_deliveries (shop_domain, topic, event_id)
    WHERE event_id IS NOT NULL;
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);
