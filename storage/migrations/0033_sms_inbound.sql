-- SMS senders are matched to the shop's profiles by phone number: the
-- synced customers' phones compared as digits with a leading +, however
-- Shopify spaced them.
CREATE INDEX profiles_phone ON profiles (shop_id, (regexp_replace(phone, '[^0-9+]', '', 'g'))) WHERE phone <> '';
