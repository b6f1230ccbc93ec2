"""`propertyhub seed`: realistic demo users and listings, loaded in bulk.

PostgreSQL takes the rows through COPY; for large loads the listing indexes
are dropped first and rebuilt afterwards, all in one transaction (a failed
seed leaves the table as it was). SQLite takes batched inserts.
"""

from __future__ import annotations

import json
import math
import random
import secrets
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import Tortoise
from tortoise.transactions import in_transaction
from tqdm import tqdm

from propertyhub.accounts.models import Role, User
from propertyhub.accounts.passwords import hash_password
from propertyhub.common.sql import is_pg
from propertyhub.config import Settings
from propertyhub.db import tortoise_config
from propertyhub.listings import seed_data as D
from propertyhub.listings.models import ListingStatus
from propertyhub.listings.text import city_key, search_text
from propertyhub.listings.timezones import zone_for

DEMO_PASSWORD = "propertyhub-demo"
BATCH = 20_000
REBUILD_INDEXES_FROM = 50_000
COLUMNS = ("owner_id", "title", "description", "property_type", "listing_type", "status",
           "price", "currency", "bedrooms", "bathrooms", "area_sqft", "year_built", "address",
           "city", "city_key", "state", "postal_code", "country", "latitude", "longitude",
           "time_zone", "amenities", "images", "search_text", "created_at", "updated_at")
STATUSES = ([ListingStatus.ACTIVE.value] * 95) + [ListingStatus.PENDING.value] * 2 + [
    ListingStatus.SOLD.value, ListingStatus.RENTED.value, ListingStatus.WITHDRAWN.value]


def _pick_owner(rng: random.Random, owners: list[int]) -> int:
    # Zipf-like: a few sellers hold many listings.
    return owners[min(int(rng.paretovariate(1.1)) - 1, len(owners) - 1)]


def listing_rows(n: int, owners: list[int], rng: random.Random, now: datetime,
                 pg: bool) -> Iterator[tuple]:
    type_weights = [t[1] for t in D.TYPES]
    for _ in range(n):
        city, state, lat0, lng0, sale_sqft, rent_sqft, zip3 = rng.choice(D.CITIES)
        ptype, _, beds_range, area_range, rent_share = rng.choices(D.TYPES, type_weights)[0]
        listing_type = "rent" if rng.random() < rent_share else "sale"
        area = int(rng.triangular(area_range[0], area_range[1], area_range[0] * 1.6))
        beds = rng.randint(*beds_range) if beds_range[1] else 0
        baths = 0.0 if not beds else max(1.0, min(beds, round(rng.uniform(1, beds + 0.5) * 2) / 2))
        factor = rng.lognormvariate(0, 0.25) * (0.15 if ptype == "land" else 1.0)
        price = (int(area * rent_sqft * factor / 5) * 5 if listing_type == "rent"
                 else int(area * sale_sqft * factor / 1000) * 1000)
        # Within ~15 km of the centre, denser near it.
        dist_km = abs(rng.gauss(0, 6))
        angle = rng.uniform(0, 2 * math.pi)
        lat = round(lat0 + dist_km / 111.32 * math.sin(angle), 6)
        lng = round(lng0 + dist_km / (111.32 * math.cos(math.radians(lat0))) * math.cos(angle), 6)
        amenities = sorted(a for a, p in D.AMENITIES if rng.random() < p)
        adjective = rng.choice(D.ADJECTIVES)
        kind = ptype if ptype not in ("land", "commercial") else f"{ptype} lot"
        title = (f"{adjective} {beds}-bedroom {kind} in {city}" if beds
                 else f"{adjective} {kind} in {city}")
        features = rng.sample(D.FEATURES, 3)
        description = (f"{adjective} {ptype} with {features[0]}, {features[1]} and "
                       f"{features[2]}. {area:,} sq ft.")
        address = f"{rng.randint(1, 9999)} {rng.choice(D.STREETS)} {rng.choice(D.SUFFIXES)}"
        created = now - timedelta(seconds=rng.randint(0, 730 * 86400))
        updated = created + timedelta(seconds=rng.randint(0, int((now - created).total_seconds())))
        year = None if ptype == "land" else rng.randint(1900, now.year)
        images = [f"https://images.propertyhub.test/{secrets.token_hex(6)}.jpg"]
        row = (_pick_owner(rng, owners), title, description, ptype, listing_type,
               rng.choice(STATUSES), price, "USD", beds, baths, area, year, address, city,
               city_key(city), state, f"{zip3}{rng.randint(0, 99):02d}", "US", lat, lng,
               zone_for(None, state), json.dumps(amenities), json.dumps(images),
               search_text(title, description, address, city),
               created if pg else str(created), updated if pg else str(updated))
        yield row


