-- A message's client id makes a retried send safe, and it is the sender's
-- own key: it was unique per shop, so a shopper sending another shopper's
-- id got that shopper's message and conversation back. It is now unique per
-- sender: a shopper's among the messages of their profile (whichever
-- conversation they are in), anyone else's among the messages of the
-- conversation they write in. A different sender with the same id gets a
-- message of their own.

-- The shopper who wrote a message (shopper messages only), as agent_id is
-- the agent who wrote one.
ALTER TABLE messages ADD COLUMN profile_id bigint REFERENCES profiles(id) ON DELETE CASCADE;
UPDATE messages m SET profile_id = v.profile_id
    FROM conversations v WHERE v.id = m.conversation_id AND m.author = 'shopper';
ALTER TABLE messages ADD CONSTRAINT messages_shopper_profile CHECK ((author = 'shopper') = (profile_id IS NOT NULL));

DROP INDEX messages_client_id;
-- Not partial, so that it also serves the profile foreign key: the rows of
-- other authors (profile_id NULL) and those without a client id never
-- collide, as NULLs are distinct.
CREATE UNIQUE INDEX messages_shopper_client_id ON messages (profile_id, client_id);
CREATE UNIQUE INDEX messages_conversation_client_id ON messages (conversation_id, client_id)
    WHERE author <> 'shopper' AND client_id IS NOT NULL;
