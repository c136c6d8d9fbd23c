-- Settings → Notifications: the team addresses emailed about each new ticket
-- (SPEC §3.4). They are the merchant's staff, not shoppers. An address is on
-- a shop's list once, however it is capitalised.
CREATE TABLE notification_recipients (
    id         bigserial PRIMARY KEY,
    shop_id    bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    email      text NOT NULL CHECK (email <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notification_recipients_shop_email ON notification_recipients (shop_id, lower(email));
