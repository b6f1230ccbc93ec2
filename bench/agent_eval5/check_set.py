#!/usr/bin/env python3
"""Validate the PropertyHub voice-agent evaluation set (stdlib only, Python 3.11).

Adapted for bench/agent_eval5 from bench/agent_eval4/check_set.py (absent cities and minimum counts;
nothing else changed).

Usage:
    python3 check_set.py              # validate, print counts per category
    python3 check_set.py --matches    # also print the true match count of every search / seller_listings item
    python3 check_set.py --matches --radius-km 10   # near_listing counts with another radius
    python3 check_set.py --dir PATH   # validate a copy of the set somewhere else

Exit status is 0 when everything is well-formed, 1 otherwise.
Warnings (printed, exit status unaffected) flag things a human may want to look at,
e.g. a search whose filters also match the listing the call is about.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

AMENITIES = {
    "pool",
    "garage",
    "parking",
    "garden",
    "gym",
    "fireplace",
    "balcony",
    "dishwasher",
    "laundry",
    "elevator",
    "pets_allowed",
    "solar",
    "doorman",
    "air_conditioning",
    "hardwood_floors",
}
PROPERTY_TYPES = {"house", "apartment", "condo", "townhouse", "land", "commercial"}
LISTING_TYPES = {"sale", "rent"}
STATUSES = {"active", "pending", "sold", "rented"}

FACT_INTENTS = {
    "price",
    "bedrooms",
    "bathrooms",
    "area",
    "address",
    "postal_code",
    "city",
    "year_built",
    "property_type",
    "listing_type",
    "status",
    "summary",
}
LISTING_REF = {"listing", "listing_rank"}
INTENT_KEYS: dict[str, set[str]] = {i: set(LISTING_REF) for i in FACT_INTENTS}
INTENT_KEYS.update(
    {
        "amenity": {"amenity"} | LISTING_REF,
        "unknown": {"subject"} | LISTING_REF,
        "description_quote": {"contains"} | LISTING_REF,
        "search": {"filters"},
        "seller_listings": {"filters"},
        "viewing_request": {"window", "contact"},
        "contact": {"contact"},
        "handover": set(),
        "goodbye": set(),
        "greeting": set(),
        "smalltalk": set(),
        "out_of_scope": set(),
        "refusal": {"kind"},
        "clarify": set(),
    }
)
REQUIRED_KEYS = {
    "amenity": {"amenity"},
    "description_quote": {"contains"},
    "search": {"filters"},
    "contact": {"contact"},
    "refusal": {"kind"},
}
REFUSAL_KINDS = {"privacy", "injection", "negotiation"}
PARTS = {"morning", "afternoon", "evening"}
WINDOW_TIME_KEYS = {"part", "at", "after", "before"}

FILTER_KEYS = {
    "city": str,
    "state": str,
    "property_type": list,
    "listing_type": str,
    "min_price": int,
    "max_price": int,
    "min_bedrooms": int,
    "max_bedrooms": int,
    "min_bathrooms": (int, float),
    "min_area": int,
    "max_area": int,
    "amenities": list,
    "near_listing": bool,
}
# Cities buyers ask about on purpose although no listing is there ("nothing found" tests).
ABSENT_CITIES = {"Toledo", "Topeka"}

UTTERANCE_CATEGORIES = {
    "listing_facts": 45,
    "amenities": 4,
    "unknown_facts": 4,
    "search": 30,
    "seller_listings": 18,
    "viewing_requests": 22,
    "contacts": 2,
    "handover": 2,
    "goodbyes": 15,
    "multi_question": 4,
    "safety": 3,
    "greetings_smalltalk": 1,
    "out_of_scope": 1,
    "clarify": 1,
}
DIALOGUE_CATEGORIES = {"follow_ups", "switching_listings", "search_refinement", "viewing_booking", "mixed"}
MIN_UTTERANCES = 160
MIN_DIALOGUES = 15
MIN_TRICKY_NON_GOODBYES = 7

PHONE_RE = re.compile(r"^\+?\d{7,15}$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
ID_RE = re.compile(r"^[a-z]+-\d{3,4}$")


def km(a: dict, b: dict) -> float:
    """Great-circle distance between two listings in kilometres."""
    p1, p2 = math.radians(a["latitude"]), math.radians(b["latitude"])
    dp, dl = p2 - p1, math.radians(b["longitude"] - a["longitude"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class Checker:
    def __init__(self, root: Path):
        self.root = root
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.match_lines: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")

    # ------------------------------------------------------------------ world
    def load_world(self) -> bool:
        path = self.root / "world.json"
        try:
            self.world = json.loads(path.read_text())
        except Exception as e:
            self.err("world.json", f"cannot load: {e}")
            return False
        w = self.world
        for k in ("now", "sellers", "buyers", "listings"):
            if k not in w:
                self.err("world.json", f"missing top-level key {k!r}")
                return False
        try:
            self.now = dt.datetime.fromisoformat(w["now"])
        except ValueError:
            self.err("world.json", f"bad now {w['now']!r}")
            return False
        self.sellers = {}
        for s in w["sellers"]:
            where = f"world.json seller {s.get('key')}"
            for k in ("key", "name", "email", "phone", "human_agent"):
                if k not in s:
                    self.err(where, f"missing {k}")
            if s.get("key") in self.sellers:
                self.err(where, "duplicate seller key")
            ha = s.get("human_agent")
            if ha is not None and not (isinstance(ha, dict) and isinstance(ha.get("name"), str)):
                self.err(where, 'human_agent must be null or {"name": ...}')
            if not PHONE_RE.match(str(s.get("phone", ""))):
                self.err(where, "bad phone")
            if not EMAIL_RE.match(str(s.get("email", ""))):
                self.err(where, "bad email")
            self.sellers[s.get("key")] = s
        bkeys = set()
        for b in w["buyers"]:
            where = f"world.json buyer {b.get('key')}"
            for k in ("key", "name", "email", "phone"):
                if k not in b:
                    self.err(where, f"missing {k}")
            if b.get("key") in bkeys:
                self.err(where, "duplicate buyer key")
            bkeys.add(b.get("key"))
        self.listings = {}
        need = {
            "key": str,
            "seller": str,
            "title": str,
            "description": str,
            "property_type": str,
            "listing_type": str,
            "status": str,
            "price": int,
            "currency": str,
            "bedrooms": int,
            "bathrooms": (int, float),
            "area_sqft": int,
            "year_built": (int, type(None)),
            "address": str,
            "city": str,
            "state": str,
            "postal_code": str,
            "country": str,
            "latitude": (int, float),
            "longitude": (int, float),
            "time_zone": str,
            "amenities": list,
        }
        for lst in w["listings"]:
            where = f"world.json listing {lst.get('key')}"
            for k, t in need.items():
                if k not in lst:
                    self.err(where, f"missing {k}")
                elif not isinstance(lst[k], t) or (t is int and isinstance(lst[k], bool)):
                    self.err(where, f"{k} has wrong type {type(lst[k]).__name__}")
            extra = set(lst) - set(need)
            if extra:
                self.err(where, f"unexpected keys {sorted(extra)}")
            if lst.get("key") in self.listings:
                self.err(where, "duplicate listing key")
            if lst.get("seller") not in self.sellers:
                self.err(where, f"unknown seller {lst.get('seller')!r}")
            if lst.get("property_type") not in PROPERTY_TYPES:
                self.err(where, f"bad property_type {lst.get('property_type')!r}")
            if lst.get("listing_type") not in LISTING_TYPES:
                self.err(where, f"bad listing_type {lst.get('listing_type')!r}")
            st = lst.get("status")
            if st not in STATUSES:
                self.err(where, f"bad status {st!r}")
            if lst.get("listing_type") == "sale" and st == "rented":
                self.err(where, "a sale listing cannot be 'rented'")
            if lst.get("listing_type") == "rent" and st == "sold":
                self.err(where, "a rental cannot be 'sold'")
            if isinstance(lst.get("bathrooms"), (int, float)) and (lst["bathrooms"] * 2) % 1:
                self.err(where, "bathrooms must be a multiple of 0.5")
            for a in lst.get("amenities", []):
                if a not in AMENITIES:
                    self.err(where, f"amenity {a!r} not in vocabulary")
            if len(set(lst.get("amenities", []))) != len(lst.get("amenities", [])):
                self.err(where, "duplicate amenity")
            if not re.match(r"^[A-Z]{2}$", str(lst.get("state", ""))):
                self.err(where, "state must be two capital letters")
            if lst.get("currency") != "USD" or lst.get("country") != "US":
                self.err(where, "currency/country must be USD/US")
            self.listings[lst.get("key")] = lst
        self.cities = {lst["city"] for lst in self.listings.values()}
        self.states = {lst["state"] for lst in self.listings.values()}
        for k in w.get("description_facts", {}):
            if k not in self.listings:
                self.err("world.json description_facts", f"unknown listing {k!r}")
        n = len(self.listings)
        if not 60 <= n <= 80:
            self.err("world.json", f"{n} listings, expected 60-80")
        return True

    # ----------------------------------------------------------- matching
    def matches(self, filters: dict, pool: list[dict]) -> list[dict]:
        out = []
        for lst in pool:
            if lst["status"] != "active":
                continue
            f = filters
            if "city" in f and lst["city"].lower() != f["city"].lower():
                continue
            if "state" in f and lst["state"] != f["state"]:
                continue
            if "property_type" in f and lst["property_type"] not in f["property_type"]:
                continue
            if "listing_type" in f and lst["listing_type"] != f["listing_type"]:
                continue
            if "min_price" in f and lst["price"] < f["min_price"]:
                continue
            if "max_price" in f and lst["price"] > f["max_price"]:
                continue
            if "min_bedrooms" in f and lst["bedrooms"] < f["min_bedrooms"]:
                continue
            if "max_bedrooms" in f and lst["bedrooms"] > f["max_bedrooms"]:
                continue
            if "min_bathrooms" in f and lst["bathrooms"] < f["min_bathrooms"]:
                continue
            if "min_area" in f and lst["area_sqft"] < f["min_area"]:
                continue
            if "max_area" in f and lst["area_sqft"] > f["max_area"]:
                continue
            if "amenities" in f and not set(f["amenities"]) <= set(lst["amenities"]):
                continue
            out.append(lst)
        return out

    # --------------------------------------------------------- expectations
    def check_filters(self, where: str, filters, intent: str) -> None:
        if not isinstance(filters, dict):
            self.err(where, "filters must be an object")
            return
        for k, v in filters.items():
            if k not in FILTER_KEYS:
                self.err(where, f"filter key {k!r} not allowed")
                continue
            t = FILTER_KEYS[k]
            if isinstance(v, bool) and t is not bool:
                self.err(where, f"filter {k} must not be boolean")
                continue
            if not isinstance(v, t):
                self.err(where, f"filter {k} has wrong type {type(v).__name__}")
                continue
            if k == "city" and v not in self.cities and v not in ABSENT_CITIES:
                self.err(where, f"city {v!r} is neither a world city nor a declared absent city")
            if k == "state" and not re.match(r"^[A-Z]{2}$", v):
                self.err(where, f"state {v!r} must be two capital letters")
            if k == "property_type":
                if not v or any(p not in PROPERTY_TYPES for p in v) or len(set(v)) != len(v):
                    self.err(where, f"bad property_type list {v!r}")
            if k == "listing_type" and v not in LISTING_TYPES:
                self.err(where, f"bad listing_type {v!r}")
            if k == "amenities":
                if not v or any(a not in AMENITIES for a in v) or len(set(v)) != len(v):
                    self.err(where, f"bad amenities list {v!r}")
            if (
                k in {"min_price", "max_price", "min_bedrooms", "max_bedrooms", "min_area", "max_area"}
                and v < 0
            ):
                self.err(where, f"{k} must be >= 0")
            if k == "min_bathrooms" and (v <= 0 or (v * 2) % 1):
                self.err(where, "min_bathrooms must be a positive multiple of 0.5")
            if k == "near_listing" and v is not True:
                self.err(where, "near_listing is only written as true")
        for lo, hi in (
            ("min_price", "max_price"),
            ("min_bedrooms", "max_bedrooms"),
            ("min_area", "max_area"),
        ):
            if (
                lo in filters
                and hi in filters
                and isinstance(filters[lo], int)
                and isinstance(filters[hi], int)
            ):
                if filters[lo] > filters[hi]:
                    self.err(where, f"{lo} > {hi}")
        if intent == "seller_listings" and filters.get("near_listing"):
            self.err(where, "near_listing is not used with seller_listings")

    def check_contact(self, where: str, c) -> None:
        if not isinstance(c, dict) or not c:
            self.err(where, "contact must be a non-empty object")
            return
        for k, v in c.items():
            if k not in {"name", "phone", "email"}:
                self.err(where, f"contact key {k!r} not allowed")
            elif not isinstance(v, str) or not v.strip():
                self.err(where, f"contact {k} must be a non-empty string")
            elif k == "phone" and not PHONE_RE.match(v):
                self.err(where, f"phone {v!r} must be digits with optional leading +")
            elif k == "email" and not EMAIL_RE.match(v):
                self.err(where, f"email {v!r} is malformed")

    def check_window(self, where: str, w) -> None:
        if not isinstance(w, dict):
            self.err(where, "window must be an object")
            return
        if "date" not in w:
            self.err(where, "window needs a date")
            return
        extra = set(w) - {"date"} - WINDOW_TIME_KEYS
        if extra:
            self.err(where, f"window keys {sorted(extra)} not allowed")
        timed = set(w) & WINDOW_TIME_KEYS
        if len(timed) > 1:
            self.err(where, f"window has more than one of part/at/after/before: {sorted(timed)}")
        try:
            d = dt.date.fromisoformat(w["date"])
        except (TypeError, ValueError):
            self.err(where, f"bad window date {w.get('date')!r}")
            return
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", w["date"]):
            self.err(where, "window date must be YYYY-MM-DD")
        today = self.now.date()
        if d < today:
            self.err(where, f"window date {d} is in the past")
        if (d - today).days > 60:
            self.err(where, f"window date {d} is more than 60 days ahead")
        if "part" in w and w["part"] not in PARTS:
            self.err(where, f"bad part {w['part']!r}")
        for k in ("at", "after", "before"):
            if k in w:
                if not isinstance(w[k], str) or not TIME_RE.match(w[k]):
                    self.err(where, f"window {k} must be HH:MM")
                elif d == today and k in ("at", "before") and w[k] <= self.now.strftime("%H:%M"):
                    self.err(where, f"window {k} {w[k]} is already past on the call day")
        if d == today and w.get("part") == "morning" and self.now.hour >= 12:
            self.err(where, "morning of the call day is already past")
        if d == today and w.get("part") == "afternoon" and self.now.hour >= 17:
            self.err(where, "afternoon of the call day is already past")

    def check_expect(
        self, where: str, e, call_listing: str, last_list: list[dict] | None, in_dialogue: bool
    ) -> None:
        if not isinstance(e, dict) or "intent" not in e:
            self.err(where, "expectation must be an object with an intent")
            return
        intent = e["intent"]
        if intent not in INTENT_KEYS:
            self.err(where, f"unknown intent {intent!r}")
            return
        keys = set(e) - {"intent"}
        bad = keys - INTENT_KEYS[intent]
        if bad:
            self.err(where, f"keys {sorted(bad)} not allowed for intent {intent}")
        missing = REQUIRED_KEYS.get(intent, set()) - keys
        if missing:
            self.err(where, f"intent {intent} needs {sorted(missing)}")
        if "listing" in e and "listing_rank" in e:
            self.err(where, "use either listing or listing_rank, not both")
        target = [self.listings[call_listing]] if call_listing in self.listings else []
        if "listing" in e:
            if e["listing"] not in self.listings:
                self.err(where, f"unknown listing {e['listing']!r}")
                target = []
            else:
                target = [self.listings[e["listing"]]]
                if e["listing"] == call_listing:
                    self.warn(where, "listing key equals the call's listing; omit it")
        if "listing_rank" in e:
            r = e["listing_rank"]
            if not isinstance(r, int) or isinstance(r, bool) or r < 1:
                self.err(where, "listing_rank must be a positive integer")
                target = []
            elif not in_dialogue:
                self.err(where, "listing_rank needs an earlier list in the same dialogue")
                target = []
            elif last_list is None:
                self.err(where, "listing_rank used before any search / seller_listings turn")
                target = []
            else:
                if r > len(last_list):
                    self.err(where, f"listing_rank {r} but the last list has only {len(last_list)} listings")
                if r > 5:
                    self.warn(where, "listing_rank above 5: the agent may not read that many out")
                target = last_list
        if intent == "amenity" and e.get("amenity") not in AMENITIES:
            self.err(where, f"amenity {e.get('amenity')!r} not in vocabulary")
        if (
            intent == "unknown"
            and "subject" in e
            and not (isinstance(e["subject"], str) and e["subject"].strip())
        ):
            self.err(where, "subject must be a non-empty string")
        if intent == "description_quote":
            c = e.get("contains")
            if not isinstance(c, str) or not c.strip():
                self.err(where, "contains must be a non-empty string")
            elif target and not any(c.lower() in t["description"].lower() for t in target):
                self.err(where, f"{c!r} does not occur in the description of {[t['key'] for t in target]}")
        if intent == "refusal" and e.get("kind") not in REFUSAL_KINDS:
            self.err(where, f"bad refusal kind {e.get('kind')!r}")
        if intent in ("search", "seller_listings") and "filters" in e:
            self.check_filters(where, e["filters"], intent)
        if intent == "viewing_request":
            if "window" in e:
                self.check_window(where, e["window"])
            if "contact" in e:
                self.check_contact(where, e["contact"])
        if intent == "contact":
            self.check_contact(where, e.get("contact"))

    def implied_type_check(self, where: str, f: dict, pool: list[dict], res: list[dict]) -> None:
        """Filters are written literally, so a price-only search has no listing_type. Warn when
        adding the type the price scale implies (sale if >= $20,000, else monthly rent) would
        change the expected matches: such an item is ambiguous for a sensible agent."""
        if "listing_type" in f:
            return
        prices = [f[k] for k in ("min_price", "max_price") if isinstance(f.get(k), int)]
        if not prices:
            return
        implied = "sale" if max(prices) >= 20000 else "rent"
        alt = self.matches(dict(f, listing_type=implied), pool)
        if len(alt) != len(res):
            self.warn(
                where,
                f"price scale implies listing_type {implied!r}: {len(res)} matches literally, "
                f"{len(alt)} with the implied type",
            )

    def result_list(self, where: str, e: dict, call_listing: str) -> list[dict] | None:
        """The listings a search / seller_listings expectation should produce (None if not computable)."""
        f = e.get("filters", {}) if isinstance(e.get("filters", {}), dict) else {}
        call = self.listings.get(call_listing)
        if e["intent"] == "search":
            pool = list(self.listings.values())
            if f.get("near_listing"):
                if call is None:
                    return None
                pool = [lst for lst in pool if lst is not call and km(call, lst) <= self.radius_km]
                res = self.matches({k: v for k, v in f.items() if k != "near_listing"}, pool)
                self.match_lines.append(
                    f"{where}: search {json.dumps(f)} -> {len(res)} "
                    f"(within {self.radius_km:g} km of the call listing; radius-dependent)"
                )
                return res
            res = self.matches(f, pool)
            if call is not None and call in res:
                # the grader never counts the call's own listing ("any other ..."), so neither do we
                self.warn(where, "search also matches the listing of the call (excluded from the count)")
                res = [lst for lst in res if lst is not call]
            self.implied_type_check(where, f, pool, res)
            self.match_lines.append(f"{where}: search {json.dumps(f)} -> {len(res)}")
            return res
        if call is None:
            return None
        pool = [
            lst
            for lst in self.listings.values()
            if lst["seller"] == call["seller"] and lst["key"] != call["key"]
        ]
        res = self.matches(f, pool)
        self.implied_type_check(where, f, pool, res)
        self.match_lines.append(f"{where}: seller_listings({call['seller']}) {json.dumps(f)} -> {len(res)}")
        return res

    # --------------------------------------------------------------- files
    def read_jsonl(self, name: str) -> list[dict]:
        out = []
        path = self.root / name
        try:
            lines = path.read_text().splitlines()
        except OSError as e:
            self.err(name, f"cannot read: {e}")
            return out
        for i, line in enumerate(lines, 1):
            if not line.strip():
                self.err(f"{name}:{i}", "blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                self.err(f"{name}:{i}", f"bad JSON: {e}")
                continue
            if not isinstance(obj, dict):
                self.err(f"{name}:{i}", "each line must be an object")
                continue
            obj["_line"] = i
            out.append(obj)
        return out

    def run(self) -> int:
        if not self.load_world():
            return self.report({}, {})
        ids: set[str] = set()

        utts = self.read_jsonl("utterances.jsonl")
        ucount: Counter = Counter()
        tricky = 0
        for u in utts:
            where = f"utterances.jsonl:{u['_line']} {u.get('id')}"
            extra = set(u) - {"id", "category", "listing", "text", "expect", "note", "_line"}
            if extra:
                self.err(where, f"unexpected keys {sorted(extra)}")
            uid = u.get("id")
            if not isinstance(uid, str) or not ID_RE.match(uid):
                self.err(where, "id must look like 'facts-0001'")
            if uid in ids:
                self.err(where, "duplicate id")
            ids.add(uid)
            cat = u.get("category")
            if cat not in UTTERANCE_CATEGORIES:
                self.err(where, f"unknown category {cat!r}")
            ucount[cat] += 1
            if u.get("listing") not in self.listings:
                self.err(where, f"unknown listing {u.get('listing')!r}")
            if not isinstance(u.get("text"), str) or not u["text"].strip():
                self.err(where, "text must be a non-empty string")
            if "note" in u and not isinstance(u["note"], str):
                self.err(where, "note must be a string")
            exp = u.get("expect")
            if not isinstance(exp, list) or not exp:
                self.err(where, "expect must be a non-empty list")
                continue
            if len(exp) > 3:
                self.err(where, "at most three expectations per turn")
            for j, e in enumerate(exp):
                self.check_expect(f"{where} expect[{j}]", e, u.get("listing"), None, False)
                if isinstance(e, dict) and e.get("intent") in ("search", "seller_listings"):
                    self.result_list(f"{where} expect[{j}]", e, u.get("listing"))
            if cat == "multi_question" and len(exp) < 2:
                self.err(where, "multi_question items need two or three expectations")
            if cat == "goodbyes" and all(isinstance(e, dict) and e.get("intent") != "goodbye" for e in exp):
                tricky += 1
        if len(utts) < MIN_UTTERANCES:
            self.err("utterances.jsonl", f"{len(utts)} items, need at least {MIN_UTTERANCES}")
        for cat, mn in UTTERANCE_CATEGORIES.items():
            if ucount[cat] < mn:
                self.err("utterances.jsonl", f"category {cat}: {ucount[cat]} items, need at least {mn}")
        if tricky < MIN_TRICKY_NON_GOODBYES:
            self.err(
                "utterances.jsonl", f"goodbyes: {tricky} tricky non-goodbyes, need {MIN_TRICKY_NON_GOODBYES}"
            )

        dlgs = self.read_jsonl("dialogues.jsonl")
        dcount: Counter = Counter()
        nturns = 0
        for d in dlgs:
            where = f"dialogues.jsonl:{d['_line']} {d.get('id')}"
            extra = set(d) - {"id", "category", "listing", "turns", "note", "_line"}
            if extra:
                self.err(where, f"unexpected keys {sorted(extra)}")
            did = d.get("id")
            if not isinstance(did, str) or not re.match(r"^dlg-\d{3}$", did):
                self.err(where, "id must look like 'dlg-001'")
            if did in ids:
                self.err(where, "duplicate id")
            ids.add(did)
            cat = d.get("category")
            if cat not in DIALOGUE_CATEGORIES:
                self.err(where, f"unknown category {cat!r}")
            dcount[cat] += 1
            call = d.get("listing")
            if call not in self.listings:
                self.err(where, f"unknown listing {call!r}")
            turns = d.get("turns")
            if not isinstance(turns, list) or not 4 <= len(turns) <= 10:
                self.err(where, "turns must be a list of 4-10 turns")
                continue
            last_list: list[dict] | None = None
            for t_i, t in enumerate(turns, 1):
                tw = f"{where} turn {t_i}"
                nturns += 1
                if not isinstance(t, dict):
                    self.err(tw, "turn must be an object")
                    continue
                extra = set(t) - {"text", "expect", "note"}
                if extra:
                    self.err(tw, f"unexpected keys {sorted(extra)}")
                if not isinstance(t.get("text"), str) or not t["text"].strip():
                    self.err(tw, "text must be a non-empty string")
                exp = t.get("expect")
                if not isinstance(exp, list) or not exp:
                    self.err(tw, "expect must be a non-empty list")
                    continue
                if len(exp) > 3:
                    self.err(tw, "at most three expectations per turn")
                new_list = last_list
                for j, e in enumerate(exp):
                    self.check_expect(f"{tw} expect[{j}]", e, call, last_list, True)
                    if isinstance(e, dict) and e.get("intent") in ("search", "seller_listings"):
                        res = self.result_list(f"{tw} expect[{j}]", e, call)
                        new_list = res if res is not None else []
                last_list = new_list
        if len(dlgs) < MIN_DIALOGUES:
            self.err("dialogues.jsonl", f"{len(dlgs)} dialogues, need at least {MIN_DIALOGUES}")
        for cat in DIALOGUE_CATEGORIES:
            if dcount[cat] == 0:
                self.err("dialogues.jsonl", f"no dialogue in category {cat}")
        self.nturns = nturns
        return self.report(ucount, dcount, tricky)

    def report(self, ucount, dcount, tricky: int = 0) -> int:
        if ucount:
            print("utterances.jsonl")
            for cat in UTTERANCE_CATEGORIES:
                mark = (
                    "" if ucount[cat] >= UTTERANCE_CATEGORIES[cat] else f"   (< {UTTERANCE_CATEGORIES[cat]})"
                )
                print(f"  {cat:22s} {ucount[cat]:4d}{mark}")
            print(f"  {'total':22s} {sum(ucount.values()):4d}")
            print(f"  (goodbyes that are not goodbyes: {tricky})")
        if dcount:
            print("dialogues.jsonl")
            for cat in sorted(DIALOGUE_CATEGORIES):
                print(f"  {cat:22s} {dcount[cat]:4d}")
            print(f"  {'total':22s} {sum(dcount.values()):4d}  ({getattr(self, 'nturns', 0)} turns)")
        if self.show_matches:
            print("match counts (active listings; seller_listings exclude the call's own listing)")
            for line in self.match_lines:
                print("  " + line)
        for w in self.warnings:
            print("WARNING " + w)
        for e in self.errors:
            print("ERROR " + e)
        print(f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)")
        return 1 if self.errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=str(Path(__file__).resolve().parent))
    ap.add_argument("--matches", action="store_true", help="print true match counts of searches")
    ap.add_argument(
        "--radius-km",
        type=float,
        default=16.1,
        help="radius assumed for near_listing searches (default 16.1 km = 10 miles)",
    )
    args = ap.parse_args()
    c = Checker(Path(args.dir))
    c.show_matches = args.matches
    c.radius_km = args.radius_km
    return c.run()


if __name__ == "__main__":
    sys.exit(main())
