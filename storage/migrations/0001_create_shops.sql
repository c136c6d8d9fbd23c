-- A shop is one Shopify store that installed hubchat: the tenant every other row
-- belongs to. Rows are kept after uninstall (uninstalled_at) until shop/redact.
CREATE TABLE shops (
    id             bigserial PRIMARY KEY,
    domain         text NOT NULL UNIQUE
                   CHECK (domain ~ '^[a-z0-9][a-z0-9_-]*\.myshopify\.com$'),
    name           text NOT NULL DEFAULT '',
    iana_timezone  text NOT NULL DEFAULT 'UTC',
    currency       text NOT NULL DEFAULT 'USD',
    installed_at   timestamptz NOT NULL DEFAULT now(),
    uninstalled_at timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
