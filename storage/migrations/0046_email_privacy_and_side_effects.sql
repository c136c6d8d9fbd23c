-- Settings → Notifications: whether the new-ticket email quotes the shopper's
-- first message. Off by default: a mailbox is outside the app's reach, so a
-- card number or an address typed in the chat would stay there after the
-- shop redacts the customer. Without it the email carries a link and a
-- summary (who, when, channel, how many messages).
CREATE TABLE notification_settings (
    shop_id        bigint PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    quote_messages boolean NOT NULL DEFAULT false,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Sent-markers of the calls to the outside that cannot be repeated safely
-- (an email, an SMS): a job records its intent under a stable key before it
-- calls out and marks it sent after the call succeeded, so a run that finds
-- an intent without a mark knows an earlier run was cut off mid-call and
-- decides deliberately instead of calling again blindly.
CREATE TABLE side_effects (
    shop_id     bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    key         text NOT NULL CHECK (key <> ''),
    intended_at timestamptz NOT NULL,
    sent_at     timestamptz,
    PRIMARY KEY (shop_id, key)
);
