-- The customer data requests and erasures Shopify asked for (compliance
-- webhooks), with the export the merchant downloads to answer the customer.
CREATE TABLE privacy_requests (
    id                  bigserial PRIMARY KEY,
    shop_id             bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    topic               text NOT NULL CHECK (topic IN ('customers/data_request', 'customers/redact')),
    shopify_request_id  text NOT NULL DEFAULT '',
    shopify_customer_id bigint,
    export              jsonb,
    erased              jsonb,
    received_at         timestamptz NOT NULL,
    completed_at        timestamptz NOT NULL
);
CREATE INDEX privacy_requests_shop ON privacy_requests (shop_id, received_at DESC);
