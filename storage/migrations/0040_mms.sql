-- MMS both ways (SMS channel).
--
-- A picture a person texted that the app could not keep (too large, not a
-- picture, unreachable at Twilio) is noted on its message by a reason code,
-- so the agents see that something was sent; the message keeps its text and
-- its other pictures.
ALTER TABLE messages ADD COLUMN media_refused jsonb NOT NULL DEFAULT '[]';

-- The public links Twilio fetches an agent's picture from when it goes out as
-- MMS: a capability URL under a random 256-bit token, of which only the
-- SHA-256 is kept, that opens one upload until it expires (a few hours:
-- Twilio fetches it while sending). Erasing the upload or the shop erases
-- its links.
CREATE TABLE sms_media_links (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    shop_id    bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    upload_id  text NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sms_media_links_expiry ON sms_media_links (shop_id, expires_at);
