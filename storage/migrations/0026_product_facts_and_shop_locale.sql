-- What the AI agent answers product questions from beyond the title and
-- price, as Shopify's Product has it: its type, vendor, tags, options with
-- their values ([{"name": "Size", "values": ["S", "M"]}]) and whether any
-- variant can be bought. Rows stored before carry none of it until their
-- next webhook or backfill; until then they count as available, as they
-- did before the column existed.
ALTER TABLE products
    ADD COLUMN product_type text NOT NULL DEFAULT '',
    ADD COLUMN vendor       text NOT NULL DEFAULT '',
    ADD COLUMN tags         text[] NOT NULL DEFAULT '{}',
    ADD COLUMN options      jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN available    boolean NOT NULL DEFAULT true;

-- The shop's primary locale (BCP 47, "en", "pt-BR"): the language its
-- catalog and policies are written in, which chooses the agent's language
-- tools. '' until a shop sync reads it (a shop that has not granted
-- read_locales stays '').
ALTER TABLE shops ADD COLUMN primary_locale text NOT NULL DEFAULT '';

-- The locale is part of the knowledge snapshot: a change raises the version.
CREATE OR REPLACE FUNCTION raise_knowledge_version_on_shop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.name, NEW.primary_domain, NEW.email, NEW.currency, NEW.iana_timezone, NEW.primary_locale)
        IS DISTINCT FROM (OLD.name, OLD.primary_domain, OLD.email, OLD.currency, OLD.iana_timezone, OLD.primary_locale) THEN
        NEW.knowledge_version := OLD.knowledge_version + 1;
    END IF;
    RETURN NEW;
END $$;

-- Bring the facts of the products stored before: the next reconcile of
-- each shop imports its whole catalog again (no completed_since), and each
-- stored product is made a microsecond older than the state it holds, so
-- the same state, imported again, is newer and applied (Products.Save
-- keeps a stored product unless the incoming one is strictly newer). A
-- delivery older than the state held stays older, to the second.
UPDATE backfills SET completed_since = NULL WHERE resource = 'products';
UPDATE products SET updated_at = updated_at - interval '1 microsecond';
