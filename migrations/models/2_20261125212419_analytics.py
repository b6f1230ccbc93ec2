"""Analytics: a row per listing and day, counted live and completed by the rollup."""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

_SERIAL = {"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
           "postgres": "BIGSERIAL NOT NULL PRIMARY KEY"}

# One text for both databases; only the key's type differs.
_DDL = """CREATE TABLE IF NOT EXISTS "listing_daily" (
    "id" {serial},
    "day" DATE NOT NULL,
    "views" INT NOT NULL,
    "cart_adds" INT NOT NULL,
    "leads" INT NOT NULL,
    "call_leads" INT NOT NULL,
    "calls" INT NOT NULL,
    "call_seconds" INT NOT NULL,
    "property_id" BIGINT NOT NULL REFERENCES "properties" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_listing_dai_propert_ae3a8d" UNIQUE ("property_id", "day")
);
CREATE INDEX IF NOT EXISTS "ix_listing_daily_day" ON "listing_daily" ("day");
CREATE INDEX IF NOT EXISTS "ix_leads_created" ON "leads" ("created_at");
CREATE INDEX IF NOT EXISTS "ix_calls_started" ON "call_logs" ("started_at");
"""


async def upgrade(db: BaseDBAsyncClient) -> str:
    return _DDL.format(serial=_SERIAL[db.capabilities.dialect])


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
DROP TABLE IF EXISTS "listing_daily";
"""


MODELS_STATE = (
    "eJztXWtz27gV/SscfdntjDfjyI+kbqczsq0k2pWl1JI3bdcdBiZhiWM+FD7saLb57wXAh/"
    "gAaIIiaZLGl92IxAXpc0HgPg4u/hwYlgp1583Ic9cL6DiaZQ7OpD8HJjAg+gft9oE0AJvN"
    "7ia+4II7nbQHqKHs+C3JHXDnuDZQXHTzHugORJdU6Ci2tnH9Zw1Gkg3vbeisf3GtB2iiZo"
    "amb88ky4TSBtqSbq0082+o0aP1oJkrSXPxJUdy11BS4aOmQMny3Df4YaqloKehRhX365na"
    "Nw/KrrWC6K6Nev/jv+iyZqrwO3TCn5sH+V6DupoAUFNxB+S67G435NrNzeTyA2mJ3/lOVi"
    "zdM8xd683WXVtm1NzzNPUNlsH3VtCENnChGgPU9HQ9UEB4yX9jdMG1PRi9qrq7oMJ74OlY"
    "LYO/33umgrUhkSfh/xz/I3i1WDNZns2X8mK8lOVBRov4FVIKCC4paCCgEaCZLgbqzx9+vz"
    "tAyNUBfsDFp9H1z0enfyEQWI67sslNAtfgBxEELvBFCeg7lBUbYkxk4GbRvkR3XM2AdMST"
    "kink1UD0TfiPMhoIL+xUsPsQQnBD+GoAfID+QHVu6ttA9zkKWE6uxovl6OozfpzhON90gt"
    "9oOcZ3huTqNnX1Z19fFvrG/Rkg6kT6Mll+kvBP6T/z2Tit1ajd8j8D/E5o5rBk03qSgRob"
    "puHVEDXUcqd18umW0npSsgKtB6/bFqV3RMkhJrla9hxoy7Rp9FxbTUyXruCYUEq7CKIufs"
    "Ur/BK//HU4PDp6Nzw8On1/cvzu3cn7w/eoLXnj7K13OaPgfPJxMlsmlYov/PiBV7L7B+os"
    "i0HNquGDZUNtZf4Gt0QVE/TewFQgBfrAmLgJuumYCn6EYyy8uvvsbfAULf3xoYf+dvQXQ5"
    "f89RejxcXocjwgCN8B5eEJ2KrMgJqYLA5lzAdyH367hjpwA3uMjvO1b/4scVc9wpvgZw2t"
    "GG4JRLO3jKGRvgJMsCJ/En42fhINM4ohnMaUbQkHxqe80+SzpjAbmooN0LyZs+ikGQz9/W"
    "zPXsyYeYYp0b68Bs46q4WLNbDpOkhKpXSB/sh6HIE6lWGA77IOzZW7Rj9Pj3Nw/n10TRyB"
    "0+OUzTEL7gzJrR8JGwF+32joaythCSYle2j/98wULGPtx8SEqd9m/Qo3nj2D9teND8KFVB"
    "+PHSpLSlUZMmvvB/1MhCzHdXN2wds9vbdUKLib4D7rxCVHF68fV6eHQrxnimcSetVsjwQ7"
    "psIReaWOCDSApvP4IJFA79yP4UkR/wO1Yjog5F7SA9kAx3my0MfN6+tlBKvB+6XNlRTiJ4"
    "UQP8lB/CSNOPk/B9Bh+x7i+3Z4WABf1IqJL7mXxNe2dAa+Y9MzMtZCMr8SyLYZ68H5zb/H"
    "12fSnbeF9q25GE+n+KcDdR3/Hn0cz5ZnElqE/SWHWyenRVSSNrtjGjnNTDEISq4RHwmUUk"
    "PL/NwkukfDAugeDZno4ltJdO80K4vtEn5nWCdB8z4gm+dKjv+1THiRIYI/X43+9ZeEJzmd"
    "zz6GzWOIX0zn5ymkDct01/pWvodQViB+iQzuTKOQKlsqw9cyJQRW4vDt8bvj90enx5FxGF"
    "3JswlD+28H8hYCuyTGNFEBcRZi5E5hlpAMbAgo+P66mM9YoYuUYDpepSmu9D9J15zaUtUx"
    "0s+dp+muZjpv8PNegveDgcqfZNLzyUEy/IE7SE8yIpTI/g76G0r0NmpJrSclhdbbonVK3i"
    "AiAWRibs+xKuLE1PK8in5GQJOuhm1toO1qcE+oPvv9bPuKkwJsV9ZcaOyJ0wXqZ4K66S1O"
    "ukY3Qrm+O+yKj9B3tzIN2EkWXyGsSMTBkdeaDWkRcwFYGjAdLWyODMjfuS9kU9RX9zwbDp"
    "gMoFJiSDVA1OGhZEMFao8NDaVO4gQ02Z+m9pygtNGq2MTUxQ9OU6GxsVxoKlv5AW73xGqy"
    "6+032FuDyvHuos73BGwR66qvcKE7pgOUCtBa7nrqK1gK0PUqFsAL1M/UWvUbpmrWwB5CVS"
    "e3J3KXKfyeuCvN5vgkHXdB9Hl9RB9Xc1l5e8Zmg1Cgzcn6ssSTwyLECNSKTTw5zBAj4m+W"
    "wZmdMU6JNYf24AVyOrUkjoPJbeuDRh3iz1NTMp20edgPPs1vFuMzaW15Drw1R59H18srn5"
    "eyAbaLozq35sV8djk/k5ByVOvWXM6/zAIp13oyA8npaHZ5JunAVHH7q6vx9cVkNMVChgFt"
    "RQOE6vfyHBecg0TP30vD6T5areDFaIo05QAdKemaaNYuSTh6X0AX75mqeJ/WBALX9ShORT"
    "Ed7KQbnOew+/IIOWe7wehiOfkd6cCXvjU/j2eXk9nHM2kDTRXBf2su5lP08TiWrvo6Gl/6"
    "WoLoN05uXV6PvszOpCfNXas2eDLb8SltbE2heTo5llgkIvbMc9pjMffJs20cpOExweIyDX"
    "4vN4vLukyDFFuvCFmPzdXLUPWgalsWLee2MJDDyRzecbnmRvhhvcP7aPjuNBrQ+EfeEF5c"
    "jabT7Ji9A+6agegH3QIsOONSKTzvsVjXEM0B7nJ+cz4dS5+vxxeTxSTgK0UcCHITX0IXNH"
    "+X0PV4NE2hjOlesvPtnsJNYQ7ZhExvxmylLEeZENh454KkZI/ojVXMB0BVbegwjD/GQN2J"
    "9MCzbWD7iqK5fDZC0L7N3kxJfGvZvoLxwmk3XoxDmd6N4lpQxn4eV7QxEugdvtVXNcE0Sa"
    "Aj8GgZq5xtP0mx3gFdaBznDGPKXGF5pmvzTRU7kUY9toYgLoIwG+BMVA+4muvRRnGOexEX"
    "KuldtMxCq9m/0C1zVQLmuJTAuYgfZ0BTo3Oj2Xt+EkJiv09+bqjEfh/NACs+jewkhDoqV4"
    "eD3GtlLbvwO8UzZ+dIU2I9MF2azpGKfW9sE6ebO6DEvrfXqPUQo/S+t7jWrSezRGnsuJTI"
    "83Hl+XIKrBFUKYa3KI6dqKsWH3zlq2OLbXcc21n2g6jPu1gI03nfEdQ7gnOC6gg0nRIW4x"
    "pAPhvrMuypLzDVyQOP5iUKDzw+Z7F54HiGrIEC/seAVMsi2g756P8VvPC22CcHEpsXblp8"
    "iZqwfR8qXKUSYYeFWOG4GTsVdpjlhSPDvZQLFpcTDlhbHLAibjeZDLkdsLiUcMBKEy0jIj"
    "8v/ilBoYKqfODINhA+cJ4PHP/+6T4wbZhXgGsPq/GksU19220q3J6uxkKx7SkFW3KOWsWN"
    "g7InRliLochxq36F258cCZeYkax7CUhrD722X+uWdpBqAQmxX7TFc3aeXxD7YrjSp2k5kU"
    "StPIm60QFlh2kO8Sto30OKaIOb29i8xW5saCvrFVe+AU2kotnQ99cnhma5KEhcTpzS1p6s"
    "c1bDvuHJa7XFpYTLXTrq4Zvi3OgnxAT8VUU8fFhFyOP549Riw+/5mEd06IpANQ/V+JRank"
    "zxciX32rlGN5vqJfwKSigo5F2w4z8RuUNU+Xp9URvH8mxadY+C1Vki6Qad2XvLNjhd2cGH"
    "+fUV6gxJ3poXoykuWAT0UqWKRHUcEz7xwj8bf0HowidSY2o5uiCVbxDMLpptcPGbf96Mpp"
    "MPE3z1mwd0DWGBrv4+GX+ZzD7Ki4tP48ubKb77qMEnXJLJUdZQ9XRSOGeOS+ZY5q05nS+W"
    "Z5JuOaXKHg0LHeaYc5ZjZtulAR0HTdZZ5bL3LcRExJ4F/rpu4mC7Gg+2w0QeykzFHsyRgB"
    "jKYvtNheO8vzFPsf2mb1ovsv0mPHFELhkQpYn3qBBRw4FRwcUTXLzXrAKRGGhTYkCw9gZV"
    "s/Yyk71IEFTLNBXJrHqSWQk7rzl4W2YVFk5q0cziBMroTaTZzXT6YkTe4NQyGoF3d6BZDn"
    "E3fniaSN68vuQN+X8G/5yteEH7HvI6aylKKQ5oeaHop+bIG+9O1xTK7GJZOgQmY3qJy6Vw"
    "v0OCdQEfXWkW+/P5fJrA/nySBvfm6nyMxj1RxK4YXdbrW9kQ4u31POM8LiMGOX+2CtqOZQ"
    "IexGMiAnBuwB8t6kEm7K0pkUA79qTgx/ZmTwpevTEHQ3YgPnCKklhkGpE00eYiTn897Mqh"
    "Bo6GzCMFGfaaAS3PLYF0Tg/NAX7aFbzJqUeyYZnuWt/KCv1Y6/wzk7LS4qwOOsz43I3SKK"
    "eFBciZkztsZY2P7S1ThiQpKvbgtCf1nGUcCJ4J+5PqJuNA8Exeo9aL8ExeqMxry2bvVqR1"
    "G67y2jIVFE3hVFPkVexLErVM27xza6JCY2O5+NxW9OEPKNnAVIuDvKSgtmuLTyArXMxH0T"
    "XkDf3kSLGH/YKehgBYQ+lesx1XAqbzBO0DyYYbHWyhijfUoB8IU+jgaj64pYNeHV1D6nSo"
    "JYBqew61yqgXzI+OYm3INIoPZROFRluzRB7kZDcjnRVNb0YCPcxvHhdJbx6zs5vHmeQm55"
    "GGjZ9m2Bi0w0JVXIc5RVyH2Rquwcwkr4Gz5oE5LddDvKs/39DfBsk435Ad3E5K9ci3qSwK"
    "iHzPDXoCV9IsLrNX3qxl2DadIBOROfYw72aMplBkzikRookJCeZ9VSGa0HUQHOa8EE1s6L"
    "WpRm4iUEPxqNOBHLY/nYke1Uq0/SNW0kHxbBszlzfQ1ixVhqbqe67CVW2dq/qA/nguZypo"
    "30PrvuL6KKJ07SsvXauZimVsyLLSCMo1lK9NzuMIRZvfpGf00UPjviPGfDF2RXYJ30/xkL"
    "puCLW3TO3YJdCR/52r+NydDKwuxKYGjk0NwLA89O3wcgTTYn3yqSsLDfoTk8KVQ4jLNGhC"
    "3Cwum7EdjoqU3GJX3MrYvmCLz2ORDeQtWlz+RVayQbg3hqxgB/5Rc0AzuFefURCHmbQ2Ln"
    "4PNL1UWDwhKFjJbTagMNdji1Tn0eocMNftlJQg9afXbBN+d2UfJf7PJyMsPqE2f0K+A1Eu"
    "f5gUFXputZ5Fmvg1ponFBo6eab3IBo70SZ0lz07KdNAj6lPDxRLDEkz8mtBEudZKNCAIM4"
    "Iw0wYVVEaYoU0vFcAaqyjXrWmlKLCpGTUB7jVaea8nF0vK6WCx1bAKlLMHb/cUbbolwUC9"
    "yDY99DjTAUoFu/SWu576o4Bat6DFEaOw5VKAsslyaR1Wy5X7I0HGw/1HPKoULQK4LjQ2rt"
    "jp1R7D4UAS9LnmSV4iAy4y4GfdzYB3hKO4gaYa1MFsgKBYqNBtTp3bzF5FnBj1bCjbEDi0"
    "SrdstLOS/TtIrQZywR5E0BoIoC1Dv7vx2myYPrRDOVbenURzi+7bjqy4G9tSoONY9IBfDh"
    "0qJde/Sar60x5FXpENfTczTEXyinEHm/8IqKywyGuIvEYnoBd5jSbzGuk43p7Q9rMsWxph"
    "yvTapi3XYdU3Svw4VhCOHTsmFd11ayVOM3qlUeCOBHsQdiZU3ObiPZVvSCXBg1KmfVJSmP"
    "ZdMu0hQrSMzuNyItrU5miT6tkkM17ioA+aaI98t8oiUOhjKBEmT0qJ6NPz0acX5VW2blF6"
    "kQBE/Mzf4vjHpQT4pcFPHWRdHP+UoFBBaRUkTmfmCILGxQT8VQXhxEHthWJE4qD2OlDlPa"
    "j9JVjbXcU2j7ZNRTdc4SpA93Osq57Cm7IHyp+iQqi95E0p6yEvOTvqpyeo10/O9hFjcbMj"
    "PJ+hZpN2BY8EmZtQcj3bxAduAAlH5w8kqOGQuuRoKsye7VFEgMrqxk3xTQd+E4zt9lhjB3"
    "mxeqSqDPw5NvG3vlnD1ZXYt3SuQ07C9oL7ngoiZbjvLvxOWavYh6uH7XuBbF5cu46z1Usc"
    "E9vXHFKfUgokKc+71MaE+jTlv2wAJDSS9nR5+nc230HK44mNvjbRYz77JRnxwk6GU8aQTz"
    "bIteXD8o4KadsywgzbdNmDfN0yG7yW7Bfb2k6d6ciHeUa0dwqo5QA3sXNS7JxschKpduNk"
    "N0sHN4Z2XUcQ8gAtdqqW36lKP+nx+X2qjLMeBQWHRsHxdyJyLX4xEVF9N3uY5r1HuJS8Nk"
    "VWUICbMSnEdsVXyGkWZVD7pnVKVDJKsGZiNc/lrP2Jc89qYkFc5pr01cGB8CI56wC08SM0"
    "qVnrxP2DIrEu+Bgufs+nrr+sgSutUZ9IU6qE/u2uoRQVATiQcNE6dEPXHqAEpCd4t7ashz"
    "Pp09Xo4pfFp9Hw5FSyHqEtfXXf3Fnq9ms2113LE8TOtRaH5g9y4nMEQA53JGzfQ8/6uIjP"
    "d8z2+Y4zPh/+PnjSuGH7XoDbdBoXGzuOC4wN33SSEOtTyLNpzjlaNoDr2VyzSUKoF6O+jm"
    "AdhwHZgGEUWJNsy2hnbj5vGsXMXJEGFGlAkQYUacBOxOw6kjNxPEWBUIXh63QuayJio2zo"
    "uxklKxIb9clBnJUSE0I9tCWrWaTzaHoRfWvfvUlpOljHcC9M14uPOO7jI+o01aeag6v8XA"
    "KNTA8ZSz1xP9dQ1/2Wsho1LbT7JhD7yZFUsH0jfX3U4JPzVQKmKn1VgO3iyQD/tqFEDj3F"
    "kUgHRyK3QWjyb9JXHc1vzteDTACz4v5vza9+/S7/p0R+7fpCd4LCIn53NvphbDzc492WxE"
    "4JNJJt6bq3Ye8Uiu/9Q+8sdgu1KYzBdlywqqiWBx38oHmeudHdCZGGKjYXUjYb+RY5HI6o"
    "vaAGZKgB4VTGAWdCRkCahpRM8xxwRu0FlNnRGS6bXMMzLiRApYHKi6eAkj0++QvKpcUEsK"
    "LEUyvs1BzfXVQWGTRXWaROz30EbU1ZDyg+e3DnIM9bB7s2rcmmvRZHdc/Zle2CPkLboRab"
    "Z8dCYyI9jIQOT06KZMtOTtjZMnwvlS3bUIgjbISD5j1E922hXOTbnFzk22wuEj3RpZYV+3"
    "UxnzHMsJ1IOpyiKa70PxID7CDaOeBiMBIpmgwvKk2BOkjmXnAH5y/NGPnxfz4OScs="
)
