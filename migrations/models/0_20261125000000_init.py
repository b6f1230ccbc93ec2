"""Initial schema: the ten tables of the architecture, auth sessions, search indexes.

Written by hand from aerich's generated DDL, because the two databases need
different search machinery: PostgreSQL gets partial covering indexes, a stored
tsvector with GIN, a stored point with a covering GiST and a jsonb GIN for amenities
(shared/search-physics.md); SQLite gets plain composite b-trees.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

SQLITE = """
CREATE TABLE IF NOT EXISTS "users" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "role" VARCHAR(16) NOT NULL /* BUYER: buyer\nSELLER: seller\nAGENT: agent */,
    "phone" VARCHAR(32),
    "bio" TEXT,
    "monthly_fee_cents" INT,
    "yearly_fee_cents" INT,
    "service_areas" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "auth_sessions" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMP NOT NULL,
    "revoked_at" TIMESTAMP,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* A refresh-token family: one per login; revoking it logs the device out. */;
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMP NOT NULL,
    "used_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "session_id" CHAR(36) NOT NULL REFERENCES "auth_sessions" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "properties" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "property_type" VARCHAR(16) NOT NULL /* HOUSE: house\nAPARTMENT: apartment\nCONDO: condo\nTOWNHOUSE: townhouse\nLAND: land\nCOMMERCIAL: commercial */,
    "listing_type" VARCHAR(8) NOT NULL /* SALE: sale\nRENT: rent */,
    "status" VARCHAR(16) NOT NULL /* ACTIVE: active\nPENDING: pending\nSOLD: sold\nRENTED: rented\nWITHDRAWN: withdrawn */,
    "price" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "bedrooms" SMALLINT NOT NULL,
    "bathrooms" REAL NOT NULL,
    "area_sqft" INT NOT NULL,
    "year_built" SMALLINT,
    "address" VARCHAR(255) NOT NULL,
    "city" VARCHAR(120) NOT NULL,
    "city_key" VARCHAR(120) NOT NULL,
    "state" VARCHAR(64) NOT NULL,
    "postal_code" VARCHAR(20) NOT NULL,
    "country" VARCHAR(2) NOT NULL,
    "latitude" REAL,
    "longitude" REAL,
    "amenities" JSON NOT NULL,
    "images" JSON NOT NULL,
    "search_text" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "owner_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "carts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "note" VARCHAR(1000),
    "added_at" TIMESTAMP NOT NULL,
    "buyer_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_carts_buyer_i_e0c828" UNIQUE ("buyer_id", "property_id")
);
CREATE TABLE IF NOT EXISTS "agent_assignments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "property_ids" JSON NOT NULL,
    "plan" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "ended_at" TIMESTAMP,
    "agent_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "seller_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* A seller's hire of a human agent. */;
CREATE TABLE IF NOT EXISTS "leads" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(8) NOT NULL /* FORM: form\nCALL: call */,
    "status" VARCHAR(24) NOT NULL /* NEW: new\nCONTACTED: contacted\nQUALIFIED: qualified\nVIEWING_SCHEDULED: viewing_scheduled\nWON: won\nLOST: lost */,
    "message" TEXT NOT NULL,
    "phone" VARCHAR(32),
    "notes" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "assigned_agent_id" BIGINT REFERENCES "users" ("id") ON DELETE SET NULL,
    "buyer_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    "seller_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ai_agents" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" TEXT NOT NULL,
    "is_public" INT NOT NULL,
    "greeting" TEXT NOT NULL,
    "persona" TEXT NOT NULL,
    "voice" JSON NOT NULL,
    "max_call_seconds" INT NOT NULL,
    "silence_timeout_seconds" INT NOT NULL,
    "price_monthly_cents" INT NOT NULL,
    "price_yearly_cents" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "owner_id" BIGINT REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "subscriptions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(8) NOT NULL,
    "plan" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "current_period_start" TIMESTAMP NOT NULL,
    "current_period_end" TIMESTAMP NOT NULL,
    "cancel_at_period_end" INT NOT NULL,
    "amount_cents" INT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "payment_method" VARCHAR(64) NOT NULL,
    "property_ids" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "agent_assignment_id" BIGINT REFERENCES "agent_assignments" ("id") ON DELETE RESTRICT,
    "ai_agent_id" BIGINT REFERENCES "ai_agents" ("id") ON DELETE RESTRICT,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_subscriptio_status_d0bb02" ON "subscriptions" ("status", "current_period_end");