async def _seed_users(count: int, rng: random.Random) -> list[int]:
    """Returns the ids of sellers and agents (listing owners)."""
    password_hash = await hash_password(DEMO_PASSWORD)
    tag = secrets.token_hex(3)
    users = []
    for i in range(count):
        roll = rng.random()
        role = Role.SELLER if i == 0 or roll < 0.15 else Role.AGENT if roll < 0.2 else Role.BUYER
        name = f"{rng.choice(D.FIRST)} {rng.choice(D.LAST)}"
        users.append(User(email=f"demo-{tag}-{i}@example.com", password_hash=password_hash,
                          name=name, role=role, service_areas=[]))
    for start in range(0, len(users), 1000):
        await User.bulk_create(users[start:start + 1000])
    return await User.filter(email__startswith=f"demo-{tag}-",
                             role__in=[Role.SELLER, Role.AGENT]).values_list("id", flat=True)


async def _copy_pg(conn: Any, rows: Iterator[tuple], total: int) -> None:
    async with conn.acquire_connection() as raw, raw.transaction():
        dropped = []
        if total >= REBUILD_INDEXES_FROM:
            dropped = await raw.fetch(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'properties' "
                "AND indexname <> 'properties_pkey'")
            for index in dropped:
                await raw.execute(f'DROP INDEX "{index["indexname"]}"')
        with tqdm(total=total, unit="listing", desc="listings") as bar:
            batch: list[tuple] = []
            for row in rows:
                batch.append(row)
                if len(batch) == BATCH:
                    await raw.copy_records_to_table("properties", records=batch, columns=COLUMNS)
                    bar.update(len(batch))
                    batch = []
            if batch:
                await raw.copy_records_to_table("properties", records=batch, columns=COLUMNS)
                bar.update(len(batch))
        await raw.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for index in tqdm(dropped, unit="index", desc="indexes"):
            await raw.execute(index["indexdef"])
    async with conn.acquire_connection() as raw:
        # VACUUM sets the visibility map, which index-only scans (and counts) rely on.
        await raw.execute("VACUUM ANALYZE properties")


async def _insert_sqlite(conn: Any, rows: Iterator[tuple], total: int) -> None:
    sql = (f"INSERT INTO properties ({', '.join(COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in COLUMNS)})")
    with tqdm(total=total, unit="listing", desc="listings") as bar:
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                async with in_transaction() as tx:
                    await tx.execute_many(sql, batch)
                bar.update(len(batch))
                batch = []
        if batch:
            async with in_transaction() as tx:
                await tx.execute_many(sql, batch)
            bar.update(len(batch))
    await conn.execute_script("ANALYZE")


async def seed(settings: Settings, listings: int, users: int, rng_seed: int = 42) -> dict:
    if listings < 0 or users < 1:
        raise ValueError("need at least one user and a non-negative number of listings")
    started = time.monotonic()
    rng = random.Random(rng_seed)
    await Tortoise.init(config=tortoise_config(settings.database_url))
    try:
        conn = Tortoise.get_connection("default")
        owners = await _seed_users(users, rng)
        rows = listing_rows(listings, owners, rng, datetime.now(UTC), is_pg(conn))
        if is_pg(conn):
            await _copy_pg(conn, rows, listings)
        else:
            await _insert_sqlite(conn, rows, listings)
    finally:
        await Tortoise.close_connections()
    return {"users": users, "listings": listings, "seconds": time.monotonic() - started,
            "password": DEMO_PASSWORD}
