-- The AI agent overview (SPEC §5) at a million conversations per shop.

-- The table pages through the agent's conversations by start, newest first;
-- its filters read the status, channel and tag carried in the index.
CREATE INDEX conversations_dashboard ON conversations (shop_id, created_at, id)
    INCLUDE (ai_status, channel, tag) WHERE ai_involved;

-- The metrics and the chart read counts, not conversations: how many of the
-- agent's conversations started in each 15-minute slot (UTC) have each
-- channel, each AI status and each tag ('' before one is set). Every time
-- zone's midnight falls on a 15-minute boundary, so the days of any zone,
-- whatever its daylight-saving rules, are whole slots: a shop that changes
-- its zone needs nothing rebuilt. 90 days are at most 8,640 slots.
CREATE TABLE dashboard_counts (
    shop_id   bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    slot      timestamptz NOT NULL,
    dimension text NOT NULL CHECK (dimension IN ('channel', 'status', 'tag')),
    value     text NOT NULL,
    n         integer NOT NULL,
    PRIMARY KEY (shop_id, slot, dimension, value)
);

-- The counts follow every change of the conversations in the transaction
-- that makes it, so they are exact at every commit: a late close moving an
-- answer to AI resolved, a team member's new tag, an erasure. Each change is
-- netted (old row out, new row in) and applied in key order, so two
-- transactions take the rows they share in the same order.
CREATE TYPE dashboard_change AS (shop_id bigint, created_at timestamptz, channel text, ai_status text, tag text, delta integer);

CREATE FUNCTION dashboard_counts_add(changes dashboard_change[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO dashboard_counts AS d (shop_id, slot, dimension, value, n)
    SELECT c.shop_id, date_bin('15 minutes', c.created_at, timestamptz '2000-01-01 00:00+00'), x.dimension, x.value, sum(c.delta)
    FROM unnest(changes) c
    CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
    -- A conversation deleted with its shop leaves no counts behind.
    WHERE EXISTS (SELECT 1 FROM shops s WHERE s.id = c.shop_id)
    GROUP BY 1, 2, 3, 4 HAVING sum(c.delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (shop_id, slot, dimension, value) DO UPDATE SET n = d.n + EXCLUDED.n
$$;

-- New and deleted conversations, a statement at a time (a shop's erasure
-- deletes thousands in one). A shopper's every message runs an INSERT … ON
-- CONFLICT DO NOTHING that inserts nothing: it returns at once.
CREATE FUNCTION dashboard_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Each branch names only its own transition table: the other does not
    -- exist for this operation.
    IF TG_OP = 'DELETE' THEN
        PERFORM dashboard_counts_add(ARRAY(SELECT ROW(shop_id, created_at, channel, ai_status, tag, -1)::dashboard_change
            FROM old_rows WHERE ai_involved));
    ELSIF EXISTS (SELECT 1 FROM new_rows WHERE ai_involved) THEN
        PERFORM dashboard_counts_add(ARRAY(SELECT ROW(shop_id, created_at, channel, ai_status, tag, 1)::dashboard_change
            FROM new_rows WHERE ai_involved));
    END IF;
    RETURN NULL;
END $$;

-- A changed conversation, one row at a time: the trigger's WHEN lets the
-- many updates that change nothing counted (every message) pass without a
-- call.
CREATE FUNCTION dashboard_counts_follow_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dashboard_counts_add(ARRAY[
        ROW(OLD.shop_id, OLD.created_at, OLD.channel, OLD.ai_status, OLD.tag, CASE WHEN OLD.ai_involved THEN -1 ELSE 0 END)::dashboard_change,
        ROW(NEW.shop_id, NEW.created_at, NEW.channel, NEW.ai_status, NEW.tag, CASE WHEN NEW.ai_involved THEN 1 ELSE 0 END)::dashboard_change]);
    RETURN NULL;
END $$;

CREATE TRIGGER dashboard_counts_insert AFTER INSERT ON conversations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_counts_follow();
CREATE TRIGGER dashboard_counts_delete AFTER DELETE ON conversations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_counts_follow();
CREATE TRIGGER dashboard_counts_update AFTER UPDATE ON conversations FOR EACH ROW
    WHEN ((OLD.shop_id, OLD.created_at, OLD.ai_involved, OLD.channel, OLD.ai_status, OLD.tag)
        IS DISTINCT FROM (NEW.shop_id, NEW.created_at, NEW.ai_involved, NEW.channel, NEW.ai_status, NEW.tag))
    EXECUTE FUNCTION dashboard_counts_follow_update();

-- The conversations there already are.
SELECT dashboard_counts_add(ARRAY(SELECT ROW(shop_id, created_at, channel, ai_status, tag, 1)::dashboard_change
    FROM conversations WHERE ai_involved));

-- AI-generated sales are those of the conversations started in the period:
-- each credit carries its conversation's start (which never changes), so
-- the sum reads the credits of the period alone, by this index.
ALTER TABLE order_attributions ADD COLUMN conversation_started_at timestamptz;
UPDATE order_attributions a SET conversation_started_at = c.created_at
    FROM conversations c WHERE c.id = a.conversation_id;
ALTER TABLE order_attributions ALTER COLUMN conversation_started_at SET NOT NULL;
CREATE INDEX order_attributions_started ON order_attributions (shop_id, conversation_started_at)
    INCLUDE (amount, currency, order_id);
