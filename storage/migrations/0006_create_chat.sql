-- Web chat: the shop's chat settings, its FAQs, the shoppers (profiles),
-- their conversations (= inbox tickets) and the messages in them.

CREATE TABLE chat_settings (
    shop_id               bigint PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    enabled               boolean NOT NULL DEFAULT true,
    login_status          text NOT NULL DEFAULT 'logged_in' CHECK (login_status IN ('all', 'logged_in')),
    welcome_message       text NOT NULL DEFAULT 'Hi! How can we help?',
    -- Weekly schedule in the shop's time zone: {"mon": [["09:00","17:00"]], …};
    -- no ranges at all means no automatic replies.
    office_hours          jsonb NOT NULL DEFAULT '{}',
    during_hours_message  text NOT NULL DEFAULT 'One moment, a member of our team will be with you shortly.',
    outside_hours_message text NOT NULL DEFAULT 'Our live chat is closed right now. Leave your name and email and we''ll get back to you.',
    privacy_url           text NOT NULL DEFAULT '',
    terms_url             text NOT NULL DEFAULT '',
    color                 text NOT NULL DEFAULT '#303030',
    icon                  text NOT NULL DEFAULT 'chat',
    position              text NOT NULL DEFAULT 'right' CHECK (position IN ('left', 'right')),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE faqs (
    id         bigserial PRIMARY KEY,
    shop_id    bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    question   text NOT NULL,
    answer     text NOT NULL,
    position   integer NOT NULL DEFAULT 0,
    published  boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX faqs_shop ON faqs (shop_id, position, id);

-- A profile is a shopper: a Shopify customer (signed in), or an anonymous
-- visitor (shopify_customer_id NULL).
CREATE TABLE profiles (
    id                  bigserial PRIMARY KEY,
    shop_id             bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    shopify_customer_id bigint,
    first_name          text NOT NULL DEFAULT '',
    last_name           text NOT NULL DEFAULT '',
    email               text NOT NULL DEFAULT '',
    phone               text NOT NULL DEFAULT '',
    orders_count        integer NOT NULL DEFAULT 0,
    total_spent         numeric(14, 2) NOT NULL DEFAULT 0,
    currency            text NOT NULL DEFAULT '',
    customer_since      timestamptz,
    synced_at           timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (shop_id, shopify_customer_id)
);

-- A conversation is one ticket of the inbox.
CREATE TABLE conversations (
    id                   bigserial PRIMARY KEY,
    shop_id              bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    profile_id           bigint NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    channel              text NOT NULL DEFAULT 'web_chat' CHECK (channel IN ('web_chat', 'sms')),
    status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'snoozed', 'closed')),
    snoozed_until        timestamptz,
    assignee_agent_id    bigint REFERENCES agents(id) ON DELETE SET NULL,
    first_message        text NOT NULL DEFAULT '',
    last_message_preview text NOT NULL DEFAULT '',
    message_count        integer NOT NULL DEFAULT 0,
    last_message_at      timestamptz NOT NULL,
    -- When the shopper's oldest unanswered message was sent (NULL: answered).
    awaiting_reply_since timestamptz,
    unread               boolean NOT NULL DEFAULT true,
    closed_at            timestamptz,
    closed_by            text CHECK (closed_by IN ('shopper', 'agent', 'inactivity')),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
-- A profile has at most one conversation going on per channel.
CREATE UNIQUE INDEX conversations_one_active ON conversations (profile_id, channel) WHERE status <> 'closed';
CREATE INDEX conversations_shop_recent ON conversations (shop_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_inactive ON conversations (last_message_at) WHERE status <> 'closed';

CREATE TABLE messages (
    id              bigserial PRIMARY KEY,
    shop_id         bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    conversation_id bigint NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    author          text NOT NULL CHECK (author IN ('shopper', 'agent', 'ai', 'system')),
    agent_id        bigint REFERENCES agents(id) ON DELETE SET NULL,
    body            text NOT NULL,
    -- The sender's id for the message: a retried send is stored once.
    client_id       text,
    attachments     jsonb NOT NULL DEFAULT '[]',
    created_at      timestamptz NOT NULL,
    seen_at         timestamptz
);
CREATE UNIQUE INDEX messages_client_id ON messages (shop_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_conversation ON messages (conversation_id, id);
