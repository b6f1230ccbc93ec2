"""The search parameters of `GET /api/properties`, declared once (PARAMS): each one's reader,
its OpenAPI entry, and its place in SearchParams, the typed filters that the listings
service takes (from the HTTP parser here, or from the voice agent's tools directly)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, make_dataclass
from enum import StrEnum
from typing import Any

from marshmallow import Schema, fields, validate

from propertyhub.common.errors import ApiError, Code
from propertyhub.common.params import MAX_ID, TIME_RANGE, query_time
from propertyhub.common.schemas import CURSOR_DOC
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


def _bad(name: str, message: str) -> ApiError:
    return ApiError.bad_query(name, message)


# Readers: (raw value or None, parameter name, the parameters read so far) -> the value.
Reader = Callable[[str | None, str, Any], Any]


def _int(lo: int, hi: int) -> Reader:
    """Bounded by the column's own range (as written), so PostgreSQL never sees a number
    too big for the column's type."""
    def read(raw: str | None, name: str, p: Any) -> int | None:
        if raw is None or raw == "":
            return None
        try:
            value = int(raw)
        except ValueError:
            raise _bad(name, "must be a whole number") from None
        if not lo <= value <= hi:
            raise _bad(name, f"must be between {lo} and {hi}")
        return value
    return read


def _float(lo: float, hi: float) -> Reader:
    def read(raw: str | None, name: str, p: Any) -> float | None:
        if raw is None or raw == "":
            return None
        try:
            value = float(raw)
        except ValueError:
            raise _bad(name, "must be a number") from None
        if not (lo <= value <= hi):  # also rejects nan
            raise _bad(name, f"must be between {lo} and {hi}")
        return value
    return read


def _text(max_len: int) -> Reader:
    def read(raw: str | None, name: str, p: Any) -> str | None:
        raw = (raw or "").strip()
        if not raw:
            return None
        if len(raw) > max_len:
            raise _bad(name, f"at most {max_len} characters")
        return raw
    return read


def _choices(enum: type[StrEnum], at_most_one: str | None = None) -> Reader:
    """A comma list of the enum's values (`at_most_one`: the message when several)."""
    allowed = {v.value for v in enum}

    def read(raw: str | None, name: str, p: Any) -> Any:
        values = sorted({v.strip().lower() for v in (raw or "").split(",") if v.strip()})
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise _bad(name, f"unknown value(s): {', '.join(unknown)}; allowed: {sorted(allowed)}")
        if at_most_one is None:
            return values
        if len(values) > 1:
            raise _bad(name, at_most_one)
        return values[0] if values else None
    return read


def _q(raw: str | None, name: str, p: Any) -> list[str]:
    q = _text(200)(raw, name, p)
    return words(q)[:MAX_QUERY_WORDS] if q else []


def _status(raw: str | None, name: str, p: Any) -> str:
    return _choices(ListingStatus, "one status at a time")(raw, name, p) or ListingStatus.ACTIVE.value


def _amenities(raw: str | None, name: str, p: Any) -> list[str]:
    found = sorted({a.strip().lower() for a in (raw or "").split(",") if a.strip()})
    # No listing has more amenities, or longer ones; and SQLite's expression tree has a
    # depth limit that thousands of them would reach.
    if len(found) > MAX_AMENITIES:
        raise _bad(name, f"at most {MAX_AMENITIES} values")
    if any(len(a) > AMENITY_LENGTH for a in found):
        raise _bad(name, f"each at most {AMENITY_LENGTH} characters")
    return found


def _radius(raw: str | None, name: str, p: Any) -> float | None:
    radius = _float(0.001, MAX_RADIUS_KM)(raw, name, p)
    given = [v is not None for v in (p.lat, p.lng, radius)]
    if any(given) and not all(given):
        raise _bad(name, "lat, lng and radius_km go together")
    return radius


