-- The shop wall of 0044 on the tables with a shop_id column made after it
-- (notification_settings, side_effects of 0046), and on any other that
-- lacks it: the same policy, so every shop-scoped table has the wall.
DO $$
DECLARE
    t text;
BEGIN
    FOR t IN
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND c.column_name = 'shop_id' AND tb.table_type = 'BASE TABLE'
          AND NOT EXISTS (SELECT 1 FROM pg_policies p
                          WHERE p.schemaname = current_schema() AND p.tablename = c.table_name AND p.policyname = 'shop_wall')
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
