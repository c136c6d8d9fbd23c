-- The dashboard's counts (0028, 0048) were updated in place by every change
-- of a conversation: twenty AI answers at once each set their
-- conversation's topic, so each updated the same rows of the shop's
-- quarter hour and day ('tag', ''), and each waited for the one before it
-- to commit (an answer's transaction p50 145 ms on an idle database,
-- docs/BENCHMARKS.md). A change now appends its netted counts to
-- dashboard_changes, rows no two writers share; dashboard_fold moves them
-- into the quarter hours and days (the job maintenance.fold_dashboard),
-- and the reader adds those not yet moved, so the figures stay exact at
-- every commit.
CREATE TABLE dashboard_changes (
    shop_id   bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    slot      timestamptz NOT NULL,
    dimension text NOT NULL CHECK (dimension IN ('channel', 'status', 'tag')),
    value     text NOT NULL,
    delta     integer NOT NULL
);
CREATE INDEX dashboard_changes_shop_slot ON dashboard_changes (shop_id, slot);

ALTER TABLE dashboard_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE dashboard_changes FORCE ROW LEVEL SECURITY;
CREATE POLICY shop_wall ON dashboard_changes
    USING ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
           OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint))
    WITH CHECK ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
           OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint));

-- The triggers of 0028 call this with every change: it now appends. The
-- quarter hour is zone-free, so a writer needs no lock on the shop's zone;
-- the fold takes it. PL/pgSQL keeps the statement's plan for the session;
-- a LANGUAGE sql function planned it at every call (a topic's change
-- p50 1.03 ms with it, 0.43 ms without, alternated).
CREATE OR REPLACE FUNCTION dashboard_counts_add(changes dashboard_change[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO dashboard_changes (shop_id, slot, dimension, value, delta)
    SELECT c.shop_id, date_bin('15 minutes', c.created_at, timestamptz '2000-01-01 00:00+00'), x.dimension, x.value, sum(c.delta)
    FROM unnest(changes) c
    CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
    -- A conversation deleted with its shop leaves no counts behind.
    WHERE EXISTS (SELECT 1 FROM shops s WHERE s.id = c.shop_id)
    GROUP BY 1, 2, 3, 4 HAVING sum(c.delta) <> 0;
END $$;

-- Moves a shop's changes into its quarter hours and its days, in one
-- statement (a reader sees them in one place or the other, never both),
-- and returns how many it moved. One fold of a shop at a time: a second
-- returns 0 at once. It holds the shop's zone lock of 0048 shared, so a
-- change of zone rebuilds the days after it, and it writes the days in
-- the zone that stands when it runs.
CREATE FUNCTION dashboard_fold(shop bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    moved_rows bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(72110010, dashboard_zone_lock_key(shop)) THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock_shared(72110009, dashboard_zone_lock_key(shop));
    WITH moved AS (
        DELETE FROM dashboard_changes WHERE shop_id = shop RETURNING slot, dimension, value, delta),
    netted AS (
        SELECT slot, dimension, value, sum(delta) AS n FROM moved GROUP BY 1, 2, 3 HAVING sum(delta) <> 0),
    quarter_hours AS (
        INSERT INTO dashboard_counts AS d (shop_id, slot, dimension, value, n)
        SELECT shop, slot, dimension, value, n FROM netted ORDER BY 2, 3, 4
        ON CONFLICT (shop_id, slot, dimension, value) DO UPDATE SET n = d.n + EXCLUDED.n),
    days AS (
        INSERT INTO dashboard_days AS d (shop_id, day, dimension, value, n)
        SELECT shop, (t.slot AT TIME ZONE s.dashboard_zone)::date, t.dimension, t.value, sum(t.n)
        FROM netted t JOIN shops s ON s.id = shop
        GROUP BY 2, 3, 4 HAVING sum(t.n) <> 0 ORDER BY 2, 3, 4
        ON CONFLICT (shop_id, day, dimension, value) DO UPDATE SET n = d.n + EXCLUDED.n)
    SELECT count(*) INTO moved_rows FROM moved;
    RETURN moved_rows;
END $$;
