"""Turn the query string of `GET /api/properties` into a validated SearchParams."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from propertyhub.common.errors import ApiError, Code
from propertyhub.common.params import query_time
from propertyhub.listings.models import ListingStatus, ListingType, PropertyType
from propertyhub.listings.schemas import AMENITY_LENGTH, MAX_AMENITIES, MAX_AREA, MAX_PRICE
from propertyhub.listings.text import MAX_QUERY_WORDS, words

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_RADIUS_KM = 500.0

# sort name -> (column, descending)
SORTS: dict[str, tuple[str, bool]] = {
    "newest": ("created_at", True),
    "price": ("price", False),
    "-price": ("price", True),
    "area": ("area_sqft", False),
    "-area": ("area_sqft", True),
    "bedrooms": ("bedrooms", False),
    "-bedrooms": ("bedrooms", True),
    "distance": ("distance", False),
}

KNOWN = {
    "q", "city", "state", "postal_code", "property_type", "listing_type", "status",
    "min_price", "max_price", "min_bedrooms", "max_bedrooms", "min_bathrooms",
    "min_area", "max_area", "amenities", "lat", "lng", "radius_km", "bbox", "owner_id",
    "updated_since", "sort", "limit", "cursor",
}


@dataclass
class SearchParams:
    words: list[str] = field(default_factory=list)
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    property_types: list[str] = field(default_factory=list)
    listing_type: str | None = None
    status: str = ListingStatus.ACTIVE.value
    min_price: int | None = None
    max_price: int | None = None
    min_bedrooms: int | None = None
    max_bedrooms: int | None = None
    min_bathrooms: float | None = None
    min_area: int | None = None
    max_area: int | None = None
    amenities: list[str] = field(default_factory=list)
    lat: float | None = None
    lng: float | None = None
    radius_km: float | None = None
    bbox: tuple[float, float, float, float] | None = None
    owner_id: int | None = None
    updated_since: datetime | None = None
    sort: str = "newest"
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None

    @property
    def has_geo(self) -> bool:
        return self.radius_km is not None or self.bbox is not None

    def fingerprint(self) -> str:
        """Identifies the filters and sort, so a cursor is only reused with its own query."""
        data = asdict(self)
        data.pop("cursor")
        data.pop("limit")
        data["updated_since"] = self.updated_since.isoformat() if self.updated_since else None
        raw = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.blake2s(raw, digest_size=6).hexdigest()


def _bad(name: str, message: str) -> ApiError:
    return ApiError.bad_query(name, message)


def _int(args: dict[str, str], name: str, lo: int, hi: int) -> int | None:
    """Bounded by the column's own range (as written), so PostgreSQL never sees a number
    too big for the column's type."""
    raw = args.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise _bad(name, "must be a whole number") from None
    if not lo <= value <= hi:
        raise _bad(name, f"must be between {lo} and {hi}")
    return value


def _float(args: dict[str, str], name: str, lo: float, hi: float) -> float | None:
    raw = args.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise _bad(name, "must be a number") from None
    if not (lo <= value <= hi):  # also rejects nan
        raise _bad(name, f"must be between {lo} and {hi}")
    return value


def _choices(args: dict[str, str], name: str, allowed: set[str]) -> list[str]:
    raw = args.get(name)
    if not raw:
        return []
    values = sorted({v.strip().lower() for v in raw.split(",") if v.strip()})
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise _bad(name, f"unknown value(s): {', '.join(unknown)}; allowed: {sorted(allowed)}")
    return values


def _text(args: dict[str, str], name: str, max_len: int = 120) -> str | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    if len(raw) > max_len:
        raise _bad(name, f"at most {max_len} characters")
    return raw


