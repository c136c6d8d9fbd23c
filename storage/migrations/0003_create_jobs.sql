-- jobs is the system's durable work queue (webhook processing, backfills,
-- auto-close, snooze wake-ups, emails, handoffs). Workers take due rows with
-- SELECT … FOR UPDATE SKIP LOCKED; a claimed row is leased until locked_until,
-- after which another worker may take it again (its worker is presumed dead).
CREATE TABLE jobs (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind <> ''),
    -- NULL for jobs that belong to no shop row: erasing a shop outlives the row,
    -- and some jobs run before the row exists.
    shop_id      bigint REFERENCES shops (id) ON DELETE CASCADE,
    payload      jsonb NOT NULL DEFAULT '{}',
    status       text NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'parked')),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts > 0),
    run_at       timestamptz NOT NULL,
    locked_until timestamptz,
    last_error   text NOT NULL DEFAULT '',
    unique_key   text CHECK (unique_key <> ''),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    CHECK (status <> 'running' OR locked_until IS NOT NULL)
);

-- The claim query's index. A job is due at run_at while queued and at
-- locked_until while running (a lapsed lease), so one expression orders both and
-- the claim is a single ordered range scan that stops after LIMIT rows. Done and
-- parked rows, the bulk of the table, are left out, so they cost the claim nothing.
-- The claim query must repeat this expression exactly for the planner to use it.
CREATE INDEX jobs_due ON jobs ((CASE WHEN status = 'queued' THEN run_at ELSE locked_until END), id)
    WHERE status IN ('queued', 'running');

-- At most one live job per unique key; a finished one does not block a new one.
CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key)
    WHERE unique_key IS NOT NULL AND status IN ('queued', 'running');

-- Serves the per-shop listing of parked jobs and the cascade when a shop is
-- deleted, which would otherwise scan every job.
CREATE INDEX jobs_shop ON jobs (shop_id, status);
