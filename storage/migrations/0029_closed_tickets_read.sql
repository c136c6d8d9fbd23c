-- A closed ticket waits for nobody, so it is not unread: closing now clears
-- the flag, and tickets closed before that, often by the shopper before any
-- agent opened them, lose theirs too.
UPDATE conversations SET unread = false WHERE status = 'closed' AND unread;
