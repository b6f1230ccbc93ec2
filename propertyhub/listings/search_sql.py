"""SQL for listing search, one builder for SQLite and PostgreSQL.

The shapes follow shared/search-physics.md: filters that the partial indexes
cover, keyset pages ordered by `(sort_key, id)`, and a deferred join that finds
the page's ids first and fetches whole rows for those ids only.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from propertyhub.common.sql import db_timestamp
from propertyhub.listings.search_params import SORTS, SearchParams
from propertyhub.listings.text import city_key

EARTH_KM = 6371.0088
COUNT_CAP = 10_000

COLUMNS = (
    "id, owner_id, title, description, property_type, listing_type, status, price, currency, "
    "bedrooms, bathrooms, area_sqft, year_built, address, city, state, postal_code, country, "
    "latitude, longitude, time_zone, amenities, images, created_at, updated_at"
)


@dataclass
class Query:
    pg: bool
    values: list[Any] = field(default_factory=list)
    sql: str = ""

    def param(self, value: Any) -> str:
        # Numbered on both databases, so a fragment may be used in any order or twice.
        self.values.append(value)
        return f"${len(self.values)}" if self.pg else f"?{len(self.values)}"


def haversine_sql(lat: str, lng: str, pg: bool) -> str:
    # On PostgreSQL the coordinates come from the stored `geo` point, which the
    # covering GiST index holds, so a radius search never touches the table.
    row_lat, row_lng = ("geo[1]", "geo[0]") if pg else ("latitude", "longitude")
    return (
        f"({2 * EARTH_KM} * asin(sqrt(power(sin(radians({row_lat} - {lat}) / 2), 2)"
        f" + cos(radians({lat})) * cos(radians({row_lat}))"
        f" * power(sin(radians({row_lng} - {lng}) / 2), 2))))"
    )


def _box(q: Query, min_lng: float, min_lat: float, max_lng: float, max_lat: float) -> str:
    a, b, c, d = (q.param(v) for v in (min_lng, min_lat, max_lng, max_lat))
    if q.pg:
        return f"geo <@ box(point({a}, {b}), point({c}, {d}))"
    return f"longitude BETWEEN {a} AND {c} AND latitude BETWEEN {b} AND {d}"


def radius_box(lat: float, lng: float, radius_km: float) -> tuple[float, float, float, float]:
    dlat = math.degrees(radius_km / EARTH_KM)
    coslat = max(math.cos(math.radians(lat)), 1e-6)
    dlng = min(math.degrees(radius_km / (EARTH_KM * coslat)), 180.0)
    return (max(lng - dlng, -180.0), max(lat - dlat, -90.0),
            min(lng + dlng, 180.0), min(lat + dlat, 90.0))


def where_clause(q: Query, p: SearchParams, *, exact_radius: bool = True) -> str:
    conds = [f"status = {q.param(p.status)}"]
    if p.words:
        if q.pg:
            tsq = " & ".join(f"{w}:*" for w in p.words)
            conds.append(f"search_vector @@ to_tsquery('simple', {q.param(tsq)})")
        else:
            conds += [f"search_text LIKE {q.param(f'% {w}%')}" for w in p.words]
    if p.city:
        conds.append(f"city_key = {q.param(city_key(p.city))}")
    if p.state:
        conds.append(f"lower(state) = {q.param(p.state.lower())}")
    if p.postal_code:
        conds.append(f"postal_code = {q.param(p.postal_code)}")
    if p.property_types:
        conds.append(f"property_type IN ({', '.join(q.param(t) for t in p.property_types)})")
    if p.listing_type:
        conds.append(f"listing_type = {q.param(p.listing_type)}")
    for column, op, value in (
        ("price", ">=", p.min_price), ("price", "<=", p.max_price),
        ("bedrooms", ">=", p.min_bedrooms), ("bedrooms", "<=", p.max_bedrooms),
        ("bathrooms", ">=", p.min_bathrooms),
        ("area_sqft", ">=", p.min_area), ("area_sqft", "<=", p.max_area),
        ("owner_id", "=", p.owner_id),
    ):
        if value is not None:
            conds.append(f"{column} {op} {q.param(value)}")
    if p.updated_since is not None:
        conds.append(f"updated_at >= {q.param(db_timestamp(p.updated_since, q.pg))}")
    if p.amenities:
        if q.pg:
            conds.append(f"amenities @> {q.param(json.dumps(p.amenities))}::jsonb")
        else:
            conds += [
                "EXISTS (SELECT 1 FROM json_each(properties.amenities) "
                f"WHERE json_each.value = {q.param(a)})"
                for a in p.amenities
            ]
    if p.bbox is not None:
        conds.append(_box(q, *p.bbox))
    if p.radius_km is not None:
        assert p.lat is not None and p.lng is not None
        conds.append(_box(q, *radius_box(p.lat, p.lng, p.radius_km)))
        if exact_radius:
            conds.append(f"{distance_sql(q, p)} <= {q.param(p.radius_km)}")
    return " AND ".join(conds)


def distance_sql(q: Query, p: SearchParams) -> str:
    return haversine_sql(q.param(p.lat), q.param(p.lng), q.pg)


def sort_key_sql(q: Query, p: SearchParams) -> str:
    column, _ = SORTS[p.sort]
    return distance_sql(q, p) if column == "distance" else column


def page_sql(p: SearchParams, pg: bool, after: tuple[Any, int] | None) -> Query:
    """One page of full rows plus each row's sort key `k`, `limit + 1` to see a next page.

    Nearest-first first pages also carry `n`, the number of all matches.
    """
    q = Query(pg)
    _, desc = SORTS[p.sort]
    direction = "DESC" if desc else "ASC"
    op = "<" if desc else ">"
    if p.sort == "distance":
        # Distance is computed once a row: the box prefilter runs in a subquery that
        # the planner may not flatten (OFFSET 0), the radius and keyset test its `k`.
        where = where_clause(q, p, exact_radius=False)
        cond = f"k <= {q.param(p.radius_km)}"
        if after is not None:
            cond += f" AND (k, pid) {op} ({q.param(after[0])}, {q.param(after[1])})"
        fence = "OFFSET 0" if pg else "LIMIT -1 OFFSET 0"
        # The top-N sort sees every match anyway, so the first page counts them too.
        total = ", count(*) OVER () AS n" if after is None else ""
        inner = (
            f"SELECT pid, k{total} FROM (SELECT id AS pid, {distance_sql(q, p)} AS k FROM properties "
            f"WHERE {where} {fence}) d WHERE {cond} "
            f"ORDER BY k {direction}, pid {direction} LIMIT {int(p.limit) + 1}"
        )
    else:
        where = where_clause(q, p)
        key = sort_key_sql(q, p)
        if after is not None:
            where += f" AND ({key}, id) {op} ({q.param(after[0])}, {q.param(after[1])})"
        inner = (
            f"SELECT id AS pid, {key} AS k FROM properties WHERE {where} "
            f"ORDER BY {key} {direction}, id {direction} LIMIT {int(p.limit) + 1}"
        )
    counted = ", s.n AS n" if p.sort == "distance" and after is None else ""
    q.sql = (
        f"SELECT {COLUMNS}, s.k AS k{counted} FROM properties "
        f"JOIN ({inner}) s ON s.pid = properties.id "
        f"ORDER BY s.k {direction}, s.pid {direction}"
    )
    return q


def count_sql(p: SearchParams, pg: bool, cap: int = COUNT_CAP) -> Query:
    q = Query(pg)
    where = where_clause(q, p)
    q.sql = (
        f"SELECT count(*) AS n FROM (SELECT 1 FROM properties WHERE {where} LIMIT {cap + 1}) c"
    )
    return q


def matches_sql(p: SearchParams, pg: bool, cap: int = COUNT_CAP) -> Query:
    """The matching rows themselves (one column), for counting as they stream."""
    q = Query(pg)
    q.sql = f"SELECT 1 FROM properties WHERE {where_clause(q, p)} LIMIT {cap + 1}"
    return q


def estimate_sql(p: SearchParams) -> Query:
    q = Query(True)
    q.sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM properties WHERE {where_clause(q, p)}"
    return q
