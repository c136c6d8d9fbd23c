-- The AI agent's settings per shop (Settings → AI agent). A shop without a row
-- has the defaults: the agent off, handing off to the inbox. first_enabled_at
-- is set the first time the agent is turned on and never cleared, so the
-- dashboard can tell "never on" from "turned off". Helpdesk secrets are sealed
-- (storage/seal, the shop's domain as associated data), NULL when none was
-- given; the other helpdesk fields are kept when the merchant switches to
-- another handoff, so switching back asks for nothing again.
CREATE TABLE ai_settings (
    shop_id                  bigint PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    enabled                  boolean NOT NULL DEFAULT false,
    first_enabled_at         timestamptz,
    handoff                  text NOT NULL DEFAULT 'inbox'
        CHECK (handoff IN ('inbox', 'custom_message', 'zendesk', 'gorgias')),
    custom_message           text NOT NULL DEFAULT '',
    zendesk_subdomain        text NOT NULL DEFAULT '',
    zendesk_agent_email      text NOT NULL DEFAULT '',
    zendesk_api_token_sealed text,
    gorgias_domain           text NOT NULL DEFAULT '',
    gorgias_username         text NOT NULL DEFAULT '',
    gorgias_api_key_sealed   text,
    updated_at               timestamptz NOT NULL,
    CHECK (NOT enabled OR first_enabled_at IS NOT NULL)
);
