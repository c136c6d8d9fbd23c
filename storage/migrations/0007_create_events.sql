-- The event log: every change a live client must see (a message posted, a
-- ticket created or updated, messages seen), appended in the transaction that
-- makes the change (storage/events.go). Its ids are the ids of the server-sent
-- events, so a client that reconnects with Last-Event-ID is sent what it
-- missed from here. Rows are kept for that resume only, a few days, then
-- deleted (Events.DeleteBefore); a client away longer reloads its state.
CREATE TABLE events (
    id              bigserial PRIMARY KEY,
    shop_id         bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind <> ''),
    conversation_id bigint REFERENCES conversations (id) ON DELETE CASCADE,
    -- The shopper the event concerns; NULL when it concerns none.
    profile_id      bigint REFERENCES profiles (id) ON DELETE CASCADE,
    -- 'agents': never sent to the shopper (an internal assignment change).
    audience        text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'agents')),
    payload         jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL
);

-- An agent stream's replay: one shop's events after an id.
CREATE INDEX events_shop ON events (shop_id, id);

-- A shopper stream's replay, which reads only that shopper's events, and the
-- cascade when a profile is erased, which would otherwise scan every event.
CREATE INDEX events_profile ON events (profile_id, id) WHERE profile_id IS NOT NULL;

-- The cascade when a conversation is deleted.
CREATE INDEX events_conversation ON events (conversation_id) WHERE conversation_id IS NOT NULL;
