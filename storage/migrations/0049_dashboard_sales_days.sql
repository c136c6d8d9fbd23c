-- The dashboard's AI-generated sales per day in the shop's zone, beside
-- the counts' days of 0048. Summing the credits of 180 days joined to
-- their orders read some 600 pages at 1,000,000 conversations, thirty
-- times what the counts' days read; the same sums per day are a few
-- hundred rows.
--
-- A credit is counted on the day its conversation started (the credit
-- carries that start, which never changes), per channel and currency.
-- The sums hold every credit: whether its order is cancelled lives on the
-- order, which another transaction may change while a credit is written,
-- so the reader takes the few credits of cancelled orders back out
-- (orders_cancelled, below) instead of trusting a sum to have seen the
-- cancellation.
CREATE TABLE dashboard_sales_days (
    shop_id  bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    day      date NOT NULL,
    channel  text NOT NULL,
    currency text NOT NULL,
    amount   numeric(14, 2) NOT NULL,
    orders   integer NOT NULL,
    PRIMARY KEY (shop_id, day, channel, currency)
);

-- A statement's credits in and out, netted per day, channel and currency
-- and applied in key order (so two transactions take the rows they share
-- in the same order), after the shared lock on the shop's zone of 0048:
-- a change of zone rebuilds the days once every writer that read the old
-- zone has committed.
CREATE TYPE dashboard_sale AS (shop_id bigint, started_at timestamptz, channel text, currency text, amount numeric, orders integer);

CREATE FUNCTION dashboard_sales_add(changes dashboard_sale[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(72110009, dashboard_zone_lock_key(s.shop_id))
    FROM (SELECT DISTINCT c.shop_id FROM unnest(changes) c ORDER BY 1) s;

    INSERT INTO dashboard_sales_days AS d (shop_id, day, channel, currency, amount, orders)
    SELECT c.shop_id, (c.started_at AT TIME ZONE s.dashboard_zone)::date, c.channel, c.currency, sum(c.amount), sum(c.orders)
    FROM unnest(changes) c
    -- A credit deleted with its shop leaves no sums behind.
    JOIN shops s ON s.id = c.shop_id
    GROUP BY 1, 2, 3, 4 HAVING sum(c.amount) <> 0 OR sum(c.orders) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (shop_id, day, channel, currency) DO UPDATE SET amount = d.amount + EXCLUDED.amount, orders = d.orders + EXCLUDED.orders;
END $$;

-- Every change of the credits, a statement at a time: the old rows out,
-- the new rows in. Each branch names only the transition tables its
-- operation has.
CREATE FUNCTION dashboard_sales_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM dashboard_sales_add(ARRAY(SELECT ROW(shop_id, conversation_started_at, channel, currency, -amount, -1)::dashboard_sale
            FROM old_rows));
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM dashboard_sales_add(ARRAY(SELECT ROW(shop_id, conversation_started_at, channel, currency, amount, 1)::dashboard_sale
            FROM new_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER dashboard_sales_insert AFTER INSERT ON order_attributions
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sales_follow();
CREATE TRIGGER dashboard_sales_update AFTER UPDATE ON order_attributions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sales_follow();
CREATE TRIGGER dashboard_sales_delete AFTER DELETE ON order_attributions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sales_follow();

-- A new zone: the sales' days again from the credits, under the lock the
-- counts' days are rebuilt under (0048).
CREATE FUNCTION dashboard_sales_rezone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(72110009, dashboard_zone_lock_key(NEW.id));
    DELETE FROM dashboard_sales_days WHERE shop_id = NEW.id;
    INSERT INTO dashboard_sales_days (shop_id, day, channel, currency, amount, orders)
    SELECT shop_id, (conversation_started_at AT TIME ZONE NEW.dashboard_zone)::date, channel, currency, sum(amount), count(*)
    FROM order_attributions WHERE shop_id = NEW.id
    GROUP BY 1, 2, 3, 4;
    RETURN NULL;
END $$;

CREATE TRIGGER dashboard_sales_rezone AFTER UPDATE ON shops
    FOR EACH ROW WHEN (OLD.dashboard_zone IS DISTINCT FROM NEW.dashboard_zone)
    EXECUTE FUNCTION dashboard_sales_rezone();

-- The sums of the credits there already are.
INSERT INTO dashboard_sales_days (shop_id, day, channel, currency, amount, orders)
SELECT a.shop_id, (a.conversation_started_at AT TIME ZONE s.dashboard_zone)::date, a.channel, a.currency, sum(a.amount), count(*)
FROM order_attributions a JOIN shops s ON s.id = a.shop_id
GROUP BY 1, 2, 3, 4;

-- The cancelled orders of a shop by when they were placed: the reader
-- takes their credits back out of the sums. An order is placed after its
-- conversation started, so the period's credits of cancelled orders are
-- among the cancelled orders placed since the period began.
CREATE INDEX orders_cancelled ON orders (shop_id, created_at) WHERE cancelled_at IS NOT NULL;

-- The shop wall of 0044 (every table with a shop_id column has it).
ALTER TABLE dashboard_sales_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE dashboard_sales_days FORCE ROW LEVEL SECURITY;
CREATE POLICY shop_wall ON dashboard_sales_days
    USING ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
           OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint))
    WITH CHECK ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
           OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint));
