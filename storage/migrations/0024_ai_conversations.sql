-- The AI agent in the conversation (SPEC §2, §2.1). A conversation started
-- while the agent is on is the agent's (ai_answering) until a handoff to the
-- team; it is not in the team's inbox meanwhile.

-- The agent answered first: the dashboard's conversations.
ALTER TABLE conversations ADD COLUMN ai_involved boolean NOT NULL DEFAULT false;
-- How the agent handed off; 'none' until it does. An Inbox handoff counts
-- from the shopper's Yes (handoff_at), not from the offer.
ALTER TABLE conversations ADD COLUMN handoff text NOT NULL DEFAULT 'none'
    CHECK (handoff IN ('none', 'inbox', 'custom_message', 'zendesk', 'gorgias'));
ALTER TABLE conversations ADD COLUMN handoff_at timestamptz;
-- The agent asked "talk to a person?" and the shopper has not answered yet.
ALTER TABLE conversations ADD COLUMN handoff_offered_at timestamptz;
-- SPEC §2.1's status, kept current on every change (app/chat.StatusOfAI);
-- NULL for a conversation the agent never answered.
ALTER TABLE conversations ADD COLUMN ai_status text
    CHECK (ai_status IN ('open', 'resolved', 'unresolved'));
-- The topic: set by the agent, changeable by the team.
ALTER TABLE conversations ADD COLUMN tag text
    CHECK (tag IN ('order_status', 'shipping', 'returns_refunds', 'product_question', 'discounts', 'account', 'other'));
-- Who wrote the last message (the status rule reads it).
ALTER TABLE conversations ADD COLUMN last_author text NOT NULL DEFAULT 'shopper'
    CHECK (last_author IN ('shopper', 'agent', 'ai', 'system'));
UPDATE conversations c SET last_author = m.author
    FROM (SELECT DISTINCT ON (conversation_id) conversation_id, author FROM messages
          ORDER BY conversation_id, id DESC) m
    WHERE m.conversation_id = c.id;

-- What an AI message carries besides its text: product cards, and what it
-- asks of the shopper ('handoff_offer': Yes / No; 'sign_in'; 'email').
ALTER TABLE messages ADD COLUMN cards jsonb NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN kind text NOT NULL DEFAULT 'text'
    CHECK (kind IN ('text', 'handoff_offer', 'sign_in', 'email'));
-- The shopper's message an AI answer answers: a retried answering job finds
-- its first answer instead of answering twice.
ALTER TABLE messages ADD COLUMN reply_to bigint REFERENCES messages(id) ON DELETE CASCADE;
CREATE UNIQUE INDEX messages_ai_reply ON messages (reply_to) WHERE reply_to IS NOT NULL;

-- Events of a conversation the agent is answering concern only its shopper
-- until the team has it.
ALTER TABLE events DROP CONSTRAINT events_audience_check;
ALTER TABLE events ADD CONSTRAINT events_audience_check CHECK (audience IN ('all', 'agents', 'shopper'));

-- The AI status follows every change of the row: the rule of SPEC §2.1, as
-- app/chat.StatusOfAI states it (a test checks the two agree), computed from
-- the row as it will be stored.
CREATE FUNCTION conversations_ai_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.ai_status := CASE
        WHEN NOT NEW.ai_involved THEN NULL
        WHEN NEW.handoff <> 'none' THEN 'unresolved'
        WHEN NEW.status = 'closed' AND NEW.last_author = 'ai' THEN 'resolved'
        ELSE 'open' END;
    RETURN NEW;
END $$;
CREATE TRIGGER conversations_ai_status BEFORE INSERT OR UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION conversations_ai_status();

-- An anonymous visitor who talks to the AI agent ("All users") has a profile
-- of their own, found again by the random key their browser keeps; when they
-- sign in, their conversation goes with them to their customer profile.
ALTER TABLE profiles ADD COLUMN visitor_key text;
CREATE UNIQUE INDEX profiles_visitor ON profiles (shop_id, visitor_key) WHERE visitor_key IS NOT NULL;

-- The ticket a Zendesk or Gorgias handoff made there: its number and the
-- address where the merchant's team opens it.
ALTER TABLE conversations ADD COLUMN external_ticket_id text;
ALTER TABLE conversations ADD COLUMN external_ticket_url text;
