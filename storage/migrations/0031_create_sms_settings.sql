-- A shop's SMS channel (Settings → SMS): its Twilio account and the sender
-- its messages go out from, a phone number or a Messaging Service, one of
-- the two. The auth token is sealed (storage/seal, associated data naming
-- the shop's domain and this column), NULL until one is given. A shop
-- without a row has SMS off.
CREATE TABLE sms_settings (
    shop_id               bigint PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    enabled               boolean NOT NULL DEFAULT false,
    account_sid           text NOT NULL DEFAULT '',
    auth_token_sealed     text,
    from_number           text NOT NULL DEFAULT '',
    messaging_service_sid text NOT NULL DEFAULT '',
    updated_at            timestamptz NOT NULL,
    CHECK (from_number = '' OR messaging_service_sid = ''),
    CHECK (NOT enabled OR (account_sid <> '' AND auth_token_sealed IS NOT NULL
        AND (from_number <> '' OR messaging_service_sid <> '')))
);
