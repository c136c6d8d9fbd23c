-- The shop's own privacy policy and terms of service, from the Admin API:
-- the chat's default links (SPEC §1.2.3).
ALTER TABLE shops
    ADD COLUMN privacy_policy_url   text NOT NULL DEFAULT '',
    ADD COLUMN terms_of_service_url text NOT NULL DEFAULT '';
