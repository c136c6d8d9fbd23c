-- Settings → Macros: the merchant's saved replies, with variables such as
-- {{customer.first_name}} that the inbox fills in when an agent inserts one
-- (SPEC §3.3). A name is used once per shop, however it is capitalised, so
-- agents can tell macros apart in the picker.
CREATE TABLE macros (
    id         bigserial PRIMARY KEY,
    shop_id    bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    name       text NOT NULL CHECK (name <> ''),
    body       text NOT NULL CHECK (body <> ''),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX macros_shop_name ON macros (shop_id, lower(name));
