-- Which engine answers a shop's shoppers (Settings → AI agent → Answering
-- engine): the built-in one, or a model behind an OpenAI-compatible endpoint
-- at base_url. A shop without a row uses the built-in engine. The endpoint's
-- API key is sealed (storage/seal, associated data naming the shop's domain
-- and this column), NULL when none was given; the endpoint's fields are kept
-- when the merchant switches back to the built-in engine, so switching again
-- asks for nothing.
CREATE TABLE ai_engine_settings (
    shop_id        bigint PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    engine         text NOT NULL DEFAULT 'builtin' CHECK (engine IN ('builtin', 'openai')),
    base_url       text NOT NULL DEFAULT '',
    model          text NOT NULL DEFAULT '',
    api_key_sealed text,
    updated_at     timestamptz NOT NULL,
    CHECK (engine <> 'openai' OR (base_url <> '' AND model <> '' AND api_key_sealed IS NOT NULL))
);