CREATE TABLE IF NOT EXISTS "transactions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(8) NOT NULL,
    "amount_cents" INT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "failure_reason" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "subscription_id" BIGINT REFERENCES "subscriptions" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "call_logs" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMP NOT NULL,
    "ended_at" TIMESTAMP,
    "duration_seconds" INT,
    "end_reason" VARCHAR(32),
    "ai_agent_id" BIGINT NOT NULL REFERENCES "ai_agents" ("id") ON DELETE CASCADE,
    "buyer_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    "seller_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "transcripts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "seq" INT NOT NULL,
    "role" VARCHAR(8) NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "call_id" BIGINT NOT NULL REFERENCES "call_logs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_transcripts_call_id_41ee9e" UNIQUE ("call_id", "seq")
) /* One turn of a call, either side. */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);
CREATE INDEX IF NOT EXISTS "ix_leads_seller" ON "leads" ("seller_id", "id");
CREATE INDEX IF NOT EXISTS "ix_leads_property" ON "leads" ("property_id");
CREATE INDEX IF NOT EXISTS "ix_leads_buyer" ON "leads" ("buyer_id");
CREATE INDEX IF NOT EXISTS "ix_carts_buyer" ON "carts" ("buyer_id", "id");
CREATE INDEX IF NOT EXISTS "ix_carts_property" ON "carts" ("property_id");
CREATE INDEX IF NOT EXISTS "ix_assign_seller" ON "agent_assignments" ("seller_id");
CREATE INDEX IF NOT EXISTS "ix_assign_agent" ON "agent_assignments" ("agent_id");
CREATE INDEX IF NOT EXISTS "ix_ai_agents_owner" ON "ai_agents" ("owner_id");
CREATE INDEX IF NOT EXISTS "ix_subs_user" ON "subscriptions" ("user_id");
CREATE INDEX IF NOT EXISTS "ix_tx_user" ON "transactions" ("user_id", "id");
CREATE INDEX IF NOT EXISTS "ix_tx_subscription" ON "transactions" ("subscription_id");
CREATE INDEX IF NOT EXISTS "ix_calls_buyer" ON "call_logs" ("buyer_id", "id");
CREATE INDEX IF NOT EXISTS "ix_calls_seller" ON "call_logs" ("seller_id", "id");
CREATE INDEX IF NOT EXISTS "ix_sessions_user" ON "auth_sessions" ("user_id");
CREATE INDEX IF NOT EXISTS "ix_refresh_session" ON "refresh_tokens" ("session_id");
CREATE INDEX IF NOT EXISTS "ix_prop_owner" ON "properties" ("owner_id", "created_at", "id");
CREATE INDEX IF NOT EXISTS "ix_prop_newest" ON "properties" ("status", "created_at", "id");
CREATE INDEX IF NOT EXISTS "ix_prop_price" ON "properties" ("status", "price", "id");
CREATE INDEX IF NOT EXISTS "ix_prop_area" ON "properties" ("status", "area_sqft", "id");
CREATE INDEX IF NOT EXISTS "ix_prop_beds" ON "properties" ("status", "bedrooms", "id");
CREATE INDEX IF NOT EXISTS "ix_prop_city_newest" ON "properties" ("status", "city_key", "created_at", "id");
CREATE INDEX IF NOT EXISTS "ix_prop_city_price" ON "properties" ("status", "city_key", "price", "id");
CREATE INDEX IF NOT EXISTS "ix_prop_geo" ON "properties" ("status", "latitude", "longitude");
CREATE INDEX IF NOT EXISTS "ix_prop_postal" ON "properties" ("status", "postal_code");
CREATE INDEX IF NOT EXISTS "ix_prop_updated" ON "properties" ("updated_at");
"""

POSTGRES = """
CREATE TABLE IF NOT EXISTS "users" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL UNIQUE,
    "password_hash" VARCHAR(255) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "phone" VARCHAR(32),
    "bio" TEXT,
    "monthly_fee_cents" INT,
    "yearly_fee_cents" INT,
    "service_areas" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON COLUMN "users"."role" IS 'BUYER: buyer\nSELLER: seller\nAGENT: agent';
