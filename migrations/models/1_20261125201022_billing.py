"""Billing: the mock processor's records, Idempotency-Keys, dunning and renewal attempts."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_TYPES = {
    "sqlite": {"serial": "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "timestamp": "TIMESTAMP",
               "json": "JSON"},
    "postgres": {"serial": "BIGSERIAL NOT NULL PRIMARY KEY", "timestamp": "TIMESTAMPTZ",
                 "json": "JSONB"},
}

# One text for both databases; the column types differ.
_DDL = """CREATE TABLE IF NOT EXISTS "payment_charges" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "idempotency_key" VARCHAR(200) NOT NULL UNIQUE,
    "amount_cents" INT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "payment_method" VARCHAR(64) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "failure_code" VARCHAR(32),
    "attempts" INT NOT NULL,
    "refunded_cents" INT NOT NULL,
    "created_at" {timestamp} NOT NULL,
    "updated_at" {timestamp} NOT NULL
);
CREATE TABLE IF NOT EXISTS "payment_events" (
    "id" {serial},
    "type" VARCHAR(40) NOT NULL,
    "body" TEXT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "signature" VARCHAR(64) NOT NULL
);
CREATE TABLE IF NOT EXISTS "idempotency_keys" (
    "id" {serial},
    "scope" VARCHAR(40) NOT NULL,
    "key" VARCHAR(200) NOT NULL,
    "request_hash" VARCHAR(64) NOT NULL,
    "status_code" INT,
    "response" {json},
    "created_at" {timestamp} NOT NULL,
    "user_id" BIGINT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_idempotency_user_id_47652b" UNIQUE ("user_id", "scope", "key")
);
CREATE TABLE IF NOT EXISTS "payment_refunds" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "idempotency_key" VARCHAR(200) NOT NULL UNIQUE,
    "amount_cents" INT NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "created_at" {timestamp} NOT NULL,
    "charge_id" VARCHAR(32) NOT NULL REFERENCES "payment_charges" ("id") ON DELETE RESTRICT
);
ALTER TABLE "ai_agents" ADD "archived_at" {timestamp};
ALTER TABLE "subscriptions" ADD "canceled_at" {timestamp};
ALTER TABLE "subscriptions" ADD "next_retry_at" {timestamp};
ALTER TABLE "subscriptions" ADD "retry_count" INT NOT NULL DEFAULT 0;
ALTER TABLE "subscriptions" ADD "failed_at" {timestamp};
ALTER TABLE "transactions" ADD "period_start" {timestamp};
ALTER TABLE "transactions" ADD "attempt" INT NOT NULL DEFAULT 1;
ALTER TABLE "transactions" ADD "processor_id" VARCHAR(32);
CREATE UNIQUE INDEX "uid_transaction_subscri_6ca4e8" ON "transactions" ("subscription_id", "kind", "period_start", "attempt");
CREATE INDEX IF NOT EXISTS "ix_subs_due" ON "subscriptions" ("status", "current_period_end", "id");
CREATE INDEX IF NOT EXISTS "ix_subs_retry" ON "subscriptions" ("status", "next_retry_at", "id");
CREATE INDEX IF NOT EXISTS "ix_idem_created" ON "idempotency_keys" ("created_at");
CREATE INDEX IF NOT EXISTS "ix_refunds_charge" ON "payment_refunds" ("charge_id");
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _DDL.format(**_TYPES["postgres" if db.capabilities.dialect == "postgres"
                                  else "sqlite"])


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP INDEX IF EXISTS "uid_transaction_subscri_6ca4e8";
ALTER TABLE "ai_agents" DROP COLUMN "archived_at";
ALTER TABLE "subscriptions" DROP COLUMN "canceled_at";
ALTER TABLE "subscriptions" DROP COLUMN "next_retry_at";
ALTER TABLE "subscriptions" DROP COLUMN "retry_count";
ALTER TABLE "subscriptions" DROP COLUMN "failed_at";
ALTER TABLE "transactions" DROP COLUMN "period_start";
ALTER TABLE "transactions" DROP COLUMN "attempt";
ALTER TABLE "transactions" DROP COLUMN "processor_id";
DROP TABLE IF EXISTS "payment_charges";
DROP TABLE IF EXISTS "idempotency_keys";
DROP TABLE IF EXISTS "payment_events";
DROP TABLE IF EXISTS "payment_refunds";
"""


MODELS_STATE = (
    "eJztXWtz2zYW/SscfWk742Yc+ZHUu7Mzsq0k2spS1pKbbpMOC5OwxDEfCh92NN389wX4Eh"
    "8ATVAkTcL40kYkLkmfC4L3cXDv3wPDUqHuvBp57noBHUezzMGZ9PfABAZE/yCdPpAGYLPZ"
    "ncQHXHCr++MBGig7wUj/DLh1XBsoLjp5B3QHokMqdBRb27jBvQYjyYZ3NnTWP7vWPTTRME"
    "PTt2eSZUJpA21Jt1aa+Q806MG618yVpLn4kCO5ayip8EFToGR57it8M9VS0N3QoJqv65na"
    "Vw/KrrWC6KyNrv75T3RYM1X4DTrRz829fKdBXU0BqKn4Av5x2d1u/GM3N5PLd/5I/My3sm"
    "LpnmHuRm+27toy4+Gep6mvsAw+t4ImtIEL1QSgpqfroQKiQ8ETowOu7cH4UdXdARXeAU/H"
    "ahn8884zFawNyb8T/s/xv8JHSwyT5dl8KS/GS1ke5LSIHyGjgPCQgiYCmgGa6WKg/v4eXH"
    "cHiH90gG9w8WF0/ePR6U8+BJbjrmz/pA/X4LsvCFwQiPqg71BWbIgxkYGbR/sSnXE1A5IR"
    "T0tmkFdD0VfRP6poIDqwU8HuRYjAjeBrAPAB+gPVualvQ90XKGA5uRovlqOrj/h2huN81X"
    "38RssxPjP0j24zR38M9GWhdzxYAeKLSJ8myw8S/in9MZ+Ns1qNxy3/GOBnQiuHJZvWowzU"
    "xDSNjkaooZE7rfuvbiWtpyVr0Hr4uF1Rek+UHGFSqGXPgbZMWkbPtdXEdMkKTghltIsg6u"
    "NbvMIP8fMvw+HR0Zvh4dHp25PjN29O3h6+RWP9J86felMwC84n7yezZVqp+MD37/hLdndP"
    "XGUxqHk1vLNsqK3MX+HWV8UEPTcwFUiAPjQmbsLL9EwF36M5Fh3dvfY2eIw//cmph/529B"
    "dD1//rL0aLi9HleOAjfAuU+0dgqzIFat9kcQhzPpR79+s11IEb2mNknK8D82eJL8UR3j5+"
    "1tBK4JZCNH/KGBrZI8AEK/9PwvfGdyJhRjCEs5jSLeHQ+JR3mnzSFKZDU7MBWrRyll00w6"
    "m/n+3JxYpZZJj62pfXwFnntXCxBjZZB2mpjC7QH9mMI9CkMgzwTdahuXLX6OfpcQHOv42u"
    "fUfg9Dhjc8zCM0P/1PeUjQC/bTT0tlWwBNOSHNr/nJmCVaz9hJgw9busX+HG01dQft34MF"
    "xI9PHoobK0VJ0hs+6+0E9EyApcN2cXvN3Te8uEgvsJ7pNOXHp2sfpxTXoovvdM8Ewir5ru"
    "kWDHVDgiL9QRgQbQdBYfJBbgzv0YnpTxP9AoqgPin0t7IBvgOI8WerlZfb2cYD14P7e5kk"
    "H8pBTiJwWIn2QR9//PAHQ0nkN8Xw8PS+CLRlHx9c+l8bUtnYLv2PSMnLWQzq+Esl3GenB+"
    "89/x9Zl0622h/cVcjKdT/NOBuo5/j96PZ8szCX2Eg08Os05Oy6gka3YnNHKaW2IQlEwzPh"
    "aopIaO+blpdI+GJdA9GlLRxafS6N5qVh7bJfxGsU7C4TwgW+RKjn9fprzICMEfr0a//5Ty"
    "JKfz2ftoeALxi+n8PIO0YZnuWt/KdxDKCsQPkcOdahQSZStl+DqmhNBKHL4+fnP89uj0OD"
    "YO4yNFNmFk/+1A3kJgV8SYJCogzkOM3CnMEpKBDQEB338v5jNa6CIjmI1XaYor/U/SNaex"
    "VHWC9HPrabqrmc4rfL/n4P1goIoXmex6cpAOf+ALZBcZEUqkvwf8hhK9jVpR62lJofWuaJ"
    "2QN4hJALmY21OsiiQxtTqvgs8IaNrVsK0NtF0N7gnVx+A6W15xUoDtypoLjT1xukDXmaDL"
    "cIuTrpGNUKb3DrviI/TerUwD9pLFVworP+LgyGvNhqSIuQAsC5iOPmyODPy/c1/Ipuha/f"
    "NsGGAygEqIITUAUY+nkg0VqD20NJV6iRPQ5GCZ2nOB0karcgtTH184TYXGxnKhqWzle7jd"
    "E6vJ7mq/Qm4NKse7jS++J2CLxKV4hQudMR2g1IDWcnclXsFSgK7X8QG8QNeZWiu+YarnG8"
    "ghVE1ye2J3mcDvSbrSdI5P2nEXRJ+XR/RxNZeWt6dsNogEupysr0o8OSxDjECj6MSTwxwx"
    "IvlkOZzpGeOMWHtoD54hp9NI4jhc3LYBaMQp/jQ1JXeRLk/7wYf5zWJ8Jq0tz4FfzNHH0f"
    "XyKuClbIDt4qjOF/NiPrucn0lIOar1xVzOP81CKdd6NEPJ6Wh2eSbpwFTx+Kur8fXFZDTF"
    "QoYBbUUDPtXv+TkuOAeJ7r+XhrPX6LSCF6Mp0pQDdKSka1+zdkXC0dsSunhLVcXbrCYQuK"
    "5HcCrK6WAn3eI6h92XB8i42g1GF8vJb0gHgfQX8+N4djmZvT+TNtBUEfxfzMV8il4ex9LV"
    "QEfjy0BLEP3Gya3L69Gn2Zn0qLlr1QaPZjdepY2tKSRPp8ASi0XEnnlGeyzhPnm2jYM0LC"
    "ZYUqbF9+VmcdmUaZBh65Uh69G5ejmqHlRtyyLl3BYGcjip0zsp194MP2x2eh8N35zGExr/"
    "KJrCi6vRdJqfs7fAXVMQfadbgAZnUiqD5x0W6xuiBcBdzm/Op2Pp4/X4YrKYhHylmAPhn8"
    "SH0AEt2CV0PR5NMyhjupfsfL0jcFOoUzYlw82crZXlKPsENta1IC3JEb2xjvUAqKoNHYrx"
    "R5moOxEOPNsWtq8omstmI4Tju+zNVMS3ke0rGC+cdmPFOJLhbhY3gjL285iijbEAd/jWX9"
    "UE0ySBjsAjZawKtv2kxbgDutQ8LpjGhLXC8kzXZlsqdiKtemwtQVwGYTrAuagecDXXI83i"
    "AvciKVTRu+iYhdawf6Fb5qoCzEkpgXMZP86ApkbmRtP3/KSExH6f4txQhf0+mgFWbBrZSQ"
    "h11K4OB7nXylp24TeCZ07PkWbEODBd2s6Rin1vdBOnnzugxL63l6j1CKPsvrek1q1Hs0Jp"
    "7KSUyPMx5fkKCqz5qBIMb1EcO1VXLTn5qlfHFtvuGLaz7AcRz7tYfKbzvjNIEJwZCM7xC0"
    "cgOCdfRjrBGb/6DXCbPw/8MlC+oiOi9Z+C8NyVD++BRCc8mxZbBiIaz0PppkyG57AU3RkP"
    "o+d4DvOEZ2SRVvItknLCs+iKZ1HGn/QXQ2bPIiklPIvKDMKYoc6Kf0ZQqKAu5y62DYRzV+"
    "TcJd9/snNHmuY14MphmZkstpl3u0sVybNlRgi2PaESSUEPUTw4rOdhREUGyvQRDUq3/uBI"
    "uHaKZN1JQFp76LGDIq6kDqElJMRGyA6v2UV+QeKNYcoLZuVEdrD27OBGB4StkwWMpnA8h9"
    "zHFndt0Ql5/dipVdUrrn1nlcix0qHn1yeGZrUoSFJOtB/rTjo1r+HA8GS12pJSwuWuHPUI"
    "THFm9FNiAv66Ih4BrCLk8XSfsMT0ezrmEXcTEagWoZpcUquzBJ6vllw3v9Htpnp94gAhFB"
    "QRCujxn5i1IMpXvbyojWN5NqlsRcmyI7F0i87snWUbjK7s4N38+gpdDEl+MS9GU1yJB+iV"
    "avCIsi8mfGSFfzb+hNCFj37xpOXowi/pgmB20WqDq7r852Y0nbyb4KNfPaBrCAt09LfJ+N"
    "Nk9l5eXHwYX95M8dkHDT7iWkOOsoaqp/sVYea4FoxlfjGn88XyTNItp1I9n2GpLoUFTQpz"
    "+wkN6Dhosc4rl07IT4gIMj57wTLRsa3Bjm2YyENYqeiTORYQU1nsK6lxnvMb8xT7SnjTep"
    "l9JVErDbliQJQkzlGFnZYDo4KLJ7h4L1kFIjHQpcSAYO0N6mbt5RZ7kSCol2kqklnNJLNS"
    "dl578HbMKiyd1CKZxSmU0ZNIs5vp9NmIvGE7LhKBd9epq4C4m+wKJpI3Ly954/8/h3/BVr"
    "xwPIe8zkaqLYrOI88U/dQceePd6ppCWF0sS4fApCwvSbkM7rdIsCng4yPtYn8+n09T2J9P"
    "suDeXJ2P0bz3FbGrspb3+lY2hLiLB8s8T8qISc6erYK2Y5mABfGEiACcGfAHi9ihg741JR"
    "boxp4UfFtu9qTgrzfmYMgOxJ2UCIlFqhFJEm0v4vTLYV+q9TsaMo8UZNhrBrQ8twLSBVdo"
    "D/DTvuDtt/ORDct01/pWVsj9moubAeWlRRMKMsy4oURllLPCAuRcSwpbWeN+tFXKkKRFxR"
    "6c7qSe84wDwTOhv1L9ZBwInslL1HoZnskz1S/t2OrdibRuy+VLO6aCsimceqqXin1Jokhn"
    "l3duTVRobCwXNyRFL/6AkA3MjDgoSgpqu7G4tVbpYj6KriFv6AdHStzsZ3Q3BMAaSnea7b"
    "gSMJ1HaB9INtzoYAtVvKEG/UCYQgdX88EjHfTo6BhSp0MsAdTYfYhVRr1wfXQUa+Mvo7jb"
    "mCg02plP5EFBdjPWWdn0ZizAYX7zuEx685ie3TzOJTcZe/W13qavNWiHpaq4DguKuA7zNV"
    "zDlUleA2fNAnNWjkO862/cF2yDpDTuowe301Ic+Ta1RQGR77lBd2BKmiVl9sqbdQzbthNk"
    "IjJHn+b9jNGUisw5FUI0CSHBvK8rRBO5DoLDXBSiSUy9LtXITQVqCB51NpBD96dz0aNGib"
    "afEyUdFM+2MXN5A23NUmVoqoHnKlzVzrmq9+iPZ3KmwvEcWvc110cRpWtfeOlazVQsY+N/"
    "VlpBuYHytel1HKFos5v0lGtwaNz3xJgvx67If8L3UzwkfjeE2jumduwS6Mj/LlR84U4G2i"
    "XEpgaGTQ3AsDz07rByBLNiPPnUtYUGg4VJYcohJGVaNCFuFpft2A5HZUpu0Stu5WxfsMX9"
    "WGQDeYsWk3+Rl2wR7o0hK9iBf9Ac0A7u9WcURDOTzsbF74CmVwqLpwQFK7nLBhTmemyR6j"
    "xSnQPqdzsjJUj92W+2Cb+5coAS++uTExavUJdfocCBqJY/TIsKPXdazyJN/BLTxGIDB2da"
    "L7OBI9ups2LvpNwFOKI+tVwsMSrBxK4JTZRrrUUDgjAjCDNdUEFthBnS8lIDrImKcv1aVs"
    "oCm1lRU+Beoy/v9eRiSegOlvga1oFyvvE2p2iTLQkK6mW26aHbmQ5Qatilt9xdiR8FNLoF"
    "LYkYgS2XAZROlsvqsF6u3OcUGQ9fP+ZRZWgRwHWhsXHFTq/uGA4HkqDPtU/yEhlwkQE/62"
    "8GvCccxQ001bAOZgsExVKFbgvq3Ob2KuLEqGdD2YbAIVW6paOdl+SvkVoD5II9iKANEEA7"
    "hn5/47X5MH1khzJ8eXcS7X10X/fki7uxLQU6jkUO+BXQoTJy/C1S9Xd7FHlFOvT9zDCVyS"
    "smHWz2FlB5YZHXEHmNXkAv8hpt5jWycbw9oeWzLFsWYcLy2qUt11HVN0L8OFEQjh479iu6"
    "69ZKdDN6oVHgngR7EHYmVNz24j21b0j1gweVTPu0pDDt+2TaQ4RoFZ0n5US0qcvRJtWz/c"
    "x4hUYfJFGOfLfaIlDoZagQJk9LiejT09GnZ+VVdu6j9CwBiGTP3/L4J6UE+JXBzzSyLo9/"
    "RlCooLIKUt2ZGYKgSTEBf11BONGovVSMSDRqbwJV1kbtz8Ha7iu2RbRtIrrRF64GdD8mLs"
    "UpvBl7oHoXFZ/a6z8p4XvISs6Or8MJ6s2TswPEaNzsGM8nqNn+uJItQeYmlFzPNnHDDSDh"
    "6PyBBDUcUpccTYX53h5lBIisbjwUn3TgV8HY7o41dlAUq0eqysFfYBN/5c0arq/EvqUzNT"
    "mJxgvueyaIlOO+u/Ab4VtFb64ejecC2aK4dhO91Su0ieU1h8RTSsFPyrN+ahNCPC35zxsA"
    "iYykPV0e/nrzHWQ8nsTs6xI95mNQkhF/2P3plDPk0wMKbfmovKPij+0YYYZuuuxBvu6YDd"
    "5I9otubWd6OrJhnhPlTgGNNHATOyfFzsk2F5F6N072s3Rwa2g31YKQBWixU7X6TlVyp8en"
    "96lSej0KCg6JghPsRGT6+CVERPXdfDPNO8/nUrLaFHlBAW7OpBDbFV8gp1mUQeVN64SoZJ"
    "xgzcVqnspZBwvnntXEwrjMtX+tHk6EZ8lZh6CNH6BJzFqnzh+UiXXBh+jj93Tq+tMauNIa"
    "XRNpSpXQv901lOIiAAcSLlqHTujaPZSA9Ahv15Z1fyZ9uBpd/Lz4MBqenErWA7Slv9xXt5"
    "a6/Suf627kDmLnWodD8wcF8TkfQAZ3JBrPoWd9XMbnO6b7fMc5nw+/Hyxp3Gg8F+C2ncbF"
    "xo7jAmPDtpykxHgKebbNOUefDeB6NtNqkhLiYtY3EaxjMCBbMIxCa5JuGe3MzadNo4SZK9"
    "KAIg0o0oAiDdiLmF1PciaOpygQqjB6nN5lTURslA59P6NkZWKjATmIsVJiSohDW7Kej3QR"
    "TS+mb+27NylLB+sZ7qXpeskZx9w+oklTfQRtTVkPCDZ6eKbQOAe7MZ2xyV9KOHBPC4VugT"
    "9A2yGWrKOvqAkRDtfT4clJGZv75IRuc+NzGZt7Qwg/0REOh3OI7utSHs3rAo/mdd6jQXd0"
    "iZuT6V3NEyLtNzR/nuhqba3LnzXu9P3/hjblbA=="
)
