"""The agent: a listing's time zone (viewing times are local), one lead per call with the
viewing window and contact details asked for, the questions the agent could not answer,
and the call's summary."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


# Existing listings get the main time zone of their state (as new ones do by default).
_ZONES = {"AL": "America/Chicago", "AK": "America/Anchorage", "AZ": "America/Phoenix",
          "AR": "America/Chicago", "CA": "America/Los_Angeles", "CO": "America/Denver",
          "CT": "America/New_York", "DC": "America/New_York", "DE": "America/New_York",
          "FL": "America/New_York", "GA": "America/New_York", "HI": "Pacific/Honolulu",
          "ID": "America/Boise", "IL": "America/Chicago", "IN": "America/Indiana/Indianapolis",
          "IA": "America/Chicago", "KS": "America/Chicago", "KY": "America/New_York",
          "LA": "America/Chicago", "ME": "America/New_York", "MD": "America/New_York",
          "MA": "America/New_York", "MI": "America/Detroit", "MN": "America/Chicago",
          "MS": "America/Chicago", "MO": "America/Chicago", "MT": "America/Denver",
          "NE": "America/Chicago", "NV": "America/Los_Angeles", "NH": "America/New_York",
          "NJ": "America/New_York", "NM": "America/Denver", "NY": "America/New_York",
          "NC": "America/New_York", "ND": "America/Chicago", "OH": "America/New_York",
          "OK": "America/Chicago", "OR": "America/Los_Angeles", "PA": "America/New_York",
          "RI": "America/New_York", "SC": "America/New_York", "SD": "America/Chicago",
          "TN": "America/Chicago", "TX": "America/Chicago", "UT": "America/Denver",
          "VT": "America/New_York", "VA": "America/New_York", "WA": "America/Los_Angeles",
          "WV": "America/New_York", "WI": "America/Chicago", "WY": "America/Denver"}
_CASES = " ".join(f"WHEN '{state}' THEN '{zone}'" for state, zone in _ZONES.items())


def _ddl(timestamp: str, json: str) -> str:
    cases = _CASES
    return f"""
