-- Every message and every event checked its shop's row through a foreign
-- key, and the check locks that row, shared: when many transactions of a
-- shop hold it at once PostgreSQL keeps them in a multixact it rewrites for
-- each new holder, on the one row every write of the shop touches. The two
-- tables written with every message keep their keys to the conversation,
-- which keeps its own to the shop, so a shop's messages and its
-- conversations' events still go with its erasure (ON DELETE CASCADE);
-- RedactShop deletes the shop's events itself too, in case one names no
-- conversation.
ALTER TABLE messages DROP CONSTRAINT messages_shop_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_shop_id_fkey;
