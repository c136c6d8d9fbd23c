-- How far pruning has deleted each shop's event log: the highest id of the
-- shop's events that Events.DeleteBefore deleted, raised in the statement
-- that deletes them. A stream resuming after a lower id cannot be replayed
-- what it missed, and is told to reload its state instead (app/realtime).
-- The lowest id left in events could not tell: a quiet shop may have none
-- left at all, and ids are drawn for every shop from one sequence.
CREATE TABLE events_pruned (
    shop_id    bigint PRIMARY KEY REFERENCES shops (id) ON DELETE CASCADE,
    through_id bigint NOT NULL
);
