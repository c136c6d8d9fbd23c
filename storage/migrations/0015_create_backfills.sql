-- The import of a shop's orders and products from the Admin API (SPEC §6,
-- issue 5/9): one row per shop and resource, the current or latest run.
-- cursor is the Admin API's endCursor after the last page saved, so a run
-- killed midway resumes there. completed_since is when the last run that
-- finished started: the periodic reconcile imports what changed since.
CREATE TABLE backfills (
    shop_id         bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    resource        text NOT NULL CHECK (resource IN ('orders', 'products')),
    status          text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    since           timestamptz,
    cursor          text NOT NULL DEFAULT '',
    pages           integer NOT NULL DEFAULT 0,
    fetched         integer NOT NULL DEFAULT 0,
    last_updated_at timestamptz,
    last_error      text NOT NULL DEFAULT '',
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    completed_since timestamptz,
    completed_at    timestamptz,
    PRIMARY KEY (shop_id, resource)
);
