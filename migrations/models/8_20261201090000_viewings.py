"""Viewings (issue 13): a listing's availability and open houses, booked viewings, and the
notices (status changes, reminders) their buyers and sellers are sent.

What the database holds to, on both databases:
- `ux_viewings_slot`: one viewing per listing and start among those holding their slot
  (requested, confirmed, done, no_show; open houses aside) — no double booking, ever;
- `ux_viewings_buyer_live`: one upcoming (requested or confirmed) viewing per buyer and
  listing;
- `ck_open_houses_booked`: an open house's bookings stay within 0..capacity;
- a notice once per viewing, recipient, kind and version (reminders exactly once)."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_TYPES = {
    "sqlite": {"serial": "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "timestamp": "TIMESTAMP",
               "json": "JSON", "bool": "INT"},
    "postgres": {"serial": "BIGSERIAL NOT NULL PRIMARY KEY", "timestamp": "TIMESTAMPTZ",
                 "json": "JSONB", "bool": "BOOL"},
}

# One text for both databases; the column types differ.
_DDL = """CREATE TABLE IF NOT EXISTS "viewing_settings" (
    "id" {serial},
    "slot_minutes" SMALLINT NOT NULL,
    "buffer_minutes" SMALLINT NOT NULL,
    "notice_minutes" INT NOT NULL,
    "horizon_days" SMALLINT NOT NULL,
    "instant_confirm" {bool} NOT NULL,
    "weekly" {json} NOT NULL,
    "exceptions" {json} NOT NULL,
    "updated_at" {timestamp} NOT NULL,
    "updated_by_id" BIGINT REFERENCES "users" ("id") ON DELETE SET NULL,
    "property_id" BIGINT NOT NULL UNIQUE REFERENCES "properties" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "open_houses" (
    "id" {serial},
    "starts_at" {timestamp} NOT NULL,
    "ends_at" {timestamp} NOT NULL,
    "capacity" INT NOT NULL,
    "booked" INT NOT NULL,
    "created_at" {timestamp} NOT NULL,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    CONSTRAINT "ck_open_houses_booked" CHECK ("booked" >= 0 AND "booked" <= "capacity")
);
CREATE INDEX IF NOT EXISTS "idx_open_houses_propert_b7b0ad" ON "open_houses" ("property_id", "starts_at");
CREATE TABLE IF NOT EXISTS "viewings" (
    "id" {serial},
    "source" VARCHAR(8) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "starts_at" {timestamp} NOT NULL,
    "ends_at" {timestamp} NOT NULL,
    "time_zone" VARCHAR(64) NOT NULL,
    "sequence" INT NOT NULL,
    "note" VARCHAR(1000) NOT NULL,
    "reason" VARCHAR(500),
    "rating" SMALLINT CHECK ("rating" BETWEEN 1 AND 5),
    "feedback" TEXT,
    "feedback_at" {timestamp},
    "confirmed_at" {timestamp},
    "request_key" VARCHAR(240),
    "created_at" {timestamp} NOT NULL,
    "updated_at" {timestamp} NOT NULL,
    "buyer_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "call_id" BIGINT REFERENCES "call_logs" ("id") ON DELETE SET NULL,
    "lead_id" BIGINT REFERENCES "leads" ("id") ON DELETE SET NULL,
    "open_house_id" BIGINT REFERENCES "open_houses" ("id") ON DELETE SET NULL,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    "seller_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_viewings_buyer_i_ec5ad6" UNIQUE ("buyer_id", "request_key")
);
CREATE UNIQUE INDEX IF NOT EXISTS "ux_viewings_slot" ON "viewings" ("property_id", "starts_at")
    WHERE "open_house_id" IS NULL AND "status" IN ('requested', 'confirmed', 'done', 'no_show');
CREATE UNIQUE INDEX IF NOT EXISTS "ux_viewings_buyer_live" ON "viewings" ("property_id", "buyer_id")
    WHERE "status" IN ('requested', 'confirmed');
CREATE INDEX IF NOT EXISTS "idx_viewings_seller__c410d0" ON "viewings" ("seller_id", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_viewings_status_f04fcd" ON "viewings" ("status", "starts_at");
CREATE INDEX IF NOT EXISTS "ix_viewings_buyer" ON "viewings" ("buyer_id", "id");
CREATE INDEX IF NOT EXISTS "ix_viewings_lead" ON "viewings" ("lead_id");
CREATE INDEX IF NOT EXISTS "ix_viewings_seller_created" ON "viewings" ("seller_id", "created_at");
CREATE TABLE IF NOT EXISTS "viewing_notices" (
    "id" {serial},
    "kind" VARCHAR(24) NOT NULL,
    "sequence" INT NOT NULL,
    "text" VARCHAR(500) NOT NULL,
    "created_at" {timestamp} NOT NULL,
    "lead_id" BIGINT REFERENCES "leads" ("id") ON DELETE SET NULL,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "viewing_id" BIGINT REFERENCES "viewings" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_viewing_not_viewing_5b4475" UNIQUE ("viewing_id", "user_id", "kind", "sequence")
);
CREATE INDEX IF NOT EXISTS "idx_viewing_not_user_id_ee7cc1" ON "viewing_notices" ("user_id", "id");
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _DDL.format(**_TYPES[db.capabilities.dialect])


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "viewing_notices";
DROP TABLE IF EXISTS "viewings";
DROP TABLE IF EXISTS "open_houses";
DROP TABLE IF EXISTS "viewing_settings";
"""



MODELS_STATE = (
    "eJztXWtz2zbW/isYfWk6o2YTOXay7s7OyLaSaFeWspbctFt3GIqCLb4mAZUXO9rd/PcXAC"
    "/iBaQJipIpBF/amMSBpOeA4DnPueC/HRsvoOW+7Pvecgpd18Socwr+20G6Dck/eLe7oKOv"
    "Vpub9IKnzy02XicDNTcYye7oc9dzdMMjN291y4Xk0gK6hmOuvOCzOn3gwFsHusufPHwPER"
    "lmm9b6FGAEwQo6wMJ3JvqZDHrA9ya6A6ZHL7nAW0KwgA+mAQH2vZf0wxbYIJ9GBjU8r4/M"
    "P32oefgOkrsOmf33P8hlEy3gV+hGf67utVsTWosUgOaCTsCua956xa5dXw8v3rOR9DvPNQ"
    "Nbvo02o1drb4lRPNz3zcVLKkPv3UEEHd2DiwSgyLesUAHRpeAbkwue48P4qy42FxbwVvct"
    "qpbO3259ZFBtAPZJ9D9v/h5+tcQwTRtPZtp0MNO0Tk6L9CtkFBBeMshCICvARB4F6r/fgn"
    "k3gLCrHfoB5x/7Vy+OTn5kEGDXu3PYTQZX5xsT1D09EGWgb1A2HEgx0XQvj/YFueOZNuQj"
    "npbMIL8IRV9G/6ijgejCRgWbByECN4JvB4B3yA9cTJC1DnVfooDZ8HIwnfUvP9GPs133T4"
    "vh158N6J0eu7rOXH0R6AuTZzzYAeJJwOfh7COgf4J/T8aDrFbjcbN/d+h3IjsH1hB+1PRF"
    "YplGVyPUyMiN1tmjW0vrackGtB5+3bYo/UCUHGFSqmXfhY7G20bPzLsh8vgKTghltEsgOs"
    "Sn+I5+iZ/+2usdHb3tvTo6eXf85u3b43ev3pGx7Bvnb70tWQVnww/D8SytVHrh2zf6Jru9"
    "5+6yFNS8Gt5jB5p36J9wzVQxJN9bRwbkQB8aE9fhNAemgm/RGouubh57R3+MX/3JpUd+O/"
    "nF0GO//rw/Pe9fDDoM4blu3D/qzkIrgJqZLC5nzYdy7/95BS3dC+0xPs5Xgfkzo1NJhDfD"
    "D/dwArcUovlbds/OXtGRfsd+Ev1s+kk8zDiGcBbTYks4ND61jSafNIWLoWnYAC3bOatumu"
    "HS3872lGLHLDNMmfa1pe4u81o4X+oOXwdpqYwuyI/cjSOwS2XY+lfNgujOW5I/T96U4PxL"
    "/4o5AidvMjbHOLzTY7e+pWwE+HVlkqethiWYlpTQ/pfMFKxj7SfElKnfZv0qN754B5XXjQ"
    "/pQq6PV0yVpaWapMza+0A/wZCVuG7uhrzd0nvLUMGHCe6TTlx6dYn6cbv0UJj3zPFMIq+6"
    "2COhjqlyRL5TRwTaummJ+CCxgHTuR++4iv9BRhU6IOxe2gNZ6a77iMnDLerr5QSbwfu5zZ"
    "UM4seVED8uQfw4izj7vwDQ0XgJ8X3de1UBXzKqEF92L42vg60CfAfIt3PWQjq+Esq2GevO"
    "2fVvg6tTMPfX0LlB08FoRP90oWXRv/sfBuPZKSAv4eCVI6yTkyoqyZrdCY2c5LYYAqXQio"
    "8FaqmhZX5uGt2jXgV0j3qF6NJbaXTnJs5jO4NfC6yTcLgMyJa5koNfZykvMkLwxWX/1x9T"
    "nuRoMv4QDU8gfj6anGWQtjHyltZau4VQMyD9EjncC41CrmytCF/LlBBaib3Xb96+eXd08i"
    "Y2DuMrZTZhZP9tQF5D3amJMU9UQZyHmLhTNEtI0x2oc/D9x3QyLqIuMoJZvso0PPA/YJnu"
    "zkLViaSfuW9anoncl/TzniPvhwJVvslk95Numv6gE2Q3GUUlFj8H8lKJ/mpRU+tpSaX1tm"
    "idEzeIkwBynNtTWRXJxNT6eRVyMqBpV8PBK+h4JtwSqk/BPGtZcTJ0x9NMD9pb4nRO5hmS"
    "aaTFyTL5RqjQc0dd8T557u6QDQ8yi68SVoxxcLWl6UAeY64AywJmkRebq+nsd24L2YjMdX"
    "iejQBMtr7gcEg7gOiAl5IDDWg+7GkpHSROuqkF29SWG5TZv6u2MR3iA2cuoL3CHkTGWruH"
    "6y2xGm5m+yeU1qBy/Xk8+ZaATRNTyQoXuYNc3WgArdlmJlnBMnTLauIFeE7mGeE7uWFq5h"
    "0oOVQL3bTWW+5SLNx4EU0kI0oe9nRr282cwTSLZ5IRpwcTPpJJXG2OaXHidoD9EkwmPVZL"
    "7HoKqypYaQh7prEtoxdiNWZzyYTYLnM2YxqUk7eZpEiLczfThKxK4Pz+Ejg90yvKxyooIo"
    "sE2pyEVTeh8FWVhDcyqjih8FUu4S35zXI4F2cCZcT2h3bnGWL1O0kICje3dQAad4k/nXKY"
    "m6TNy77zcXI9HZyCJfZdeIP6n/pXs8sg33ClOx5l62/Q+WR8MTkFRDkLfINmk8/jUMrDjy"
    "iUHPXHF6fA0tGCjr+8HFydD/sjKmTb0DFMnaVwP3/uIs0toTbINhrOztFqBU/7I6IpV7eI"
    "kq6YZp2aiaTvKujiXaEq3mU1QcD1fI4RWE0HG+k97nOUlnqAgrtdp38+G/5CdBBI36BPg/"
    "HFcPzhFKwgWhD4b9B0MiIPj4utRaCjwUWgJUj+pkkLF1f9z+NT8Gh6y4WjP6J2PEorJ7S8"
    "q1tisYjqhSJojyVoMd9xKPkuYoIlZfb4vFxPL3ZlGmSysKskYRfnYOdSsOHCwZiXSzG1dc"
    "sqXN5Juf2t8Fe7Xd5Hvbcn8YKmf5Qt4ellfzTKr9m57i0LEH1vYb0IzqRUBs9bKnZoiJYA"
    "dzG5PhsNwKerwflwOgzzUOPcNnaTXiIXzKD682rQH2VQpmm8mvvnLSfnsHDJpmSkWbONZq"
    "9rLDFZdC9IS0qUtt7EfqAvFg50C4y/goW6EZHAs91DWaJhemI2Qji+zd5MTXx3UpZI8aLp"
    "FKIYRzLSreKdoEz9PCG2MRaQDt/mu1XR9HfdIuDxMhFKyjnTYtIBXWkdlyxjzl6BfeQ5Yl"
    "vFRmSvHtueIK6CcDHAWXxpKYz2H8Gq5JSQdIu4+d2CRmQ9n7dVlPhwSaGaLlzLzOAdO3EW"
    "Rnc1YE5KKZyrOMs2RCa/sKi4YDYlpIplywNwNYplTVu/E9PIRkKpo3F1uFB3jKXmwa8c+q"
    "M4EJ0Rk+DVuu9AtCoaL7ZyDrN8WBWNf49ajzDKFo0ntY4fUY1zJZJSKpgqFEzNVexndMEx"
    "vNXJEqmmpMnFV/9oCVWzLlALuh1EMpeAsjKhbVeQqg56YgEFKW9SlwfhFT3rgqYzbrmcJm"
    "Sij3QeWZGKil62g0nCaheh2o18YYwLPa8c1wmCM0z+UxndaWLKg+T/+CAL1LzE5gGn5iVp"
    "OhTXvFBDZQflLr93WMdXpsKo9uYPVQPTFjehC4prYBAWC0pH42Xo0poJ+r+qVAFDhxWH/V"
    "/la2CI/1yLCUnKKR6kLTxIFfaLbYbCPEhSSvEgtZPK46IlUfwzgkoFTVFRsW2gqKgyKir5"
    "/POpKN4ybwBXCTtKZrHNPNttOnwo21GQY9tzmg4Wm/isiVjYus+O+ok9ae53+uEpDT+4gL"
    "ZJBPgW6GDpk68dnNfwspNRSDUJVRvf4j27zC9IPDFCWQxZOZXLUB5Sr5HLsLJ0TjV9SZJr"
    "OF7CdHhVyFuvkDdfuJst7SUDaO0uuR20Anr+Il2VSVIMvby+NFuAdQ6hRo2yJy1jrg5EwZ"
    "ykkbyGA4NV1NpLSilXvTZbEpjwwuinxBT8TTElAayKKnn6KOHE8nuaK4kPHFSolqGa3FLr"
    "50I9X7vpdr6j99sWkaVHcSikKG2qmDeKc7NUJ8Tvj+1xse/wOiBVdHxj6T06vrfYsUXd3v"
    "eTq0syGZG8Qef9EW3qplvWDfplOPjM3OGHTSKPoiJENYLgo6hCxoPPBF34yDrzzfrnrF8Y"
    "gdkj+w9tGfav6/5o+H5Ir/7p65ZJsFjE6tKm5x8HF9cjejfOOzKWcOFbrN3YhDYaw+gGjS"
    "bT2SmwsFurWVyv0tHmJSeb58pPbei6ZPvOK7e4ECkhooqQxLthqmOed3jMM00J4uxUxYs5"
    "FlBLWXgpO5D8aNqfXbt1sC3KiuWlFTfWZm5soy+Pc5R6VV17vHPVlaZbpenQ6NHY3wJvqq"
    "ycfC+s3bS8CmGDtm5adfCOBeUDvHdcyeI9LjF5j3M2r+vbts7rG1RypvtGZKssgpaBve90"
    "ARU3LV738sZNVQW+bFrnmBH5Q0TDE3u1mkFVnrhEDV/3HFxVdQDPCD5ldoWxTwipZa8qMA"
    "5WBSqto01pHapWo9N0rUbuNdsAtpKnd4jVF6lUpGqoiqYipSzs/cHbMsOkckoSzyFJoUy+"
    "CRhfj0adnPHXALjVu+kcKL4Je7cA1SopX/tuonIgYO800atvsqrADq9cMLzVLS0TNINnSq"
    "V8facpX6KBpq0CTG17u+8hwqSOvn2mDAnT1Vb+3DINzu6CsQV1VLC9JOUyuM+J4K6Aj6/s"
    "F/uzyWSUwv5smAX3+vJsQNY9U8SmA32ebbhzIPTCV3fVdZ6UUYtcPKMNOi5GugjiCREFuD"
    "DgD5h7RGxx9DoWaEcFPP1YaSrg6dubuS4upEd5cxyPQiOSJ7o/pvOvrw7luEjXJOaRQQx7"
    "04bY92ogXTLD/gA/ORS82XnSmo2Rt7TWmhF5ZhWxLpBWp6DyYaYnmtZGOSusQM6dieoYS/"
    "OhXtPDtKjKWW1PsgknZ1VllkmWY6Qyy75HrVfJLHums11atnu3Ip1gz0e7tEwFVUNbzZzs"
    "oroZqANM2hwGHC6gvcIecbTX5MHvcKKBmRHdsqCguRlLz3av3DrUsEziDf3ggsSH/UQ+jQ"
    "CwhODWdFwP6Mh9hE4XOHBl6Wu4oGX45A+CKXRp71A60iVfHYR1a7yGozv7HO6ZBn64P7oG"
    "XrFtlB53r441aM0rslsS3Yx1VjW8GQtIGN98UyW8+aY4uvkmF9y8h0InwIfDJYS2V+nMiF"
    "7JkRG9/IkR4c6kLXV3KQJzVk5CvJs/Cz5olUJQ5J1TXkxup6Uk8m0aYwGJ77kinyAUNEvK"
    "qJpPVfOpOBohZs6tQdEkhFTFR1MUTeQ6qNz5MoomsfTadCJHiqjheNRZIqfYn86xR00fux"
    "ets8jy43movye6wRm+49BE+hV0TLzQIFoEw5UH2zoP9p78eCEfKxwvodHfcGtFdX6GaloZ"
    "o2oiA9sr9uYRQ5w8wueTy0+jwWxwCjaz5E/S+NSfzrSLa3JlpZMteuFD2nx0fD5gjSsNCg"
    "XrVzn49dPwip258XVlOrAtp26k3xhER464T1Ewh4TexYF4E9XSO/LGwnaKh9w3lFJ7y9TO"
    "diRNL1d8aSlF0RSqqkKgqkK3sU+eHdEkxayYTE59Y9xksDEZQkGMpMweDZTr6YWgZVLTFj"
    "yqYDocFbcFzlnZ+poeP6nZxF3FQp5MXnKPcK9szaAMwoPp6vvBvfmQhjq7sbXE/K1uWrV4"
    "+ZSgSotuswFFk03WRHU+r8FH4Xs7I6WqCrLvbAS/elqAkvjjkxNWj1CbH6GIFakTwEyLKj"
    "23Wc/JuIWAhZgRk7AFd6WUrV5JzlYvn7SlkgKK0Zc4KUCV60im9SrlOkG/tKB9ml3/fN3c"
    "BBIluu25JWvUcEtcE6Zqx92IBlR6lEqPaoMKGkuP4m0vDcCa6B94WNtKVWAzO2oK3Cvy5r"
    "0ans84J0gn3oZNoEyn7KdmlBRtviVRgHqVokzyccjVjQZqMmebmeRRwE4LDpOIcXIjM4AW"
    "p0Zmddh0ZqSbSdKM0+MyOSi650F75am6vvYYDl1QJyvy6fyyQ8iQ7FD25sPgFBjkJ93BG3"
    "Q1GA8+90enwCHf71G36JX31+MLeuHWR7WyxBrO+lOJCipR4fRwExUOMGl1BdEiOqZeYG/5"
    "NBhfsGPuQ/kbNL0+Px8MLmjWqesbBoQLmon6vj9kualBzLnODvO6UkPlkn7KOfKafhffgZ"
    "oDdZfXUbn4cchLyhcv2EEOyRb5vjvI820Z+ofLFOcDBJEFLPDm3kjs76X9+kDe2CsHG9B1"
    "MZ9qLMl6y8jJt0kd9aq8uHvFb+6eimjKHtuqEtEMHB8N3wqT+VlJFUupG0tJ0ivixwzmhZ"
    "UmVFTrIKBXUa19RrWyLO6W0MrZgjGLMGd7fRrp+NXYAMxSRlWyKGdtifo9RoOZVCRrz5Gs"
    "qNMoJ4qVaEJaHMFip4hY+E6doPedxqLKiOMCw/c5yGKCHYKGJ84X13Tzm+9BwIjEWm5+Wl"
    "K5+Yfk5kOCaB2dJ+UU89xm5nnhO8yqqXG4FE9UIg6hMTaaPAw1QmZpKcVEP81Es3okfj5a"
    "cb11Ski1O61fVe36tq07nCSJYuwTIgr5+sg/a1VD64yxZyGA5/66BgOclFLg1wY/0TJDDP"
    "+MoFJB/VAUtKwaD0BKTMHfVBCE7SsqCvIUe5zcfiuEQdhaVag+GflIPtMtrZk6VGzLiqa4"
    "6EZvuAbQ/ZSYSlJ4M/ZA/WiSBfVtY0kjMsXBuj7lJ9SxsiM2ewPhtngeSdZkCqkHEz6SSb"
    "ZcSr8Es0i0mnZeXBesqqLaunjNPVFax8ZVPMBvgiDwfAfR4/F0QOOaXQBNGowErrmA+ZP4"
    "qghwq/LoUHrThX+qirv22PPdsignUVUO/hKv6k/Z/KnmDsTCltCRhNH4Ntcr1iTgG65A9O"
    "BXzvt8Rq7ykY3GS4FsWURw8OusnPKNA4KjyfhDNDzLA2coX+GIrLTRd5mCsSydSfRVmxCS"
    "act/XgotMpK2dJrlO0m7m/GZE6uvTeeHfQr6l5+zCv4Ox5BPDyi15aNe6EE7gJalGhabLl"
    "uUsLXMBt9J3kCxtZ05gV0M85yodArYyXHLqn+F6l+xz02k2fYVh3nOxt7Q3tWB4SJAH1CP"
    "kLo53zvr98E/l/3pbh8FJ7Or5EVO8mLYz0Ho5ZcQUUdV5Jg+VtEFF8I2RV5QgZszKVTTh+"
    "+wGkS1sZdN6xxWMg6w5riavdTQhrzMVdxY8cAWwrPErEPQBg8QcaPWqfvdKlwXfIhefk+H"
    "rj8vdQ8syZxEUwtA/u0tIYhbKXUBbTpMbljmPQQ6eITzJcb3p+DjZf/8p+nHfu/4BOAH6I"
    "Av3ss5Xqy/5GPdO/kEVfPbYmq+W8LPMQAF3JFovISedaUjikpOKMofUESfD5EwbjReCnD3"
    "Hcalxo7r6fZKbDtJiclEee67aoG8NnTPd4R2k5SQFKt+F2SdgAG5B8MotCaLLaONufm0aZ"
    "Qwc1UYUIUBVRhQhQEPgrM7kJhJ3AP9UKMmihsthv4wWbIq3GiQHCTYbzolJKEt2cxLuixN"
    "L07f2ra6LZsOdmC4V07XS6444eO/dmmqj0yX9ke70E22PeQs9dT9UkPdCkZqi3hopeqbUO"
    "wHFyz0dRcY1KSgbKMLvCUtwgoJyJ/B4xIixkCSccB0gYMtiwz0V13whVX+fenmGMymP+AG"
    "fQl6HwZ/AvaX+wXoaBH8O2rKRC45EDgw+rRbB9t0btMBDDC3uFAoWTxKvokqFmoTi1Hst1"
    "BVcQ0PPvjh8DJr43D3Qx6q1FrImGy0zlLE34jHq8yAXGaA7njUbBKBMyWjIM1CWlBNXghn"
    "PF5BmV+d0TtTaHkmhRSoPFBF8VRQFq9P8U6cWTEFrOoR1go7tcR1V61pOvtrTbNLx/2Kea"
    "cXOtdr39zslrnsZG5r7ZmGS5z2dcW0oz5zj6mbTP1jf0XcZxcYFnbh4iUIPpeOcIFuPdL/"
    "3WLHBpj44T6aO/ieuNiOju7IxC4mswSca8pnb/oDbpDjI0QmBx72yG9inrnr2y5t4QEfoL"
    "NmPACYQzIT/BlYZBk74SeQkZEHb5kPhd09qnro7fARn9VZr+IhFjvZASVTg+NPCUpI8R8I"
    "pc9JfA04/ZYkLkxZF71CMjR5u3RjDbvxCVChfRDIBDRlkDdJzMuQMww5TLcLHh3T88geN0"
    "9ukadABzZG3pJ1JeLsqI3NfYPiqZBvz6HjUqb06BUZ/EhnIPst3VKZfDCAikUfUUx6bto8"
    "KsqzVaZk2W7cjtdZe3deRXkqyvOgIFWUp6I82w6qojwV5dlmYFVP/jbRnap9fDWis0L7+O"
    "f0yGeMuesUuuTh/W4Fn9zbDH3SKb9KE4fUASZus75xpyPHlvi7DvbvluQe9bBfBHTTT/4q"
    "4BExstY/dilJmfPNm/+IG0R8ccqKAqgby5hMDSYES30Ree6nwYBNflRAijJ2AK1DyjUgU2"
    "8QpUJZbpR5ewtpjyJIv6v3iEPPf4kfmeNvYfpjKHtA5VhiVHTLprPGVMANukGzJeVX6RYY"
    "cK0rsmRoapbjsJ90C07e/DQ3PUDWLbyjXMMLF0LwhQ4jc3wJfi8gS5UmEYIVdG5QOD8RAV"
    "+ijDST5mNhZwEdRgrr9CtT2oIK09TYgm+oyIpDexF0FVnRJFmReH54K5fsCesCvzAtmAFx"
    "vvaCdo7ygHcWnhkX0+u/9K/OhuP+1W/8OtUzzhlzZ7/NBv1qdFEZ9kWMkUK9MuolzFIZ8m"
    "XkkkK/MvpFp7iU7TcFlIlCXWDNc6mV8vXOZ1cU6pVRV2SBIgvao4SDJwsmK4g+Yt+FHQ5T"
    "sLnZLaMJMBmmLem4yglRj0RfxKNk3iM73dAFho7A/2ETdQFx0D1Mi4OI12p6vDZLdSZ4Og"
    "kpXUhEVqzjuTT/5Q/ln7bSP91oKKeE8tSmlKBKbWpdalPyfQ/Roo6KE2JKwa1WcLRLC4XU"
    "NiIy2XKNRdTmGN9DzrupENGNgApPqhbC1aGWt02GqsNpm6+p6nA6Ah5nY0dEq6N9uXjvtE"
    "1yhBbHJ08AWeyRJ3XWbOu/3zvM26YTO5DcdD3WNy4b0U1GfBOOdBf8nujVpTzsNuy43TIP"
    "G/uOUdB0dIB8O7fdpt3sWHqPXdke4bwjppPO58HZKe3FfYPO+6PRKYiOVHzmc2rL2uBVAP"
    "8ZWuKJPw+dq8G/rompNrg4BeF+AhdED5Px++HVJb1KEL81HZtevRicj4ZjenEBDctEbGR/"
    "fD4YsYEUBouNIxYhGcMSe8YTbfpx8pl8N6y5S2Lr1dDr65MKin2dtVUTnfdOOKpVzJXsxI"
    "ZiriRXMFWB9p8wRTG/R/PVmxJq89Zc3VTZ9RF69L2AeGZISbR3I6IIrSyhhbAntGSj8Xu0"
    "4gRNuJpr9fWrSq2h6bCStrr55tAO1N3AGa4K8UZCviMIjyuBfFyC8TEHYt0LveA0xFObGO"
    "+F+8JGqtau0DaYg33hqPf2JN4S6B9lu8H0krg4+S3hFsIFpS7ygBYfqJKUkWHVlpkmuzhT"
    "JcKvho2YEW3ATjwgXRyamRh7sHUiSBlZpek2azrJiAq9/FNiMuylmRM4Kp3+1Ss5/quXP/"
    "9LhWWL0Zc3LKtOdpVN65ydNfz2iXwWGnMSjsQnpVQYXjAolOl7IIp9QkgiV2vPyNMiHWHk"
    "E0IK+brIb1LahfHPiSot1NWCysF6dhWociuVAtc2VTSaApczMxvAVvJitqRd/TSoqkSwGq"
    "oVSgT5FkoD0KYK/Q7LMqkKb84sS0FMvgUYX49GnZz93QC6o3AaOYFN+BsVII1y67aE9JxM"
    "M8ISpRNnUU34zwWoVsndRtgzDdhM6vaYzSUP4vtI4A4xK07j3oD6ZDK3llDm0yXWn5e6B/"
    "SgNBpgJ+plZrrAw9YC6HPs0/vh3GFfsyBnFBjL4DQIds2BNlWckz8psvmPuEG0+ZkeZYIC"
    "hMGtAyFwLezRUyXIrDaE3ktwRVuQkU//8oE8Dn/RV+Zfooz3v4QofQEvyFy025kBb5C3hG"
    "sAv5qu141atdNxt6bB1j5rnGa6rg/B696PxV3MHja5935ojNyTb07/H2cc5TPho6HkaVZ5"
    "7u3Mc4+0WDViF42XMH+vVyV/r1ecv9dT+Xu7zt/z4FdO9Ksk5TQcL+Fq3UlumYosF6N/mD"
    "HGKpFlFWxRNP93qwJqowrDnxBS0NeGPnLvRNFPy6ndp6EQS+StKbK6jJ5KPPpPU9UqaiUC"
    "rXDUKsFKbImudE0astim98ynoVUBgEYCAMVU9R442Cn02OEEnWIWNh7SrcLDusnRFXpdbk"
    "6LWPlz8seSntfwoJtE7aZlemvaewDeW+uwp6VLD2KgDOVGzsKGbgHqMuZZ2Ibnv0EsSxbA"
    "rwZcBdzoC0wZ0FiaHhBMj8joUs4XYQRPw3MvfuwGRG3gnLNzLOY+Pfpi2zOAFTf6rD1AiE"
    "4120S+xwskldfbZWX35yYc7ZjMa6LoLng66mKbl5aGKW0C3CAOVAxuIa55wf3henIoFPQS"
    "O+Z/6NteXwsv3KysPPA2sW5NZk16Wlj5x3nzYUwsLlTw6stLZ48aIOK7wjd6Oe75pIHJZJ"
    "TimM+G2erb68uzwdWL14xcJoNMr4CLCQylPOb/mE7GfMA3Elm23zQ88D9mZO0K7s7fbn1k"
    "UCSJoWVaxJhzX9LP+3tn/0qgCKWUkKuQzhZDd9MMPp0gWyG9MUJFVJKWUmppXC2qBq/4RX"
    "CY8bEqNXiR7ubicZqcqGKr5YiVfSfucVm4IF7a+wsatOxBqBwzyO4CDbCFVYIMEwRnmPxn"
    "DyGGZ30eGg0wNEfD9qFjGssOh30N73TLSFd9M6bRPsbbcI/fC/G4JVtQTCk+QMc1xRqkJU"
    "QkTGPrHR9Xybo8Pi5Ou6T30qYCfagEEA6HS4ju66pd/sqa/OWSBDHyIOJ4QMWOaUJk/17p"
    "7l88O/U/cybYPmOK3/4fbDz1jA=="
)
