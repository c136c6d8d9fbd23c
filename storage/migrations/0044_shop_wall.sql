-- Row-level security as a second wall between shops, behind every query's
-- own shop_id condition. A transaction that storage opens for one shop
-- (storage's beginInShop) sets hubchat.shop_id for itself alone
-- (set_config(..., true)); while it is set, every table with a shop_id
-- column shows and accepts only that shop's rows, even to a query that
-- forgets its condition. When it is not set — reads straight from the
-- pool, and the work that spans shops on purpose: claiming jobs, routing a
-- webhook or a Twilio request by domain, a capability URL, installs,
-- retention and migrations — the policy lets the query's own condition
-- decide. FORCE applies the wall to the tables' owner too; only a
-- superuser or a role with BYPASSRLS passes it.
--
-- The setting is read in scalar subqueries, evaluated once per query
-- (InitPlans) rather than on every row: read on every row, the policy made
-- the planner give up the inbox's index and sort every open ticket (0.3 ms
-- became 400 ms for 20,000 tickets).
--
-- The loop covers every table with a shop_id column when this runs; a
-- table created later must enable the same policy (a storage test checks
-- every such table has it).
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND c.column_name = 'shop_id' AND tb.table_type = 'BASE TABLE'
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY shop_wall ON %I
            USING ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
                   OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint))
            WITH CHECK ((SELECT coalesce(current_setting('hubchat.shop_id', true), '') = '')
                   OR shop_id = (SELECT nullif(current_setting('hubchat.shop_id', true), '')::bigint))$p$, t);
    END LOOP;
END
$$;