ALTER TABLE "properties" ADD COLUMN "time_zone" VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE "leads" ADD COLUMN "call_id" BIGINT REFERENCES "call_logs" ("id") ON DELETE SET NULL;
ALTER TABLE "leads" ADD COLUMN "requested_from" {timestamp};
ALTER TABLE "leads" ADD COLUMN "requested_to" {timestamp};
ALTER TABLE "leads" ADD COLUMN "contact_name" VARCHAR(120);
ALTER TABLE "leads" ADD COLUMN "contact_email" VARCHAR(254);
ALTER TABLE "leads" ADD COLUMN "summary" {json};
ALTER TABLE "call_logs" ADD COLUMN "questions" {json};
ALTER TABLE "call_logs" ADD COLUMN "summary" {json};
CREATE UNIQUE INDEX IF NOT EXISTS "ux_leads_call" ON "leads" ("call_id");
UPDATE "properties" SET "time_zone" = CASE upper("state") {cases} ELSE 'America/Chicago' END
WHERE "time_zone" = '';
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    if db.capabilities.dialect == "postgres":
        return _ddl("TIMESTAMPTZ", "JSONB")
    return _ddl("TIMESTAMP", "JSON")


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP INDEX IF EXISTS "ux_leads_call";
ALTER TABLE "call_logs" DROP COLUMN "summary";
ALTER TABLE "call_logs" DROP COLUMN "questions";
ALTER TABLE "leads" DROP COLUMN "summary";
ALTER TABLE "leads" DROP COLUMN "contact_email";
ALTER TABLE "leads" DROP COLUMN "contact_name";
ALTER TABLE "leads" DROP COLUMN "requested_to";
ALTER TABLE "leads" DROP COLUMN "requested_from";
ALTER TABLE "leads" DROP COLUMN "call_id";
ALTER TABLE "properties" DROP COLUMN "time_zone";
"""


MODELS_STATE = (
    "eJztXWtz2ziy/SsofZlMlZJy/ErWc+tWybaSaEe2cy15srPjLRomYYllPhSCtKKazX+/AP"
    "gQHwBNUpRM0vgyE5NokDoNAt2nG42/e6atIQO/G3jufIIw1m2rdwL+7lnQROQfvNt90IOL"
    "xfomveDCe4O1h6Shgv2W7A68x64DVZfcfIAGRuSShrDq6AvXf1ZvABz04CA8f+vaj8gizU"
    "zdWJ0A20JggRxg2DPd+o00erIfdWsGdJdewsCdI6ChJ11FwPbcd/Rhmq2Sp5FGNffrWfp3"
    "DymuPUPkrkN6/+s/5LJuaegHwuGfi0flQUeGlgBQ12gH7Lrirhbs2s3N6PwTa0nf+V5Rbc"
    "MzrXXrxcqd21bU3PN07R2VofdmyEIOdJEWA9TyDCNQQHjJf2NywXU8FL2qtr6goQfoGVQt"
    "vf958CyVagOwJ9H/HP5v8GqxZopyeTVVJsOpovQyWqSvkFJAcEklA4GMAN1yKVB///T7XQ"
    "PCrvboA86+DK7fHBz/yiCwsTtz2E0GV+8nE4Qu9EUZ6GuUVQdRTBToZtE+J3dc3UR8xJOS"
    "KeS1QPRd+I8qGggvrFWw/hBCcEP4tgB4j/xA7coyVoHucxQwHV0MJ9PBxVf6OBPj7wbDbz"
    "Ad0jv77OoqdfWNry+bfOP+DBB1Ar6Npl8A/RP8++pymNZq1G767x59JzJz2IplLxWoxYZp"
    "eDVEjbRca519upW0npSsQevB6zZF6S1RcohJrpY9jByFN42e6rOR5fIVHBNKaZdA1MaveE"
    "Zf4u0/9vcPDj7s7x0cfzw6/PDh6OPeR9KWvXH21oecUXA6+jy6nCaVSi/8/ElXsodH7ixL"
    "Qc2q4ZPtIH1m/Y5WTBUj8t7QUhEH+sCYuAm6aZkKfoZjLLy6/uwduIyW/vjQI7+d/GLksl"
    "9/NpicDc6HPYbwPVQfl9DRFAHUzGTBnDEfyH36/RoZ0A3sMT7O1775M6VddQhvhp+9b8dw"
    "SyCavWXum+kr0IIz9pPos+mTeJhxDOE0pmJLODA+lbUmnzWFxdDUbIDmzZxFJ81g6G9me3"
    "ZixswzTJn2lTnE86wWzubQ4esgKZXSBfmR23EEtqkME/5QDGTN3Dn58/gwB+c/BtfMETg+"
    "TNkcl8GdfXbrZ8JGQD8WOvnaKliCSckO2v8dMwWrWPsxMWnqN1m/0o0Xz6DddeMDupDr44"
    "mpsqRUnZRZcz/oZxiyHNcNr8nbDb23FBXcTnCfdeKSo6usH7dND4V5zxzPJPSqxR4JdUyl"
    "I/JKHRFkQt0o44NEAp1zP/aPivgfpJXQAWH3kh7IAmK8tMnHXdbXywjWg/dLmyspxI8KIX"
    "6Ug/hRGnH2/xJAh+07iO/7/b0C+JJWQnzZvSS+jm0I8B1anpmxFpLxlUC2yVj3Tm/+HF6f"
    "gHtvhZxbazIcj+mfGBkG/XvweXg5PQFkEfaXnNI6OS6ikrTZHdPIcWaKIVCWGvGRQCU1NM"
    "zPTaJ7sF8A3YN9Ibr0VhLde93OYjtFPwTWSdC8C8jmuZLDf00TXmSI4JuLwb9+TXiS46vL"
    "z2HzGOJn46vTFNKmbblzY6U8IKSoiL5EBnehUciVrRTha5gSAitx//3hh8OPB8eHkXEYXc"
    "mzCUP7bw3yCkGnIsY8UQlxFmLiTtEsIQU6CHLw/efk6lJEXaQE03yVrrrgv8DQ8dZC1bGk"
    "n3tPN1zdwu/o814i74cClT/JpOeTfpL+oB2kJxlJJYq/g+5Sid5Cq6j1pKTUelO0zokbRE"
    "kAGc7tuayKeGJq9byKbjKgSVfDsRfIcXW0IVRf/X5WXcVJhY6r6C4yN8TpjPQzIt10FidD"
    "5xuhpb476ooPyHc3s0zUyiy+QlgxxgErc91BPMZcApYGzCALG1Yg+52bQjYmfbXPsykBkw"
    "k1Doe0BYhaPJQcpCL9aUdDqZU4QV3xp6kNJyh9MCs2MbXxg9M1ZC5sF1nqSnlEqw2xGq17"
    "+x111qDC3n3U+YaATWJddRUucsfCUK0Brem6p66CpULDqGMBPCP9jO1Zt2GqZw3sOFQa1I"
    "3VhrMUCzeehx11ESXXdqGx6WTOYJpGPXUFp21mikXkCydbLE7MiDPGkjSQTBt7fWljru6K"
    "skAEW1dCgSanflRNY9orkmZDWonTmPYyaTbxN8vgLM4/SIntDu3eC0QIt5KGEExuKx807h"
    "B/PtEp00mTh33vy9XNZHgC5raH0a01+Dq4nl74WU4L6LiUI7y1zq4uz69OAFGOZt9a06tv"
    "l4GUay+tQHI8uDw/AQa0NNr+4mJ4fTYajKmQaSJH1SFLHH35jCka0SbP30jD6T4areDJYE"
    "w0haFBlHTNNOtUTF/7WEAXH4Wq+JjWBAHX9Tg2YDEdrKV3OM9RZ/gJlZzteoOz6egPogNf"
    "+tb6Orw8H11+PgELZGkE/ltrcjUmHw+2Dc3X0fDc1xIif9NQ6fn14NvlCVjq7lxz4NJqxq"
    "e0cHSV5zfnWGKRiKzAUNIeiznjnuNQyq+MCRaX2eH3cjM535ZpkMr9LJL6Kc78zCR+Is2x"
    "bV4Ed2JCwxAO77jc7kb43naH98H+h+NoQNM/8obw5GIwHmfH7D105wJEPxk2FMEZl0rh+U"
    "DF2oZoDnDnVzen4yH4ej08G01GQfZblFHDbtJL5ILu7zm7Hg7GKZRp8qCCvz9wMp2EQzYh"
    "05kxW2vOrMLSIcvOBUnJDiXL1jEfQE1zEBYYf4KBuhbpgGe7g81Qqu6WsxGC9k32Ziriu5"
    "XNUBQvGsQti3Eo07lRvBWUqZ9Xim2MBDqHb/01cmjSLTQIeLz4Z84msqRY54AuNI5zhjFn"
    "rrA9y3XKTRVrkZ16bDuCuAjCYoAzrB50ddfjjeIc9yIuVNG7aJiFtmX/wrCtWQWY41IS5y"
    "J+nIksnZ9pL95BlhCSu8fyY0MVdo/pJpyV08haQqqjdnVg4l6rc8VFPzieuThGmhLrgOmy"
    "6xip3EUpNnHauZ9O7qJ8jVoPMUrvooxr3V5aFQqtx6VknK9UnC+nXB9DlWN4y1LriSp98c"
    "FXvda63MRZYnPUZhB1eU8Uy5vfdATJdPlnBpCfjdW5fPlt5oFH8xInDzw+Z4nzwOkMuYUU"
    "8L96rPYa03aYj/4fmRfeFPukD8R54ZZdLlATtu9CvbRUIGyvUFY4bSYOhe1l88KJ4V7JBY"
    "vLSQesKQ5YEbebTYalHbC4lHTAKidaRon8ZfFPCUoV1OUDR7aB9IHzfOD498/3gXnDvAZc"
    "O1jbKY1t6ttu0jEA6do+HNueU/4n5+Be2jgoomOGlT2KHN7r10v+BQNasAjYDwCCuUde26"
    "+czDuWt4CE3C/a4Dk7zy+IfTGlwqdpORlErT2IujAgZ4dpTuJX0L6DKaI73Nwmzltsx4a2"
    "ql5x7RvQZChaDH13fWJkVWNB4nLyzL/mRJ2zGvYNz7JWW1xKutyVWQ/fFC+NfkJMwl8X4+"
    "HDKimP5w/niw2/5zmP6AgfiWoeqvEptXoyxcsVcGzmGr3bUC/Lr+BQQWHehZj/iZI7ZJWv"
    "18faYNtzeNU9ClZniaR36Mw+2I5Z0pXtfbq6viCdEclb62wwpgWLoFGpVJGsjmOhZVn4L4"
    "ffCLpoyWpMTQdnrPINgdklsw0tfvN/N4Px6NOIXv3uQUMnWJCrf4yG30aXn5XJ2Zfh+c2Y"
    "3n3S0ZKWZMLqHGmewQrnXNGSObZ1a42vJtMTYNi4Utmj/UJHg+acDJrZdmkijMlknVWueN"
    "9CTETuWShf100ek7jFYxJpIg9nphIP5khADmW5/abGcd5dzlNuv+ma1otsvwnPr1EqEqI8"
    "8Q4VItoxMSpz8WQu3mtWgQwMNCkwILP2enVn7WUmexkgqDfTVAazthPMSth5u4O3YVZh4a"
    "AWzyxOoEzeBFzejMcvlsgbnIHHS+BdH4+Xk7gbP4pPBm9eX/CG/T+Df85WvKB9B/M6t1KU"
    "Uh7Q8kLsp46VhXdv6CpndrFtA0FLML3E5VK43xPBbQEfXdkt9qdXV+ME9qejNLg3F6dDMu"
    "6ZItbF6LJe38xBiG6vLzPO4zJykJePViEH2xYsg3hMRAJeGvAnm3uQiXhrSiTQjD0p9LGd"
    "2ZNCV2+ag6FgRA+c4gQWhUYkT3R3jNM/9tpyqAHWiXmkEsNeN5HtuRWQzulhd4AftwVvdu"
    "qRYtqWOzdWiso/JD3/zKSstDyrgw8zPXejMsppYQly5uQOR53TQ6CrlCFJiso9OM0JPWcz"
    "DmSeifiTamfGgcwzeY1aL5Jn8kJlXhs2ezcirLvjKq8NU0HREE49RV7lviRZy7TJO7dGGj"
    "IXtkvPbSUffo8TDUy16OcFBfV1W3oCWeFiPqqhE2/oFwxiD3tLnkYAmCPwoDvYBdDCS+T0"
    "gYMWBlwhjW6oIX8QTBGm1XxoS0xenVwj6sTcEkBbew63yqgXzI9YtRdsGqWHsslCo41ZIv"
    "s50c1IZ0XDm5FAB+Obh0XCm4fi6OZhJrhZ8kjDnZ9muDNo9wtVcd3PKeK6n63hGsxMyhzi"
    "eRmY03IdxLv+8w39bZCC8w3F5HZSqkO+TW0sIPE9F+QJpYJmcZmN4mYNw3bXATLJzImHeT"
    "s5mkLMHK5A0cSEZOZ9XRRN6DrIHOY8iiY29JpUIzdB1HA86jSRI/anM+zRVhNt/4qVdFA9"
    "x6GZywvk6LamIEvzPVfpqjbOVX0kP76UMxW076B1X3N9FFm69pWXrtUt1TYXbFnZCcpbKF"
    "+bnMcJik55k17QRweN+5YY88WyK7JL+GaKR9x1Q6q9YWqnLoFB/O9cxefuZBB1ITc1lNjU"
    "AE3bI99O2RzBtFiXfOraqEF/YlJLxRDiMjs0IW4m57uxHQ6KlNwSV9zK2L5wRc9jUUziLd"
    "ql/Ius5A7hXpiKSh34Jx3D3eBef0RBHmbSWF78AepGJVo8ISizkptsQNFcjxVRncercyBc"
    "t1NSMqk/vWZb6Ier+CiV/3wywvITavIn5DsQ1eKHSVGp50brWYaJX2OYWG7g6JjWi2zgSJ"
    "/UWfHspEwHHUp92nGxxLAEU3lN6LJcay0akAkzMmGmCSqoLWGGN73UAGusoly7ppWiwKZm"
    "1AS412TlvR6dTTmng8VWwzpQzh683VG0+ZaEAPUi2/TI4ywM1Rp26U3XPXVHAVvdghZHjJ"
    "MtlwJUnCyX1mG9uXJ/JZLxaP9RHlUqLQK6LjIXrtzp1RzDoQ9k+tzuk7xkBFxGwE/aGwFv"
    "SY7iAllaUAdzBwmKhQrd5tS5zexVpIFRz0GKgyDmVboVo52V7N5BaltILtggEXQLCaANQ7"
    "+9fG2Wpg/t0BIr71pid4vu+5asuAvHVhHGNp/wy0mHSsl1b5Kq/7RHGVcUQ9/OCFORuGLc"
    "wS5/BFRWWMY1ZFyjFdDLuMYu4xppHm9DaLtZli2NMGd6bdKW67DqG4c/jhWEE3PHrKK7Yc"
    "/kaUavlAVuCdlDsLOQ6u6O76l9QyojDyqZ9klJadq3ybRHBNEqOo/LSbapyWyT5jksMl7h"
    "oA+eaId8t9oYKPIxVKDJk1KSfXqefXrRvMrGLUovQkDEz/wtjn9cSoJfGfzUQdbF8U8JSh"
    "VUVkHidOYSJGhcTMJfFwknD2ovxBHJg9q3gWrZg9pfImu7rdjmpW1z0Q1XuBrQ/RrrqqPw"
    "puyB6qeosNRe9qac9bBscnbUT0dQ335yto+YKDc7wvOZ1GzWruCRIFcWAq7nWPTADQgoO9"
    "8HSKeUOsC6hrJnexQR4GZ106b0JkbfZcZ2c6yxfh5XT1SVgT/HJv7eNWu4vhL7tlHqkJOw"
    "vcx9T5FImdx3F/3grFXiw9XD9p1ANo/X3sbZ6hWOie1qDKlLIQUWlC+71MaEujTlvywBEh"
    "pJG7o83Tubr5/yeGKjr0npMV/9kox0YWfDKWPIJxvk2vJheUeVtW1YwozYdNkg+bphNvhW"
    "ol9iazt1pmM5zDOinVPAVg5wkzsn5c7JXU4i9W6cbGfp4J2hva0jCMsALXeqVt+pyj/p8f"
    "l9qoKzHmUKDi8Fx9+JWGrxi4nI6rvZwzQfPJZLWdamyApKcDMmhdyu+ApzmmUZ1K5pncNK"
    "RgHWDFfzXMzanzg3rCYW8DLXrK8WDoQXiVkHoA2fkMWNWifu94twXegpXPyeD11/m0MXzE"
    "mfRFMaIP925whERQD6gBatIzcM/REBCJbofm7bjyfgy8Xg7O3ky2D/6BjYT8gBd+67e1tb"
    "3WVj3Vt5gty51mBqvp/DzzEAS7gjYfsOetaHRXy+Q7HPd5jx+ej3USaMG7bvBLi7DuNSYw"
    "e70FyUm04SYl2iPHedc06WDeh6TqnZJCHUiVG/DbKuhAG5A8MosCbFltHa3HzeNIqZuTIM"
    "KMOAMgwow4Ct4OxaEjPBnqoipKHwdVoXNZHcqBj6drJkRbhRPzmoZKXEhFAHbcl6Fum8NL"
    "0ofWvTvUnpdLCW4V44XS8+4kofH7FNU32sY1rl5xzqbHrIWOqJ+7mGuuG3VLSoaaHdN4HY"
    "LxhocNUH7GBTyjZi4M7JdRwQkL+B5RxZjIEk7YCOgWMbBmnoLfrgziATHL7rZxjMuh9wa9"
    "35Fbz8PwH7C98BaGn+v8PSIuSSg4CDwqc9OLZJ+9YdwADD4o1C8a1/5E3kZqEmsRhiv4Wq"
    "imt48MEPmudZG+2dD3moUmshZbI96WhZxt+I2svMgExmAHRcajaVgTMhIyFNQ8rm+BJwRu"
    "0llNnRGa6ZpYZnXEiCygO1LJ4SSvH4LF9PLi0mgZUVnhphp+a47rKwSG93hUW26bhfM+/0"
    "HHK99vXNfp7LTvo2Vq6uYuK0rwqmHQ2Ye0zdZOofewviPmOgGjZG2jvgP5e2wAAaS/q/B9"
    "sxgU38cM+6d+xH4mI70JqRjrFNevE514TPXvcDbi3HsyzSOXBtl/wm5pljz8S0hAd6Qs6K"
    "8QDgHpGe0G/AIMPYCZ5AWoYevKE/Cat7FPXQm+EjvqizXsRDFDvZPiVTgeNPCHaQ4m8Jpc"
    "9JfPU5/YYkLkxYDTQhGRq/nTuxBrXUSlChA+DL+DSlnzdJzMuAMww4TNwHS0d3XTLH3cen"
    "yBMAgWlb7pxVJeLMqLX1fWtFXVmeeY8cTJnSgz3SeEl7IPMtnVKZvN+AioWPEJOe6yJ9kv"
    "JslCmZNxs3Yzlr7swrKU9JebYKUkl5Ssqz6aBKylNSnk0GVlZUbxLdKYt/FyM6CxT/fkmP"
    "fMqYu57QJQ/u9wv45O666bNO+XWSOKQOMHGb4dqdDh1b4u86tjebk3vUw37j001vvYXPI9"
    "qWsfq1T0nKjG9e/yNuLeKLU1YUIKjOIzLV7xDMoRZ67id+g3V+lE+KMnbAWgWUq0+m3lqU"
    "CmW5UfrDA6I1ihB9V3dpB57/3F4yx9+w6Y+h7AGVY4lR4S2T9hpRAbfWrTWdU36VToE+17"
    "ogQ4amZjkO+0kP4Pjw7b3uAjJu0YxyDW8wQuCONiN93Pm/F5ChSpMIwQI5t1bQPxEBd2FG"
    "mk7zsWxHQw4jhSF9ZUpbUGGaGit4Q0lWtG0h6Euyok6yIvb98EYumRNWAr8wKZgC8X7l+u"
    "UcuwPeKd1k2o/R638Mrk9Hl4PrP/n7VMP2cer89M/pcFCMLsrDXsQYSdQLo57DLOUhn0cu"
    "SfQLoy8gTXLnGwFlIlEvMea51Er+eOezKxL1wqhLskCSBc1RQuvJggFydHXe49AEwZ1+bj"
    "bUuk1jCgy8FudwQ/pV7PYRtx7r5Q4yjol0cHPo/tFRkQICR0fiAgL0XqqAwIJTS0eMcNC8"
    "g+i+L1Se4X1OeYb32fIM5Iku96TFf06uLgW22VokTWHoqgv+y1iuFqKdAy4FI2GjZUpFpa"
    "tCpQw02sHpSxfR+fn/HXD5lQ=="
)
