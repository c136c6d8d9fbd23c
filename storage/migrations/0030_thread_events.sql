-- What a conversation's shopper was shown before and beside its messages,
-- so the ticket thread tells the whole story (storage/thread_events.go):
-- the welcome message the widget greeted them with, and the FAQs they read
-- in the hub. A FAQ read before any conversation waits with no
-- conversation_id for the next one the shopper starts.
CREATE TABLE thread_events (
    id              bigserial PRIMARY KEY,
    shop_id         bigint NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
    profile_id      bigint NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    conversation_id bigint REFERENCES conversations (id) ON DELETE CASCADE,
    kind            text NOT NULL CHECK (kind IN ('welcome', 'faq_read')),
    -- The FAQ read; no foreign key: the story keeps a FAQ the merchant
    -- deleted since, with its question as it was (text).
    faq_id          bigint,
    -- The welcome's text, or the FAQ's question, as the shopper saw it.
    text            text NOT NULL CHECK (char_length(text) <= 1000),
    occurred_at     timestamptz NOT NULL,
    CHECK ((kind = 'faq_read') = (faq_id IS NOT NULL))
);

-- One read per conversation and FAQ, one waiting read per shopper and FAQ,
-- one welcome per conversation: a flood of reads stores nothing new.
CREATE UNIQUE INDEX thread_events_read_once ON thread_events (conversation_id, faq_id)
    WHERE kind = 'faq_read' AND conversation_id IS NOT NULL;
CREATE UNIQUE INDEX thread_events_read_waiting ON thread_events (profile_id, faq_id)
    WHERE kind = 'faq_read' AND conversation_id IS NULL;
CREATE UNIQUE INDEX thread_events_welcome_once ON thread_events (conversation_id)
    WHERE kind = 'welcome';

-- A thread's events in order, and the cascade when a conversation goes.
CREATE INDEX thread_events_conversation ON thread_events (conversation_id, occurred_at, id)
    WHERE conversation_id IS NOT NULL;
-- The cascade when a profile is erased.
CREATE INDEX thread_events_profile ON thread_events (profile_id);
