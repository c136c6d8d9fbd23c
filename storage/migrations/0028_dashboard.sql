-- The AI agent overview (SPEC §5). Its figures are read from the
-- conversations themselves, never from a rollup, so a late change (the
-- 48-hour close making an answer AI resolved, a cancelled order) is in the
-- next read with nothing to keep in step.

-- The agent's conversations by start: the metrics and the chart read only
-- this index (index-only scan: the status, channel and tag it groups by are
-- carried in it), and the table pages through it newest first.
CREATE INDEX conversations_dashboard ON conversations (shop_id, created_at, id)
    INCLUDE (ai_status, channel, tag) WHERE ai_involved;