CREATE TABLE IF NOT EXISTS "auth_sessions" (
    "id" UUID NOT NULL PRIMARY KEY,
    "created_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "auth_sessions" IS 'A refresh-token family: one per login; revoking it logs the device out.';
CREATE TABLE IF NOT EXISTS "refresh_tokens" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "session_id" UUID NOT NULL REFERENCES "auth_sessions" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "properties" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "property_type" VARCHAR(16) NOT NULL,
    "listing_type" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "price" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "bedrooms" SMALLINT NOT NULL,
    "bathrooms" DOUBLE PRECISION NOT NULL,
    "area_sqft" INT NOT NULL,
    "year_built" SMALLINT,
    "address" VARCHAR(255) NOT NULL,
    "city" VARCHAR(120) NOT NULL,
    "city_key" VARCHAR(120) NOT NULL,
    "state" VARCHAR(64) NOT NULL,
    "postal_code" VARCHAR(20) NOT NULL,
    "country" VARCHAR(2) NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "amenities" JSONB NOT NULL,
    "images" JSONB NOT NULL,
    "search_text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "owner_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "properties"."property_type" IS 'HOUSE: house\nAPARTMENT: apartment\nCONDO: condo\nTOWNHOUSE: townhouse\nLAND: land\nCOMMERCIAL: commercial';
COMMENT ON COLUMN "properties"."listing_type" IS 'SALE: sale\nRENT: rent';
COMMENT ON COLUMN "properties"."status" IS 'ACTIVE: active\nPENDING: pending\nSOLD: sold\nRENTED: rented\nWITHDRAWN: withdrawn';
CREATE TABLE IF NOT EXISTS "carts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "note" VARCHAR(1000),
    "added_at" TIMESTAMPTZ NOT NULL,
    "buyer_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_carts_buyer_i_e0c828" UNIQUE ("buyer_id", "property_id")
);
CREATE TABLE IF NOT EXISTS "agent_assignments" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "property_ids" JSONB NOT NULL,
    "plan" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "ended_at" TIMESTAMPTZ,
    "agent_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "seller_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "agent_assignments" IS 'A seller''s hire of a human agent.';
CREATE TABLE IF NOT EXISTS "leads" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "source" VARCHAR(8) NOT NULL,
    "status" VARCHAR(24) NOT NULL,
    "message" TEXT NOT NULL,
    "phone" VARCHAR(32),
    "notes" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "assigned_agent_id" BIGINT REFERENCES "users" ("id") ON DELETE SET NULL,
    "buyer_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    "seller_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "leads"."source" IS 'FORM: form\nCALL: call';
COMMENT ON COLUMN "leads"."status" IS 'NEW: new\nCONTACTED: contacted\nQUALIFIED: qualified\nVIEWING_SCHEDULED: viewing_scheduled\nWON: won\nLOST: lost';
CREATE TABLE IF NOT EXISTS "ai_agents" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(120) NOT NULL,
    "description" TEXT NOT NULL,
    "is_public" BOOL NOT NULL,
    "greeting" TEXT NOT NULL,
    "persona" TEXT NOT NULL,
    "voice" JSONB NOT NULL,
    "max_call_seconds" INT NOT NULL,
    "silence_timeout_seconds" INT NOT NULL,
    "price_monthly_cents" INT NOT NULL,
    "price_yearly_cents" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "owner_id" BIGINT REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "subscriptions" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(8) NOT NULL,
    "plan" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "current_period_start" TIMESTAMPTZ NOT NULL,
    "current_period_end" TIMESTAMPTZ NOT NULL,
    "cancel_at_period_end" BOOL NOT NULL,
    "amount_cents" INT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "payment_method" VARCHAR(64) NOT NULL,
    "property_ids" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "agent_assignment_id" BIGINT REFERENCES "agent_assignments" ("id") ON DELETE RESTRICT,
    "ai_agent_id" BIGINT REFERENCES "ai_agents" ("id") ON DELETE RESTRICT,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX "idx_subscriptio_status_d0bb02" ON "subscriptions" ("status", "current_period_end");
