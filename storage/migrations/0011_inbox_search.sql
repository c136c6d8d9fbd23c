-- The inbox: full-text search over messages and shoppers' names (the
-- language-neutral 'simple' configuration: names, order numbers and any
-- language), and its views by status, assignee and channel, newest first.
CREATE INDEX messages_search ON messages USING gin (to_tsvector('simple', body));
CREATE INDEX profiles_search ON profiles USING gin (
    to_tsvector('simple', first_name || ' ' || last_name || ' ' || email || ' ' || phone));
CREATE INDEX conversations_inbox ON conversations (shop_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_unread ON conversations (shop_id) WHERE unread AND status = 'open';
