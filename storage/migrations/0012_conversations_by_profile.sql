-- From a shopper to all their tickets, closed ones included: the inbox's
-- search by name and the ticket page's earlier conversations.
CREATE INDEX conversations_profile ON conversations (profile_id, last_message_at DESC);
