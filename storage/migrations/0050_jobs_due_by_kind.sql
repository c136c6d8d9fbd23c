-- The live jobs by kind, each kind's in the order they became due (the
-- expression of jobs_due, which a claim must repeat exactly). A claim of
-- some kinds only reads their rows: the urgent kinds' jobs (an AI answer a
-- shopper waits on) are claimed before a backlog of thousands of
-- background jobs without walking it, and a batch of webhooks takes more
-- of its kind without walking the profile syncs queued before them.
CREATE INDEX jobs_due_by_kind ON jobs (kind, (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END), id)
    WHERE status IN ('queued', 'running');
