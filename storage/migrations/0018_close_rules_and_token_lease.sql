-- The inactivity rule as SPEC §1.7 states it, a short lease for the token
-- refresh, and the profiles of customers Shopify no longer knows.

-- When a snoozed ticket last came back (NULL: never snoozed, or woken by a
-- shopper's message, which then starts the clock itself): its 48 hours of
-- inactivity start at the later of this and its last message.
ALTER TABLE conversations ADD COLUMN woken_at timestamptz;
-- The AI agent answers the conversation and has not handed it off to the
-- team: the clock closes it whoever spoke last. Set by the AI agent when it
-- takes a conversation and cleared at its handoff; false until then.
ALTER TABLE conversations ADD COLUMN ai_answering boolean NOT NULL DEFAULT false;

-- The close sweep reads only the open conversations the clock may close (the
-- AI agent's, and the team's tickets where the team had the last word), in
-- the order their clock started; a ticket waiting on the team or snoozed is
-- not in the index at all.
DROP INDEX conversations_inactive;
CREATE INDEX conversations_close_due ON conversations ((greatest(last_message_at, woken_at)))
    WHERE status = 'open' AND (ai_answering OR awaiting_reply_since IS NULL);

-- One caller refreshes a shop's token at a time, across instances: it holds
-- this lease, claimed by a conditional update, while Shopify answers, with no
-- transaction open. A lease whose holder died lapses at its time.
ALTER TABLE shops ADD COLUMN token_refresh_lease_holder text;
ALTER TABLE shops ADD COLUMN token_refresh_lease_until timestamptz;

-- When the Admin API last answered that it has no such customer (deleted
-- from the shop): the profile keeps the details it had, and a later sync
-- that finds the customer clears this.
ALTER TABLE profiles ADD COLUMN shopify_customer_missing_since timestamptz;
