-- Each staff member chooses whether the inbox alerts them (a sound, and a
-- browser notification when the browser allows it) of new tickets and of
-- messages on their own tickets while it is in another tab. Off until they
-- turn it on: a row exists only once they chose.
CREATE TABLE agent_alerts (
    shop_id    bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    agent_id   bigint NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    enabled    boolean NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (shop_id, agent_id)
);
