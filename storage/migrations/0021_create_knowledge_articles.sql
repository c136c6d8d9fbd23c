-- The merchant's knowledge articles: what the AI agent answers from besides
-- FAQs, policies and the catalog ("training"). Drafts are kept but not used.
CREATE TABLE knowledge_articles (
    id         bigserial PRIMARY KEY,
    shop_id    bigint NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    title      text NOT NULL,
    body       text NOT NULL,
    published  boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX knowledge_articles_shop ON knowledge_articles (shop_id, id);
