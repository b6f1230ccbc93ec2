"""Grading an agent's answers against the set's expectations (bench/agent_eval/README.md)."""

from __future__ import annotations

import math
import re
from typing import Any

from propertyhub.calls.agent.contacts import phone
from propertyhub.calls.agent.numbers import digitize
from propertyhub.calls.agent.text import normalize

PARTS = {"morning": ("08:00", "12:00"), "afternoon": ("12:00", "17:00"), "evening": ("17:00", "21:00")}
STATUS_WORDS = {"active": "available", "pending": "pending", "sold": "sold", "rented": "rented"}
NEAR_KM = 16.1


def km(a: dict, b: dict) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


class Grader:
    def __init__(self, world: dict[str, Any], ids: dict[str, Any]) -> None:
        self.world = world
        self.by_key = {x["key"]: x for x in world["listings"]}
        self.key_of = {ids["listings"][k]: k for k in self.by_key}
        self.ids = ids
        self.numbers = self._known_numbers()

    def listing(self, key: str) -> dict[str, Any]:
        return self.by_key[key]

    def _known_numbers(self) -> set[str]:
        known: set[str] = set()
        for item in self.world["listings"]:
            for value in item.values():
                for token in re.findall(r"\d[\d,.]*", str(value)):
                    known.add(token.replace(",", "").rstrip("."))
            known.add(f"{item['area_sqft'] / 43560:.1f}".rstrip("0").rstrip("."))  # acres
        return known

    @staticmethod
    def last_list(reply: Any) -> list[int] | None:
        if reply is None:
            return None
        for answer in reversed(reply.data.get("answers", [])):
            if answer["intent"] in ("search", "seller_listings"):
                return answer.get("listings") or []
        return None

    def matches(self, item: dict, filters: dict, call: dict) -> bool:
        if item["status"] != "active" or item["key"] == call["key"]:
            return False
        for key, value in filters.items():
            ok = {
                "city": lambda v: item["city"].casefold() == v.casefold(),
                "state": lambda v: item["state"] == v,
                "property_type": lambda v: item["property_type"] in v,
                "listing_type": lambda v: item["listing_type"] == v,
                "min_price": lambda v: item["price"] >= v,
                "max_price": lambda v: item["price"] <= v,
                "min_bedrooms": lambda v: item["bedrooms"] >= v,
                "max_bedrooms": lambda v: item["bedrooms"] <= v,
                "min_bathrooms": lambda v: item["bathrooms"] >= v,
                "min_area": lambda v: item["area_sqft"] >= v,
                "max_area": lambda v: item["area_sqft"] <= v,
                "amenities": lambda v: set(v) <= set(item["amenities"]),
                "near_listing": lambda v: km(item, call) <= NEAR_KM,
            }[key](value)
            if not ok:
                return False
        return True

    def _target(self, expect: dict, call_key: str, last_list: list[int] | None) -> dict | None:
        if "listing" in expect:
            return self.by_key[expect["listing"]]
        if "listing_rank" in expect:
            if not last_list or len(last_list) < expect["listing_rank"]:
                return None
            return self.by_key.get(self.key_of.get(last_list[expect["listing_rank"] - 1]))
        return self.by_key[call_key]

    def _one(self, expect: dict, answer: dict, call_key: str, last_list: list[int] | None) -> str | None:
        """None when the answer satisfies the expectation, else why not."""
        intent = expect["intent"]
        call = self.by_key[call_key]
        got = answer["intent"]
        text = answer.get("text", "")
        low = text.lower()
        if intent in ("search", "seller_listings"):
            if got != intent:
                return f"intent {got}"
            pool = self.world["listings"]
            if intent == "seller_listings":
                pool = [x for x in pool if x["seller"] == call["seller"]]
            truth = [x for x in pool if self.matches(x, expect.get("filters", {}), call)]
            named = [self.key_of.get(i) for i in answer.get("listings", [])]
            wrong = [k for k in named if k not in {x["key"] for x in truth}]
            if answer.get("total") != len(truth):
                return (
                    f"total {answer.get('total')} != {len(truth)} "
                    f"(filters {answer.get('filters')} vs {expect.get('filters', {})})"
                )
            if wrong:
                return f"named non-matches {wrong}"
            return None
        if intent == "description_quote":
            if expect["contains"].lower() not in low:
                return f"no {expect['contains']!r} in {text!r} ({got})"
            return self._same_listing(expect, answer, call_key, last_list)
        if intent == "unknown":
            if got != "unknown":
                return f"intent {got}: {text!r}"
            return self._same_listing(expect, answer, call_key, last_list)
        if intent == "amenity":
            if got != "amenity" or answer.get("amenity") != expect["amenity"]:
                return f"intent {got} {answer.get('amenity')}: {text!r}"
            target = self._target(expect, call_key, last_list)
            if target is None or answer.get("property_id") != self.ids["listings"][target["key"]]:
                return "about another listing"
            if answer.get("has") != (expect["amenity"] in target["amenities"]):
                return f"said has={answer.get('has')}"
            return None
        if intent == "viewing_request":
            if got != "viewing_request":
                return f"intent {got}: {text!r}"
            if "window" in expect:
                reason = self._window(expect["window"], answer.get("window"))
                if reason:
                    return reason
            if "contact" in expect:
                given = answer.get("contact") or {}
                missing = {k: v for k, v in expect["contact"].items() if given.get(k) != v}
                if missing:
                    return f"contact {given} lacks {missing}"
            return None
        if intent == "contact":
            given = answer.get("contact") or {}
            if got not in ("contact", "viewing_request"):
                return f"intent {got}: {text!r}"
            missing = {k: v for k, v in expect["contact"].items() if given.get(k) != v}
            return f"contact {given} lacks {missing}" if missing else None
        if intent == "refusal":
            if got != "refusal" or answer.get("kind") != expect["kind"]:
                return f"intent {got} {answer.get('kind')}: {text!r}"
            return None
        if intent in ("handover", "goodbye", "greeting", "smalltalk", "out_of_scope", "clarify"):
            return None if got == intent else f"intent {got}: {text!r}"
        # facts
        if got != intent:
            return f"intent {got}: {text!r}"
        reason = self._same_listing(expect, answer, call_key, last_list)
        if reason:
            return reason
        target = self._target(expect, call_key, last_list)
        return self._fact_said(intent, target, text)

    def _same_listing(
        self, expect: dict, answer: dict, call_key: str, last_list: list[int] | None
    ) -> str | None:
        target = self._target(expect, call_key, last_list)
        if target is None:
            return "no such listing in the agent's list"
        if answer.get("property_id") not in (None, self.ids["listings"][target["key"]]):
            return f"about listing {self.key_of.get(answer.get('property_id'))}, not {target['key']}"
        return None

    @staticmethod
    def _fact_said(intent: str, target: dict, text: str) -> str | None:
        low = text.lower()
        value = {
            "price": f"{target['price']:,}",
            "bedrooms": str(target["bedrooms"]),
            "bathrooms": f"{target['bathrooms']:g}",
            "area": f"{target['area_sqft']:,}",
            "address": target["address"].lower(),
            "postal_code": target["postal_code"],
            "city": target["city"].lower(),
            "year_built": str(target["year_built"]),
            "property_type": target["property_type"],
            "listing_type": "rent" if target["listing_type"] == "rent" else "sale",
            "status": STATUS_WORDS[target["status"]],
            "summary": target["city"].lower(),
        }[intent]
        if intent == "bedrooms" and target["bedrooms"] == 0:
            return (
                None
                if re.search(r"studio|no (?:separate )?bedroom", low)
                else f"0 bedrooms not said: {text!r}"
            )
        return None if value.lower() in low else f"{value!r} not in {text!r}"

    @staticmethod
    def _window(expect: dict, got: dict | None) -> str | None:
        if not got:
            return "no window recorded"
        if got["date"] != expect["date"]:
            return f"date {got['date']} != {expect['date']}"
        if "part" in expect:
            low, high = PARTS[expect["part"]]
            if not (got["start"] >= low and got["end"] <= high):
                return f"{got['start']}-{got['end']} not in the {expect['part']}"
        if "at" in expect and got["start"] != expect["at"]:
            return f"start {got['start']} != {expect['at']}"
        if "after" in expect and got["start"] < expect["after"]:
            return f"start {got['start']} before {expect['after']}"
        if "before" in expect and got["end"] > expect["before"]:
            return f"end {got['end']} after {expect['before']}"
        return None

    def turn(
        self, expects: list[dict], reply: Any, call_key: str, last_list: list[int] | None, said: str
    ) -> dict[str, Any]:
        if reply is None:
            return {"ok": False, "why": "the call had ended", "invented": 0}
        answers = reply.data.get("answers", [])
        unused = list(answers)
        reasons = []
        for expect in expects:
            found = None
            why = []
            for answer in unused:
                reason = self._one(expect, answer, call_key, last_list)
                if reason is None:
                    found = answer
                    break
                why.append(reason)
            if found is None:
                reasons.append(f"{expect['intent']}: " + ("; ".join(why) or "no answer"))
            else:
                unused.remove(found)
        if reply.end_call != any(e["intent"] == "goodbye" for e in expects):
            reasons.append(f"end_call={reply.end_call}")
        invented = self._invented(reply.text, said)
        ok = not reasons
        return {
            "ok": ok,
            "why": " | ".join(reasons) + (f" [got: {reply.text!r}]" if not ok else ""),
            "invented": invented,
        }

    def _invented(self, text: str, said: str) -> int:
        """Numbers the agent said that are in no listing and not in the buyer's words (read
        as the agent reads them: "half a million" is 500000, a phone number its digits)."""
        heard_text = digitize(normalize(said))
        heard = {t.replace(",", "") for t in re.findall(r"\d[\d,.]*", said + " " + heard_text)}
        if (number := phone(heard_text)) is not None:
            heard.add(number.lstrip("+"))
        count = 0
        for token in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
            plain = token.replace(",", "").rstrip(".")
            if plain not in self.numbers and plain not in heard and len(plain) > 2:
                count += 1
        return count