def _bbox(raw: str | None, name: str, p: Any) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    try:
        parts = tuple(float(part) for part in raw.split(","))
    except ValueError:
        raise _bad(name, "must be min_lng,min_lat,max_lng,max_lat") from None
    if len(parts) != 4:
        raise _bad(name, "must be min_lng,min_lat,max_lng,max_lat")
    min_lng, min_lat, max_lng, max_lat = parts
    if not (-180 <= min_lng <= max_lng <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise _bad(name, "corners out of range or in the wrong order")
    return parts


def _sort(raw: str | None, name: str, p: Any) -> str:
    sort = raw or "newest"
    if sort not in SORTS:
        raise _bad(name, f"one of {', '.join(SORTS)}")
    if sort == "distance" and p.radius_km is None:
        raise _bad(name, "distance needs lat, lng and radius_km")
    return sort


@dataclass(frozen=True)
class Param:
    """`name` in the query string, read by `read` into SearchParams' `attr` (default: the
    same name), shown in OpenAPI as `doc`."""

    name: str
    read: Reader
    doc: fields.Field
    type: Any = "str | None"
    default: Any = None
    attr: str = ""


def _range(kind: type[fields.Field], lo: Any, hi: Any, **kw: Any) -> fields.Field:
    return kind(validate=validate.Range(lo, hi), **kw)


def _described(text: str) -> dict[str, Any]:
    return {"metadata": {"description": text}}


PARAMS: tuple[Param, ...] = (
    Param("q", _q, fields.String(**_described("every word must prefix-match a word of the "
                                             "title, description, address or city")),
          "list[str]", list, attr="words"),
    Param("city", _text(120), fields.String()),
    Param("state", _text(120), fields.String()),
    Param("postal_code", _text(20), fields.String()),
    Param("property_type", _choices(PropertyType), fields.String(**_described(
        "comma list of " + ", ".join(t.value for t in PropertyType))), "list[str]", list,
          attr="property_types"),
    Param("listing_type", _choices(ListingType, "one of sale, rent"),
          fields.String(validate=validate.OneOf([t.value for t in ListingType]))),
    Param("status", _status, fields.String(**_described("default active; withdrawn: own only")),
          "str", ListingStatus.ACTIVE.value),
    Param("min_price", _int(0, MAX_PRICE), _range(fields.Integer, 0, MAX_PRICE), "int | None"),
    Param("max_price", _int(0, MAX_PRICE), _range(fields.Integer, 0, MAX_PRICE), "int | None"),
    Param("min_bedrooms", _int(0, 100), _range(fields.Integer, 0, 100), "int | None"),
    Param("max_bedrooms", _int(0, 100), _range(fields.Integer, 0, 100), "int | None"),
    Param("min_bathrooms", _float(0, 100), _range(fields.Float, 0, 100), "float | None"),
    Param("min_area", _int(0, MAX_AREA), _range(fields.Integer, 0, MAX_AREA), "int | None"),
    Param("max_area", _int(0, MAX_AREA), _range(fields.Integer, 0, MAX_AREA), "int | None"),
    Param("amenities", _amenities, fields.String(**_described(
        f"comma list of at most {MAX_AMENITIES}, each at most {AMENITY_LENGTH} characters; "
        "all must match")), "list[str]", list),
    Param("lat", _float(-90, 90), _range(fields.Float, -90, 90), "float | None"),
    Param("lng", _float(-180, 180), _range(fields.Float, -180, 180), "float | None"),
    Param("radius_km", _radius, _range(fields.Float, 0.001, MAX_RADIUS_KM,
                                       **_described("with lat and lng")), "float | None"),
    Param("bbox", _bbox, fields.String(**_described("min_lng,min_lat,max_lng,max_lat")),
          "tuple[float, float, float, float] | None"),
    Param("owner_id", _int(1, MAX_ID), _range(fields.Integer, 1, MAX_ID), "int | None"),
    Param("updated_since", lambda raw, name, p: query_time({name: raw} if raw else {}, name),
          fields.DateTime(**_described(f"ISO 8601 time, {TIME_RANGE}; UTC when it names no "
                                       "offset")), "datetime | None"),
    Param("sort", _sort, fields.String(**_described(
        ", ".join(f"{s} (default)" if s == "newest" else s for s in SORTS))), "str", "newest"),
    Param("limit", lambda raw, name, p: _int(1, MAX_LIMIT)(raw, name, p) or DEFAULT_LIMIT,
          _range(fields.Integer, 1, MAX_LIMIT, **_described(f"default {DEFAULT_LIMIT}")),
          "int", DEFAULT_LIMIT),
    Param("cursor", lambda raw, name, p: raw or None, fields.String(**_described(CURSOR_DOC))),
)
KNOWN = frozenset(p.name for p in PARAMS)


def _has_geo(self: Any) -> bool:
    return self.radius_km is not None or self.bbox is not None


def _fingerprint(self: Any) -> str:
    """Identifies the filters and sort, so a cursor is only reused with its own query."""
    data = asdict(self)
    data.pop("cursor")
    data.pop("limit")
    data["updated_since"] = self.updated_since.isoformat() if self.updated_since else None
    raw = json.dumps(data, sort_keys=True, default=str).encode()
    return hashlib.blake2s(raw, digest_size=6).hexdigest()


# The typed filters: one attribute per parameter, as PARAMS declares them.
SearchParams = make_dataclass(
    "SearchParams",
    [(p.attr or p.name, p.type, field(default_factory=p.default) if callable(p.default)
      else field(default=p.default)) for p in PARAMS],
    namespace={"has_geo": property(_has_geo), "fingerprint": _fingerprint,
               "__module__": __name__})

# The OpenAPI query parameters of the search, from the same table.
SearchQuery = Schema.from_dict({p.name: p.doc for p in PARAMS}, name="SearchQuery")


def parse_search(args: dict[str, Any], viewer_id: int | None) -> Any:
    """`args` maps a name to its first value; a SearchParams, or a 400 naming the first
    parameter in the table's order that is wrong."""
    unknown = sorted(set(args) - KNOWN)
    if unknown:
        raise ApiError(400, Code.BAD_REQUEST, "unknown query parameter(s)",
                       {name: ["unknown parameter"] for name in unknown})
    p = SearchParams()
    for param in PARAMS:
        setattr(p, param.attr or param.name, param.read(args.get(param.name), param.name, p))
    if p.status == ListingStatus.WITHDRAWN:
        # Withdrawn listings are visible only to their owner.
        if viewer_id is None:
            raise ApiError(401, Code.UNAUTHORIZED, "sign in to see your withdrawn listings")
        if p.owner_id not in (None, viewer_id):
            raise ApiError(403, Code.FORBIDDEN, "withdrawn listings are visible to their owner only")
        p.owner_id = viewer_id
    return p
