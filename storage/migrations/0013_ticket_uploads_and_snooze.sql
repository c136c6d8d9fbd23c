-- The ticket page (SPEC §3.3): the images agents send, and the wake-up of
-- snoozed tickets.
--
-- App instances are stateless, so an image lives here, not on a disk. Its id
-- is a random 128-bit token: /media/{id} is a capability URL the shopper's
-- widget loads without admin authentication, so the id must be unguessable.
-- An image belongs to the ticket it was sent in: erasing the conversation (a
-- customer's redaction) or the shop erases it too.
CREATE TABLE uploads (
    id              text PRIMARY KEY CHECK (length(id) >= 22),
    shop_id         bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id bigint NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    content_type    text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
    bytes           bytea NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX uploads_conversation ON uploads (conversation_id);

-- The periodic wake-up finds the snoozed tickets that are due.
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';