CREATE TABLE IF NOT EXISTS "transactions" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(8) NOT NULL,
    "amount_cents" INT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "failure_reason" VARCHAR(64),
    "created_at" TIMESTAMPTZ NOT NULL,
    "subscription_id" BIGINT REFERENCES "subscriptions" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "call_logs" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL,
    "ended_at" TIMESTAMPTZ,
    "duration_seconds" INT,
    "end_reason" VARCHAR(32),
    "ai_agent_id" BIGINT NOT NULL REFERENCES "ai_agents" ("id") ON DELETE CASCADE,
    "buyer_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    "seller_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "transcripts" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "seq" INT NOT NULL,
    "role" VARCHAR(8) NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "call_id" BIGINT NOT NULL REFERENCES "call_logs" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_transcripts_call_id_41ee9e" UNIQUE ("call_id", "seq")
);
COMMENT ON TABLE "transcripts" IS 'One turn of a call, either side.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS "ix_leads_seller" ON "leads" ("seller_id", "id");
CREATE INDEX IF NOT EXISTS "ix_leads_property" ON "leads" ("property_id");
CREATE INDEX IF NOT EXISTS "ix_leads_buyer" ON "leads" ("buyer_id");
CREATE INDEX IF NOT EXISTS "ix_carts_buyer" ON "carts" ("buyer_id", "id");
CREATE INDEX IF NOT EXISTS "ix_carts_property" ON "carts" ("property_id");
CREATE INDEX IF NOT EXISTS "ix_assign_seller" ON "agent_assignments" ("seller_id");
CREATE INDEX IF NOT EXISTS "ix_assign_agent" ON "agent_assignments" ("agent_id");
CREATE INDEX IF NOT EXISTS "ix_ai_agents_owner" ON "ai_agents" ("owner_id");
CREATE INDEX IF NOT EXISTS "ix_subs_user" ON "subscriptions" ("user_id");
CREATE INDEX IF NOT EXISTS "ix_tx_user" ON "transactions" ("user_id", "id");
CREATE INDEX IF NOT EXISTS "ix_tx_subscription" ON "transactions" ("subscription_id");
CREATE INDEX IF NOT EXISTS "ix_calls_buyer" ON "call_logs" ("buyer_id", "id");
CREATE INDEX IF NOT EXISTS "ix_calls_seller" ON "call_logs" ("seller_id", "id");
CREATE INDEX IF NOT EXISTS "ix_sessions_user" ON "auth_sessions" ("user_id");
CREATE INDEX IF NOT EXISTS "ix_refresh_session" ON "refresh_tokens" ("session_id");
CREATE INDEX IF NOT EXISTS "ix_prop_owner" ON "properties" ("owner_id", "created_at", "id");
CREATE EXTENSION IF NOT EXISTS btree_gin;
ALTER TABLE "properties" ADD COLUMN "search_vector" tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', "search_text")) STORED;
-- A real column (not an expression index) so geo searches can be index-only scans.
ALTER TABLE "properties" ADD COLUMN "geo" point
    GENERATED ALWAYS AS (point("longitude", "latitude")) STORED;
CREATE INDEX "ix_prop_a_newest" ON "properties" ("created_at" DESC, "id" DESC)
    INCLUDE ("price", "bedrooms", "bathrooms", "area_sqft", "property_type", "listing_type") WHERE status = 'active';
CREATE INDEX "ix_prop_a_price" ON "properties" ("price", "id")
    INCLUDE ("bedrooms", "bathrooms", "area_sqft", "property_type", "listing_type") WHERE status = 'active';