def _geo(args: dict[str, str], params: SearchParams) -> None:
    lat = _float(args, "lat", -90, 90)
    lng = _float(args, "lng", -180, 180)
    radius = _float(args, "radius_km", 0.001, MAX_RADIUS_KM)
    given = [v is not None for v in (lat, lng, radius)]
    if any(given) and not all(given):
        raise _bad("radius_km", "lat, lng and radius_km go together")
    if all(given):
        params.lat, params.lng, params.radius_km = lat, lng, radius
    if args.get("bbox"):
        try:
            parts = tuple(float(p) for p in args["bbox"].split(","))
        except ValueError:
            raise _bad("bbox", "must be min_lng,min_lat,max_lng,max_lat") from None
        if len(parts) != 4:
            raise _bad("bbox", "must be min_lng,min_lat,max_lng,max_lat")
        min_lng, min_lat, max_lng, max_lat = parts
        if not (-180 <= min_lng <= max_lng <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise _bad("bbox", "corners out of range or in the wrong order")
        params.bbox = (min_lng, min_lat, max_lng, max_lat)


def parse_search(args: dict[str, Any], viewer_id: int | None) -> SearchParams:
    """`args` maps a name to its first value."""
    unknown = sorted(set(args) - KNOWN)
    if unknown:
        raise ApiError(400, Code.BAD_REQUEST, "unknown query parameter(s)",
                       {name: ["unknown parameter"] for name in unknown})
    p = SearchParams()
    q = _text(args, "q", 200)
    p.words = words(q)[:MAX_QUERY_WORDS] if q else []
    p.city, p.state = _text(args, "city"), _text(args, "state")
    p.postal_code = _text(args, "postal_code", 20)
    p.property_types = _choices(args, "property_type", {t.value for t in PropertyType})
    listing_types = _choices(args, "listing_type", {t.value for t in ListingType})
    if len(listing_types) > 1:
        raise _bad("listing_type", "one of sale, rent")
    p.listing_type = listing_types[0] if listing_types else None
    statuses = _choices(args, "status", {s.value for s in ListingStatus})
    if len(statuses) > 1:
        raise _bad("status", "one status at a time")
    p.status = statuses[0] if statuses else ListingStatus.ACTIVE.value
    p.min_price = _int(args, "min_price", 0, MAX_PRICE)
    p.max_price = _int(args, "max_price", 0, MAX_PRICE)
    p.min_bedrooms = _int(args, "min_bedrooms", 0, 100)
    p.max_bedrooms = _int(args, "max_bedrooms", 0, 100)
    p.min_bathrooms = _float(args, "min_bathrooms", 0, 100)
    p.min_area, p.max_area = _int(args, "min_area", 0, MAX_AREA), _int(args, "max_area", 0, MAX_AREA)
    p.amenities = sorted({a.strip().lower() for a in (args.get("amenities") or "").split(",")
                          if a.strip()})
    # No listing has more amenities, or longer ones; and SQLite's expression tree has a
    # depth limit that thousands of them would reach.
    if len(p.amenities) > MAX_AMENITIES:
        raise _bad("amenities", f"at most {MAX_AMENITIES} values")
    if any(len(a) > AMENITY_LENGTH for a in p.amenities):
        raise _bad("amenities", f"each at most {AMENITY_LENGTH} characters")
    _geo(args, p)
    p.owner_id = _int(args, "owner_id", 1, 2**63 - 1)
    p.updated_since = query_time(args, "updated_since")
    p.sort = args.get("sort") or "newest"
    if p.sort not in SORTS:
        raise _bad("sort", f"one of {', '.join(SORTS)}")
    if p.sort == "distance" and p.radius_km is None:
        raise _bad("sort", "distance needs lat, lng and radius_km")
    p.limit = _int(args, "limit", 1, MAX_LIMIT) or DEFAULT_LIMIT
    p.cursor = args.get("cursor") or None
    if p.status == ListingStatus.WITHDRAWN:
        # Withdrawn listings are visible only to their owner.
        if viewer_id is None:
            raise ApiError(401, Code.UNAUTHORIZED, "sign in to see your withdrawn listings")
        if p.owner_id not in (None, viewer_id):
            raise ApiError(403, Code.FORBIDDEN, "withdrawn listings are visible to their owner only")
        p.owner_id = viewer_id
    return p
