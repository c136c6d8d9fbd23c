-- A closed ticket waits for nobody, so it is not unread: closing now clears
-- the flag, and tickets closed before that, often by the shopper before any
-- agent opened them, lose theirs too.
UPDATE conversations SET unread = false WHERE status = 'closed' AND unread;

-- A shopper's history also tells when an agent snoozed one of their
-- tickets, and unsnoozed it.
ALTER TABLE profile_events DROP CONSTRAINT profile_events_kind_check;
ALTER TABLE profile_events ADD CONSTRAINT profile_events_kind_check CHECK (kind IN ('order_placed', 'order_paid',
    'order_fulfilled', 'order_cancelled', 'order_refunded', 'conversation_started', 'conversation_closed', 'product_clicked',
    'ticket_snoozed', 'ticket_unsnoozed'));