CREATE INDEX "ix_prop_a_area" ON "properties" ("area_sqft", "id")
    INCLUDE ("price", "bedrooms", "property_type", "listing_type") WHERE status = 'active';
CREATE INDEX "ix_prop_a_beds" ON "properties" ("bedrooms", "id")
    INCLUDE ("price", "area_sqft", "property_type", "listing_type") WHERE status = 'active';
CREATE INDEX "ix_prop_a_city_newest" ON "properties" ("city_key", "created_at" DESC, "id" DESC)
    INCLUDE ("price", "bedrooms", "bathrooms", "area_sqft", "property_type", "listing_type") WHERE status = 'active';
CREATE INDEX "ix_prop_a_city_price" ON "properties" ("city_key", "price", "id")
    INCLUDE ("bedrooms", "bathrooms", "area_sqft", "property_type", "listing_type") WHERE status = 'active';
CREATE INDEX "ix_prop_a_geo" ON "properties" USING gist ("geo")
    INCLUDE ("id", "price", "bedrooms", "bathrooms", "area_sqft", "created_at", "property_type", "listing_type")
    WHERE status = 'active';
CREATE INDEX "ix_prop_a_text" ON "properties" USING gin ("search_vector") WHERE status = 'active';
CREATE INDEX "ix_prop_a_city_text" ON "properties" USING gin ("city_key", "search_vector") WHERE status = 'active';
CREATE INDEX "ix_prop_a_amenities" ON "properties" USING gin ("amenities" jsonb_path_ops) WHERE status = 'active';
CREATE INDEX "ix_prop_a_postal" ON "properties" ("postal_code") WHERE status = 'active';
CREATE INDEX "ix_prop_a_state" ON "properties" (lower("state")) WHERE status = 'active';
CREATE INDEX "ix_prop_status_newest" ON "properties" ("status", "created_at" DESC, "id" DESC);
CREATE INDEX "ix_prop_updated" ON "properties" ("updated_at");
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return POSTGRES if db.capabilities.dialect == "postgres" else SQLITE


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "transcripts"; DROP TABLE IF EXISTS "call_logs";
DROP TABLE IF EXISTS "transactions"; DROP TABLE IF EXISTS "subscriptions";
DROP TABLE IF EXISTS "ai_agents"; DROP TABLE IF EXISTS "leads";
DROP TABLE IF EXISTS "agent_assignments"; DROP TABLE IF EXISTS "carts";
DROP TABLE IF EXISTS "properties"; DROP TABLE IF EXISTS "refresh_tokens";
DROP TABLE IF EXISTS "auth_sessions"; DROP TABLE IF EXISTS "users";
"""


MODELS_STATE = (
    "eJztXVtz2zYW/iscvWw7k2Yc+RLXu7MzsqwkamUpK8lJt3GHA5OwhDEJKrzY0XT93xeASI"
    "kXgCYpiqJovDQ1iQNS3wHAcz9/t0xLh4bztuO58wl0HGTh1oXydwsDE5L/4d1+o7TAYrG5"
    "SS+44M5g4wEZqDqrkewOuHNcG2guuXkPDAeSSzp0NBst3NWzWh3Fhvc2dOa/uNYDxGSYiY"
    "zlhWJhqCygrRjWDOF/kkGP1gPCMwW59JKjuHOo6PARaVCxPPctfZhuaeRpZFDJ83oYffeg"
    "6lozSO7aZPZvf5HLCOvwB3SCPxcP6j2Chh4BEOl0AnZddZcLdu3mpn/1gY2k73ynapbhmX"
    "gzerF05xZeD/c8pL+lNPTeDGJoAxfqIUCxZxg+A4JLqzcmF1zbg+tX1TcXdHgPPIOypfWv"
    "ew9rlBsKexL9z8m//VcLDVPV4WiqTnpTVW0luEhfIcYA/5JGFgJZAQi7FKi/n1fzbgBhV1"
    "v0Ad1PnfFPx2c/Mwgsx53Z7CaDq/XMCIELVqQM9A3Kmg0pJipwk2hfkTsuMiEf8ShlDHnd"
    "J30b/E8RDgQXNizYbIQA3AC+HQDeIj9QH2Fj6fM+hQHT/nVvMu1cf6aPMx3nu8Hw60x79E"
    "6bXV3Grv604pdF9vjqBFhPonztTz8p9E/lz9GwF+fqetz0zxZ9J3JyWCq2nlSgh5ZpcDVA"
    "jYzccJ1t3UJcj1KWwHX/devC9ANhcoBJKpc9B9oq7xi9RLM+dvkMDhHFuEsgOsRdPKMv8c"
    "uv7fbx8fv20fHZ+enJ+/en50fnZCx74+St9ymr4LL/sT+cRplKLzw/0y/Z/QP3lKWgJtnw"
    "wbIhmuHf4ZKxok/eG2ANcqD3hYkbf5oDY8FzsMaCq5ttb4On9ac/vPTIbye/GLrs13c7k2"
    "7nqtdiCN8B7eEJ2LoqgJqJLA5nzft0H34fQwO4vjzGx3m8En+mdKoG4c3ws9pWCLcIoslb"
    "ZtuMXwEYzNhPos+mT+JhxhGE45iKJWFf+FQ3nHxRFBZDU7IAmnZyZj00/aW/nezZiBMzTT"
    "Bl3FfnwJknudCdA5vPgyhVjBfkR+5GEdglM0zwQzUgnrlz8ufZSQrOXzpjpgicncRkjqF/"
    "p81uPUdkBPhjgchuKyAJRikbKP83TBQsIu2HyKSoX2f+SjVefII2V433zYVcHU9sKotSlW"
    "kyq++GfsFClqK6ORvj7ZbaW8wUfJjgvqjERVdXXj1ulxoK0545mkmgVYs1EqqYSkXklSoi"
    "0ATIyKODrAkap360T7PoH2SUUAFh96IayAI4zpNFNndeXS9BWA7e+xZXYoifZkL8NAXx0z"
    "ji7N8cQAfjG4jvu/ZRBnzJKCG+7F4UX9syBPj2sGcmpIWof8WnrTPWrcub//bGF8qdt4T2"
    "LZ70BgP6pwMNg/7d+dgbTi8U8hFefXJy8+QsC0viYneII2eJI4ZAmWvFrwkKsaFmem4U3e"
    "N2BnSP20J06a0ounfISmI7hT8E0ok/vAnIpqmSvT+mES0yQPCn684fP0c0ycFo+DEYHkK8"
    "OxhdxpA2LezOjaV6D6GqQfoSCdyFQiGXtpCHr2ZM8KXE9ruT9yfnx2cna+FwfSVNJgzkvw"
    "3ISwjsghjzSCXESYiJOkWjhFRgQ8DB97fJaCgyXcQI4/YqpLnK/xQDOTtzVYeCfu48ZLgI"
    "O2/p8/YR90OBSj9k4ufJm6j5g04QP2SkKVG8D5prSvQWekGuRykl1+vCdY7fYB0EkLC5vR"
    "RVEQ5MLR5X0UwLaFTVsK0FtF0Et4Tq82qeZVNx0oDtqsiF5pY4dck8fTJNY3EyEF8IzbXv"
    "qCreIftuhk14kFF8mbBiFgdHnSMb8izmErA4YAb5sDkqYL9zW8gGZK7D02xywGQCnWND2g"
    "FEB7yUbKhB9FjRUjpInABSV8fUlgcU6syyHUyHuOEc7249+ZZATUJTNXVNkTvYAVoJaE03"
    "MzUVLA0YRhmHeZfMM7BmzYapnPO8gVDtMk5lrfpxYlXCaqE4XiWqhMqgldcXtOIiV+SDFg"
    "TOBwR1djwXDaI4yuLkJ6PEQRRHCSd/+M0SOIu9nzGy6tBu7cE/sRMnqH+4LVegcZf4y2EW"
    "iUnqvOxbn0Y3k96FMrc8B97izufOeHq9irFYANulFopb3B0Nr0YXCmGObt3i6ejr0KdyrS"
    "fsUw46w6sLxQBYp+Ovr3vjbr8zoESmCW0NARa2tv94DepPI8/fisPxOWrN4ElnQDjlAIMw"
    "acw4axcMnjnPwItzISvO45wg4LoeR6nIxoMNdYXnHFVfHmHO067V6U77XwgPVtS3+HNveN"
    "UffrxQFhDrBP5bPBkNyOZxLENf8ah3teISJH9TR83VuPN1eKE8IXeu2+AJ12MrLWyk8TSd"
    "FElsTSLzv3PKYyH1ybPJ2tCWeUSwME2F++VmcrUr0SAWeZYl8Ewcd5YIO4O6bVk8/9HEJA"
    "qncHmH6apb4Ue7Xd7H7fdn6wVN/0hbwpPrzmCQXLN3wJ0LEP1gWEAEZ5gqhuc9JTs0RFOA"
    "uxrdXA56yudxr9uf9P3Ym7U/n92kl8gFtMp4Gfc6gxjKNHRJdb7fc+IshEs2QtOYNVtqxJ"
    "7KgrHyngVRygaF6pVxHgBdt6EjEP4EC3VD0gDNtoJUDA25+WQEf3ydtZmC+O4kFYPipT7A"
    "3BgHNI1bxTtBmep5uayNa4LG4Vt+hQ4a8gcMAh7PY5WSwhIlaxzQmdZxyjLmnBWWh10731"
    "GxIalUY6sI4iwIiwFOWPWAi1yPt4pT1IswUUHtomYS2o71C8PCswIwh6kkzln0OBNixI/z"
    "FeevRIhk7kq6b6hA7goywSwfRzYUkh2ls8Mh6rU2V134g6OZi32kMbIGiC5V+0hlDpdYxD"
    "nMbB6Zw/UauR5gFM/hCnPdesIFyjyHqaSfL5efL6VYGEOVI3jLQs+RGmHhxVe80rNMIcuR"
    "mrEdRE3OyGCRztuuIBngnCPAeb3hOAHO4c0oDnCmW38Hsc3fWqykEWN0EGj9lwx4rsuH94"
    "0iDnjGVj4PRDC+CWWIYh6eo0zhznSY2MdzlAx4JhJpId0iTCc1i7poFln0SXYY5tYswlRS"
    "sygcQbiOUM+Lf4xQsqAs5W4tG0jlLk25C+9/vnLHW+Yl4NrAkilxbGN7u07VteMlMziyPa"
    "eqRko/TDrYr01hBgnzWXpirsqQ/sNRaB0QxbpXgDL3yGuvCpLyul1moJCJkDU+s9P0gtCO"
    "yeUXjNNJ72Dp3sGFATipkykRTf74BsY+Vpi1JQ7IO4xMraJacemZVdLHKoa+uToxxMWsIG"
    "E62UqrPu7UJIdXgmdeqS1MJVXuwlaPlSieG/0ImYS/LIvHClZp8ni551Vo+b1s81h3xpCo"
    "pqEaPlKLRwnsr5ZcPb/R1bp6WeAAxxQUBBSI7T/rqAVZvur1WW0cy7N5ZSsylh1ZU1eozN"
    "5btplTlW19GI2vyWSE8hZ3OwNaiQcYhWrwyLIvGD7lhX/Y+0rQhU+seNK002UlXQjMLjlt"
    "aFWX/9x0Bv0PfXr1uwcMRLAgV7/0e1/7w4/qpPupd3UzoHcfEXyitYYcbQ51z2AVYUa0Fo"
    "yFb/FgNJleKIblFKrn087UcS+l4V4in9CEjkMO6yRzxQH5IRIZjJ+/YJnsPrbD7mM0kIdz"
    "UokX85pALmWZV1LiOm+uzVPmlTSN61nySoK2EGpBgyiPvEEVdio2jMpYPBmL95pZIB0DdX"
    "IMyKi9VtlRe4nDXjoIyo00lc6s3TizInJedfDWTCrM7NTiicURlMmbKMObwWBvgbx+ayle"
    "AO+m61RK4G64w5V03rw+5w37N4F/SiqeP76BcZ07qbYoO4/syfqJHHXh3RlI45wulmVAgA"
    "XHS5guhvsdIdwV8Osr1WJ/ORoNIthf9uPg3lxf9si6Z4zYVFlLan0zG0LaxSPPOg/TyEWe"
    "31sFbcfCIA/iIRIJeG7AHy1uhw5xasqaoB45KfSxjclJoV9vGoOhOpB2UuI4FoVCJI+0Oo"
    "vTr0eHUq3fQUQ80ohgj0xoeW4BpFNmqA7ws0PBm7XzUU0Lu3NjqWr83sPpzYCS1LIJBR9m"
    "2lCiMMpxYglyoq2SjD9omCdaxh+8Rq5niT/YU13LmtmVa+Huq7isZc1YkNW0X05VS5mvIo"
    "s31jmjJ7KoOD6i+KITO4oSK32nzqJvobSEVadNV11AG1m6CrG+KvMonUm1cyY9kB+fx5kU"
    "jG+gM6nkHB9ZfuWVl19BWLPMBRNSKkF5ByVYouc4QdHObxgQzNFAZfFwlcOkTYDzCd+O8Z"
    "D73ZBsrxnbqYJpqCCd8aneeNEU0jGfwzEPTNr5MLedO07WpIjs8ozc7GDS8jWiDNFU2ony"
    "qhrZ4ThL2qg4azQh+4IlrSmqmkRbtHLpF0nKCuFemKpGFfhH5IBqcN9BO1tZkLOuwQ/Suy"
    "beFYfpZ5HetdfI9SzetXh57YIFDxMTSJ9b0QzHIG8iPyeQzLEuhQOeU8DhHCJqkjazX4ez"
    "58hMvZcdzqGllyFPD5WWoRdKAzusYyVzkh4Sp+eNyZd33O9OOSU9Q1/DMlBOdstoKNp8SU"
    "KAepYYCvI47ACthBCK6Wam5jBgp/EBYcQ44QExQMXRAXEeykxS6fyXzv+yXNTSfi/t9wds"
    "vz+QCIsFxLqfiVpBeEW2rq8pPV/jKN8DZHg2VG0IHF6uuRjtJGXzSpmW7xqR9ncx9Idpic"
    "1ifw+Hweavb5YklvY/af87COil/a9K+58Ti8vfEtpm5pbEEeYcr3XquRukrnDsLKGsFrGN"
    "hZUrMKyZNLC8UgPLgehRBDsMNbc6Var0SHUWVl5ItI9SStH+kER72Sy06fHoumczD1KBKj"
    "Y80gbpbqWZU8lmKGCBilI1z/pUfiOdvcYf1e6jJJs8vDbwZZOHvbNANnmokxFOdiHIZCOS"
    "XQh2gWreLgT7iG48VGzTwhu56Mp2L3ngzdTuJXMYI3tTzvcwbxDjep6GoL77IMYVYqIYxj"
    "WeL4QwsnHZDOytEYaK69lYse4VwHpBv1EgoiZ1xUE6fNuKIZaJgGOc/9YK+kw78Puq9JG0"
    "1ddBGnuTZqsnrErAnyITf2+aNFyaRcm2jFwNSoLxMqw0ZkRKhJW68AfnWyXuHBCMbwSyaX"
    "btXTQOyO9XaKwPqUkuBeaUz/upDRE16cjfrwEkEJK2VHmaV2D0TUzjCa2+OoXHdKCNtHmL"
    "I8H7d1Kld7AZU5vImNciam8p6omF6EdoO9wAOLH0FyJphJgSFQDbp6cZREAySigEsnsxyY"
    "RsqhwI+8MbiO67o2xJGWlZGYm0DPJEl2vqFBdPCpFUXzdpP3JfaRWSEgJClR+z5/8DiEl9"
    "mQ=="
)
