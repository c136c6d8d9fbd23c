-- The dashboard's counts per day in the shop's time zone, beside the
-- quarter hours of 0028. Ninety days of quarter hours are some 100,000
-- rows to sum and convert at 1,000,000 conversations; the same days are
-- about 1,000 rows here. The quarter hours stay the truth, in no zone: the
-- days are kept in one zone, the shop's, and a period asked in another
-- zone is summed from the quarter hours as before.
--
-- The zone the days are kept in: the shop's when PostgreSQL knows it,
-- else UTC (a zone it cannot read would break every write of a
-- conversation).
ALTER TABLE shops ADD COLUMN dashboard_zone text NOT NULL DEFAULT 'UTC';

CREATE FUNCTION dashboard_zone_of(zone text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    PERFORM now() AT TIME ZONE zone;
    RETURN zone;
EXCEPTION WHEN invalid_parameter_value THEN
    RETURN 'UTC';
END $$;

CREATE FUNCTION shops_dashboard_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.dashboard_zone := dashboard_zone_of(NEW.iana_timezone);
    RETURN NEW;
END $$;

CREATE TRIGGER shops_dashboard_zone BEFORE INSERT OR UPDATE OF iana_timezone ON shops
    FOR EACH ROW EXECUTE FUNCTION shops_dashboard_zone();

UPDATE shops SET dashboard_zone = dashboard_zone_of(iana_timezone);

CREATE TABLE dashboard_days (
    shop_id   bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    day       date NOT NULL,
    dimension text NOT NULL CHECK (dimension IN ('channel', 'status', 'tag')),
    value     text NOT NULL,
    n         integer NOT NULL,
    PRIMARY KEY (shop_id, day, dimension, value)
);

-- A writer of counts and a change of the shop's zone exclude each other
-- through an advisory lock on the shop (space 72110009): writers share
-- it, the change takes it alone. A writer reads the zone after the lock,
-- so it writes its days in the zone that stands when it commits; the
-- change rebuilds the days after every writer before it has committed, so
-- its recount holds their quarter hours. Without the lock a writer could
-- add to the old zone's days after the recount, and the new zone's would
-- miss it for good.
CREATE FUNCTION dashboard_zone_lock_key(shop_id bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT (shop_id % 2147483647)::integer
$$;

-- The quarter hours of 0028 and, from the same changes, the days (the day
-- of each quarter hour, so that both agree to the row).
CREATE OR REPLACE FUNCTION dashboard_counts_add(changes dashboard_change[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(72110009, dashboard_zone_lock_key(s.shop_id))
    FROM (SELECT DISTINCT c.shop_id FROM unnest(changes) c ORDER BY 1) s;

    INSERT INTO dashboard_counts AS d (shop_id, slot, dimension, value, n)
    SELECT c.shop_id, date_bin('15 minutes', c.created_at, timestamptz '2000-01-01 00:00+00'), x.dimension, x.value, sum(c.delta)
    FROM unnest(changes) c
    CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
    -- A conversation deleted with its shop leaves no counts behind.
    WHERE EXISTS (SELECT 1 FROM shops s WHERE s.id = c.shop_id)
    GROUP BY 1, 2, 3, 4 HAVING sum(c.delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (shop_id, slot, dimension, value) DO UPDATE SET n = d.n + EXCLUDED.n;

    INSERT INTO dashboard_days AS d (shop_id, day, dimension, value, n)
    SELECT c.shop_id, (date_bin('15 minutes', c.created_at, timestamptz '2000-01-01 00:00+00') AT TIME ZONE s.dashboard_zone)::date,
        x.dimension, x.value, sum(c.delta)
    FROM unnest(changes) c
    JOIN shops s ON s.id = c.shop_id
    CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
    GROUP BY 1, 2, 3, 4 HAVING sum(c.delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (shop_id, day, dimension, value) DO UPDATE SET n = d.n + EXCLUDED.n;
END $$;

-- A new zone: the days again from the quarter hours, once every writer
-- that read the old zone has committed.
CREATE FUNCTION dashboard_days_rezone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(72110009, dashboard_zone_lock_key(NEW.id));
    DELETE FROM dashboard_days WHERE shop_id = NEW.id;
    INSERT INTO dashboard_days (shop_id, day, dimension, value, n)
    SELECT shop_id, (slot AT TIME ZONE NEW.dashboard_zone)::date, dimension, value, sum(n)
    FROM dashboard_counts WHERE shop_id = NEW.id
    GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
    RETURN NULL;
END $$;

CREATE TRIGGER dashboard_days_rezone AFTER UPDATE ON shops
    FOR EACH ROW WHEN (OLD.dashboard_zone IS DISTINCT FROM NEW.dashboard_zone)
    EXECUTE FUNCTION dashboard_days_rezone();

-- The days of the counts there already are.
INSERT INTO dashboard_days (shop_id, day, dimension, value, n)
SELECT d.shop_id, (d.slot AT TIME ZONE s.dashboard_zone)::date, d.dimension, d.value, sum(d.n)
FROM dashboard_counts d JOIN shops s ON s.id = d.shop_id
GROUP BY 1, 2, 3, 4 HAVING sum(d.n) <> 0;

-- The shop wall of 0044 (every table with a shop_id column has it).
ALTER TABLE dashboard_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE dashboard_days FORCE ROW LEVEL SECURITY;
CREATE POLICY shop_wall ON dashboard_days
    USING ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
           OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint))
    WITH CHECK ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
           OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint));
