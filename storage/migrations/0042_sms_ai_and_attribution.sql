-- The AI agent on SMS and the attribution of SMS sales (issue 11/13, SPEC
-- §5 and §7): whether the agent answers text messages, and how the
-- dashboard credits an order to an SMS conversation — the window after
-- the touchpoint, and the touchpoint itself: a click on a tracked product
-- link the agent texted, or the agent's text reaching the phone.
CREATE TABLE sms_ai_settings (
    shop_id                  bigint PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    answers_sms              boolean NOT NULL DEFAULT false,
    attribution_window_hours integer NOT NULL DEFAULT 24
        CHECK (attribution_window_hours BETWEEN 1 AND 720),
    attribution_touchpoint   text NOT NULL DEFAULT 'click'
        CHECK (attribution_touchpoint IN ('click', 'received')),
    updated_at               timestamptz NOT NULL
);

-- An order credited by the agent's text reaching the phone has a message
-- as its touchpoint, not a click; the channel is kept on the credit so
-- that the dashboard splits sales by channel from one table.
ALTER TABLE order_attributions ALTER COLUMN click_id DROP NOT NULL,
    ADD COLUMN message_id bigint REFERENCES messages(id) ON DELETE CASCADE,
    ADD COLUMN channel text NOT NULL DEFAULT 'web_chat';
UPDATE order_attributions a SET channel = c.channel
    FROM conversations c WHERE c.shop_id = a.shop_id AND c.id = a.conversation_id;
ALTER TABLE order_attributions ADD CONSTRAINT order_attributions_touchpoint
    CHECK ((click_id IS NULL) <> (message_id IS NULL));
-- The cascade when a message is deleted (a customer's erasure).
CREATE INDEX order_attributions_message ON order_attributions (message_id) WHERE message_id IS NOT NULL;
-- "The agent's latest text to this profile before T": the agent's texts
-- that went out (Twilio took them), by conversation and time.
CREATE INDEX messages_ai_texted ON messages (conversation_id, created_at DESC)
    WHERE author = 'ai' AND sms_sid IS NOT NULL;
