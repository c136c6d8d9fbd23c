-- What the AI agent answers from, kept exact enough to cache.

-- The shop's policies (refund, shipping, privacy, terms, contact…) as the
-- Admin API's shopPolicies gives them, the body as plain text whose
-- paragraphs are separated by blank lines. One row per policy type.
CREATE TABLE shop_policies (
    shop_id    bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    type       text NOT NULL,
    title      text NOT NULL,
    body       text NOT NULL,
    url        text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (shop_id, type)
);

-- The version of a shop's knowledge: raised in the same statement as any
-- change to what the agent answers from (a FAQ, an article, a policy or a
-- product created, edited, published, unpublished or deleted; the shop's
-- name, storefront domain, email, currency or time zone), so an engine that indexed
-- version n knows, with one cheap read, whether its index is still exact.
ALTER TABLE shops ADD COLUMN knowledge_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION raise_knowledge_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- While a shop is being deleted its row is already gone: nothing to raise.
    UPDATE shops SET knowledge_version = knowledge_version + 1
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.shop_id ELSE NEW.shop_id END;
    RETURN NULL;
END $$;

CREATE TRIGGER faqs_knowledge_version AFTER INSERT OR UPDATE OR DELETE ON faqs
    FOR EACH ROW EXECUTE FUNCTION raise_knowledge_version();
CREATE TRIGGER knowledge_articles_knowledge_version AFTER INSERT OR UPDATE OR DELETE ON knowledge_articles
    FOR EACH ROW EXECUTE FUNCTION raise_knowledge_version();
CREATE TRIGGER products_knowledge_version AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION raise_knowledge_version();
CREATE TRIGGER shop_policies_knowledge_version AFTER INSERT OR UPDATE OR DELETE ON shop_policies
    FOR EACH ROW EXECUTE FUNCTION raise_knowledge_version();

CREATE FUNCTION raise_knowledge_version_on_shop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.name, NEW.primary_domain, NEW.email, NEW.currency, NEW.iana_timezone)
        IS DISTINCT FROM (OLD.name, OLD.primary_domain, OLD.email, OLD.currency, OLD.iana_timezone) THEN
        NEW.knowledge_version := OLD.knowledge_version + 1;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER shops_knowledge_version BEFORE UPDATE ON shops
    FOR EACH ROW EXECUTE FUNCTION raise_knowledge_version_on_shop();

-- Where an order is, for "where is my order?": the tracking of its
-- fulfillments that were not cancelled, [{"company", "number", "url"}].
ALTER TABLE orders ADD COLUMN tracking jsonb NOT NULL DEFAULT '[]';

-- A signed-in customer's orders, newest first.
CREATE INDEX orders_customer ON orders (shop_id, shopify_customer_id, created_at DESC)
    WHERE shopify_customer_id IS NOT NULL;
