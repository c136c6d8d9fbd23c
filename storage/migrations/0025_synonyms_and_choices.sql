-- The merchant's synonyms (Settings → AI agent): words and phrases the
-- shop's shoppers use for the same thing, which the agent matches as one.
CREATE TABLE synonym_groups (
    id         bigserial PRIMARY KEY,
    shop_id    bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    words      text[] NOT NULL CHECK (cardinality(words) BETWEEN 2 AND 20),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX synonym_groups_shop ON synonym_groups (shop_id, id);

-- A change of the synonyms changes how the agent matches: the engines'
-- indexes of the shop follow its knowledge version (0022).
CREATE TRIGGER synonym_groups_knowledge_version AFTER INSERT OR UPDATE OR DELETE ON synonym_groups
    FOR EACH ROW EXECUTE FUNCTION raise_knowledge_version();

-- "Did you mean X or Y?": an AI message that asks the shopper to pick one of
-- a few answers ('choices'), each a button that sends its text.
ALTER TABLE messages ADD COLUMN choices text[] NOT NULL DEFAULT '{}';
ALTER TABLE messages DROP CONSTRAINT messages_kind_check;
ALTER TABLE messages ADD CONSTRAINT messages_kind_check
    CHECK (kind IN ('text', 'handoff_offer', 'sign_in', 'email', 'choices'));
