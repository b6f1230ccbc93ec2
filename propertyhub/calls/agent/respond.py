"""One answer per question, from the data: the Responder resolves which listing a question
is about, asks the tools, keeps the dialogue state, and says it."""

from __future__ import annotations

import itertools
from datetime import datetime, time
from typing import Any

from propertyhub.calls.agent import booking
from propertyhub.calls.agent import facts as F
from propertyhub.calls.agent import patterns as P
from propertyhub.calls.agent import regex as re
from propertyhub.calls.agent.dialogue import MAX_NOTED, Dialogue
from propertyhub.calls.agent.lexicon import STATE_NAMES
from propertyhub.calls.agent.slots import amenities_in
from propertyhub.calls.agent.types import MAX_READ, Answer, CallContext, Tools
from propertyhub.calls.agent.understand import Ask
from propertyhub.calls.agent.when import Window, find_day, find_part, find_time, find_window

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "one",
        "on",
        "in",
        "at",
        "near",
        "by",
        "of",
        "this",
        "that",
        "place",
        "home",
        "unit",
        "which",
        "with",
        "and",
        "is",
        "it",
        "its",
        "what",
        "how",
        "much",
        "many",
        "there",
        "does",
        "do",
        "have",
        "has",
        "for",
        "about",
        "tell",
        "me",
        "more",
        "still",
        "available",
        "price",
        "year",
        "built",
    ]
)
_OPPOSITE = {
    "detached": "attached",
    "attached": "detached",
    "unheated": "heated",
    "uncovered": "covered",
    "unfenced": "fenced",
    "shared": "private",
    "private": "shared",
    "outdoor": "indoor",
    "indoor": "outdoor",
    "communal": "private",
}
_QUALITY = re.compile(
    r"\b(?:heated|fenced(?: in)?|covered|private|shared|indoor|outdoor|in ground|inground|above ground|"
    r"saltwater|salt water|screened|enclosed|assigned|gated|attached|detached|tankless|working|usable)\b"
)
_DETAIL_STOP = frozenset(
    ["does", "have", "what", "kind", "type", "there", "that", "this", "with", "from", "about"]
)
_GENERIC = frozenset(
    [
        "building",
        "complex",
        "property",
        "house",
        "home",
        "condo",
        "apartment",
        "townhouse",
        "townhome",
        "street",
        "avenue",
        "road",
        "drive",
        "lane",
        "boulevard",
        "unit",
        "apt",
        "suite",
        "the",
        "and",
        "for",
        "with",
        "near",
        "one",
        "place",
    ]
)
_TYPE_WORDS = {
    "house": "house",
    "condo": "condo",
    "apartment": "apartment",
    "townhouse": "townhouse",
    "townhome": "townhouse",
    "land": "land",
    "lot": "land",
    "studio": "apartment",
    "commercial": "commercial",
    "office": "commercial",
    "warehouse": "commercial",
    "loft": "apartment",
    "flat": "apartment",
    "cottage": "house",
    "bungalow": "house",
}
LIST_KINDS = ("search", "seller_listings")


def merge_window(
    current: Window | None, previous: dict[str, Any] | None, text: str, now: datetime
) -> Window | None:
    """A later turn that only gives a time ("in the evening") refines the day asked before."""
    if current is not None or not previous:
        return current
    day = datetime.fromisoformat(previous["date"]).date()
    part = find_part(text)
    if part is None and find_time(text, part) is None:
        return None
    window = find_window(f"{day:%B} {day.day} {text}".lower(), now)  # re-read on the known day
    return window if window is not None and window.day == day else None


def listing_words(listing: dict[str, Any]) -> set[str]:
    text = " ".join(str(listing.get(k) or "") for k in ("title", "address", "property_type", "city"))
    words = re.findall(r"[a-z]+", text.lower())
    # Speech-to-text joins what titles split: "riverwalk" for "River Walk".
    return set(words) | {a + b for a, b in itertools.pairwise(words)}


def matches(listing: dict[str, Any], filters: dict[str, Any]) -> bool:
    """Does a listing satisfy filters (to leave the call's own listing out of counts)."""
    if listing["status"] != "active":
        return False
    checks = {
        "city": lambda v: listing["city"].casefold() == v.casefold(),
        "state": lambda v: (listing.get("state") or "").upper() == v,
        "property_type": lambda v: listing["property_type"] in v,
        "listing_type": lambda v: listing["listing_type"] == v,
        "min_price": lambda v: listing["price"] >= v,
        "max_price": lambda v: listing["price"] <= v,
        "min_bedrooms": lambda v: listing["bedrooms"] >= v,
        "max_bedrooms": lambda v: listing["bedrooms"] <= v,
        "min_bathrooms": lambda v: listing["bathrooms"] >= v,
        "min_area": lambda v: listing["area_sqft"] >= v,
        "max_area": lambda v: listing["area_sqft"] <= v,
        "amenities": lambda v: set(v) <= set(listing.get("amenities") or []),
    }
    return all(checks[k](v) for k, v in filters.items() if k in checks)


def budget_sort(filters: dict[str, Any]) -> str:
    if "max_price" in filters:
        return "-price"  # the closest under the budget first
    if "min_price" in filters:
        return "price"
    return "newest"


RESIDENTIAL = ["apartment", "condo", "house", "townhouse"]
_ORDER_WORDS = {
    "price": "cheapest",
    "-price": "most expensive",
    "-area": "biggest",
    "area": "smallest",
    "-bedrooms": "with the most bedrooms",
}


def describe_filters(filters: dict[str, Any]) -> str:
    types = filters.get("property_type") or []
    if sorted(types) == RESIDENTIAL:
        types = []  # "homes"
    noun = (
        " or ".join(
            f"{t}s"
            if t not in ("land", "commercial")
            else ("commercial spaces" if t == "commercial" else "land")
            for t in types
        )
        or "homes"
    )
    bits = []
    if "min_bedrooms" in filters:
        bits.append(f"with {filters['min_bedrooms']}+ bedrooms")
    if filters.get("max_bedrooms") == 0:
        noun = "studios"
    if "min_bathrooms" in filters:
        bits.append(f"{filters['min_bathrooms']:g}+ bathrooms")
    if filters.get("amenities"):
        bits.append("with " + " and ".join(F.amenity_label(a) for a in filters["amenities"]))
    deal = {"rent": " for rent", "sale": " for sale"}.get(filters.get("listing_type"), "")
    rent = filters.get("listing_type") == "rent"
    per = " a month" if rent else ""
    if "min_price" in filters and "max_price" in filters:
        bits.append(f"between {F.money(filters['min_price'])} and {F.money(filters['max_price'])}{per}")
    elif "max_price" in filters:
        bits.append(f"under {F.money(filters['max_price'])}{per}")
    elif "min_price" in filters:
        bits.append(f"over {F.money(filters['min_price'])}{per}")
    if "min_area" in filters:
        bits.append(f"over {filters['min_area']:,} square feet")
    if "max_area" in filters:
        bits.append(f"under {filters['max_area']:,} square feet")
    where = ""
    if "city" in filters:
        state = STATE_NAMES.get(filters.get("state") or "")
        where = f" in {filters['city']}" + (f", {state}" if state else "")
    elif "state" in filters:
        where = f" in {filters['state']}"
    elif filters.get("near_listing"):
        where = " near this home"
    return f"{noun}{deal}{where}" + (", " + ", ".join(bits) if bits else "")


class Responder:
    def __init__(
        self, ctx: CallContext, tools: Tools, dialogue: Dialogue, turn: int | None, said: str = ""
    ) -> None:
        self.ctx, self.tools, self.d, self.turn = ctx, tools, dialogue, turn
        self.said = said.strip()  # the turn as the buyer said it
        self.listing = ctx.listing

    # -- which listing ----------------------------------------------------------------
    async def _get(self, listing_id: int | None) -> dict[str, Any] | None:
        if listing_id is None or listing_id == self.listing["id"]:
            return self.listing
        return await self.tools.listing(listing_id)

    async def targets(self, ask: Ask) -> list[dict[str, Any]] | None:
        """The listings a question is about; None when it cannot be told (ask back)."""
        ref = ask.ref
        if "rank" in ref and ref.get("said"):
            ask = Ask(ask.intent, ask.rule, ref["said"], ask.pos, ask.slots, ref)
        if "rank" in ref:
            if not self.d.last_list:
                return None
            rank = ref["rank"]
            index = len(self.d.last_list) - 1 if rank == -1 else rank - 1
            if not 0 <= index < len(self.d.last_list):
                return None
            self.d.focus = self.d.last_list[index]
            return [await self._focused()]
        if "pick" in ref:
            listed = [x for i in self.d.last_list if (x := await self._get(i)) is not None]
            if not listed:
                return None
            key = ref["pick"].lstrip("-")
            listed = [x for x in listed if x.get(key) is not None] or listed
            chosen = (max if ref["pick"].startswith("-") else min)(listed, key=lambda x: x.get(key) or 0)
            self.d.focus = None if chosen["id"] == self.listing["id"] else chosen["id"]
            return [chosen]
        if ref.get("all") and self.d.last_list:
            listed = [x for i in self.d.last_list[:MAX_READ] if (x := await self._get(i)) is not None]
            return listed or [self.listing]
        if ref.get("this"):
            self.d.focus = None
            return [self.listing]
        if "words" in ref:
            found = await self._by_words(ref.get("said") or ask.clause)
            if found is not None:
                self.d.focus = None if found["id"] == self.listing["id"] else found["id"]
                return [found]
            if ref.get("or_this"):
                self.d.focus = None
                return [self.listing]
        if self.d.focus is None and len(self.d.last_list) == 1 and self.d.last_answer in LIST_KINDS:
            # Right after one listing was found, "is it pet friendly?" is about that one.
            self.d.focus = self.d.last_list[0]
        return [await self._focused()]

    async def _focused(self) -> dict[str, Any]:
        """The listing being talked about; this one again if that one is gone (withdrawn or
        deleted since it was read out)."""
        found = await self._get(self.d.focus)
        if found is None:
            self.d.focus = None
            return self.listing
        return found

    async def _by_words(self, clause: str) -> dict[str, Any] | None:
        """The listing a buyer names ("the victory park condo", "the townhouse on llano
        avenue"): the call's, one just read out, or another of the seller's."""
        said = {w for w in re.findall(r"[a-z]+", clause) if w not in _STOP and len(w) > 2}
        types = {_TYPE_WORDS[t] for t in _TYPE_WORDS if re.search(rf"\b{t}s?\b", clause)}
        listed = [x for i in self.d.last_list if (x := await self._get(i)) is not None]
        candidates = [self.listing, *listed]
        seen = {c["id"] for c in candidates}
        candidates += [x for x in await self.tools.seller_catalogue() if x["id"] not in seen]

        def score(c: dict[str, Any]) -> int:
            words = listing_words(c) - _GENERIC
            typed = not types or c["property_type"] in types
            return len((said - _GENERIC) & words) * 2 + (1 if typed and types else 0) if typed else -1

        # On a tie, a home just read out beats the call's own: "the one in las vegas" after a list.
        order = [*listed, self.listing, *candidates[len(listed) + 1 :]] if listed else candidates
        scored = sorted(((score(c), i, c) for i, c in enumerate(order)), key=lambda x: (-x[0], x[1]))
        if scored and scored[0][0] >= 2 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][2]
        tied = [c for sc, _, c in scored if scored and sc == scored[0][0] >= 2]
        just_read = [c for c in tied if c["id"] in self.d.last_list]
        if len(just_read) == 1:  # "the evanston one": the one read out, not another of the seller's
            return just_read[0]
        if types:  # "the townhouse": the only one of that type just read out
            of_type = [c for c in listed if c["property_type"] in types]
            if len(of_type) == 1:
                return of_type[0]
        return None

    # -- answers ----------------------------------------------------------------------
    async def answer(self, ask: Ask, last: bool = True) -> list[Answer]:
        handler = getattr(self, f"_{ask.intent}", None)
        if ask.intent == "focus":
            return await self._focus(ask, last)
        if handler is None:
            answers = await self._fact(ask)
        else:
            answers = await handler(ask)
        if ask.intent in ("amenity", "topic") or handler is None:
            self.d.last_fact = {
                "intent": ask.intent,
                "slots": {k: v for k, v in ask.slots.items() if k in ("amenity", "topic", "phrase")},
            }
        return answers

    async def _focus(self, ask: Ask, last: bool) -> list[Answer]:
        """A listing named on its own: "and the townhouse near the medical center?" asks the
        last question again about it; before another question it only says which listing."""
        targets = await self.targets(ask)
        if targets is None:
            return await self._clarify(ask)
        if not last or not self.d.last_fact:
            return []
        if self.d.last_fact["slots"].get("topic") == "lot size" and re.search(
            r"\b(?:house|home|building|inside|interior|living space) itself\b|\bthe (?:house|home|"
            r"interior)\b",
            ask.clause,
        ):
            # "how big is the lot?" "and the house itself?": the home's own size.
            return await self.answer(Ask("area", "again:area", ask.clause, ask.pos, {}, {}))
        again = Ask(
            self.d.last_fact["intent"],
            f"again:{self.d.last_fact['intent']}",
            ask.clause,
            ask.pos,
            dict(self.d.last_fact["slots"]),
            ask.ref,
        )
        return await self.answer(again)

    def _prefix(self, listing: dict[str, Any], many: bool) -> str:
        if not many and listing["id"] == self.listing["id"]:
            return ""
        if not many:
            return ""
        street = re.sub(r"^\d+\s+", "", listing["address"])
        return f"The {listing['property_type']} on {street}: "

    async def _fact(self, ask: Ask) -> list[Answer]:
        targets = await self.targets(ask)
        if targets is None:
            return await self._clarify(ask)
        return await self._fact_about(ask, targets)

    async def _fact_about(self, ask: Ask, targets: list[dict[str, Any]]) -> list[Answer]:
        out = []
        for listing in targets:
            said = F.fact(listing, ask.intent)
            if said is None:
                subject = {
                    "year_built": "the year it was built",
                    "area": "its size",
                    "postal_code": "its zip code",
                }.get(ask.intent, ask.intent)
                out.append(await self._unknown(ask, listing, subject))
                continue
            text, fields = said
            out.append(
                Answer(
                    ask.intent,
                    ask.rule,
                    self._prefix(listing, len(targets) > 1) + text,
                    {"property_id": listing["id"], "fields": fields},
                )
            )
        return out

    async def _amenity(self, ask: Ask) -> list[Answer]:
        targets = await self.targets(ask)
        if targets is None:
            return await self._clarify(ask)
        amenity = ask.slots["amenity"]
        out = []
        for listing in targets:
            has = amenity in (listing.get("amenities") or [])
            label = F.amenity_label(amenity)
            text = (
                f"Yes, it has {label}."
                if has
                else f"No, {label} isn't listed for it."
                if amenity != "pets_allowed"
                else "No, pets aren't listed as allowed."
            )
            if amenity == "pets_allowed" and has:
                text = "Yes, pets are allowed."
            quote = F.quote_for(listing.get("description", ""), F.amenity_keys(amenity), ask.clause)
            detail = ask.slots.get("detail")
            if quote and (has or detail) and not detail:
                text += f' The listing says: "{quote}"'
            out.append(
                Answer(
                    "amenity",
                    ask.rule,
                    self._prefix(listing, len(targets) > 1) + text,
                    {
                        "property_id": listing["id"],
                        "amenity": amenity,
                        "has": has,
                        **({"quote": quote} if quote else {}),
                    },
                )
            )
            # "the pool, is it heated": the detail asked is answered only if written down
            # (what it costs: only if the listing names a price for it).
            asked = set(re.findall(r"[a-z]{4,}", detail or "")) - _DETAIL_STOP
            costs = bool(
                re.search(r"\b(?:cost|costs|charge|fee|fees|extra|run|how much)\b", detail or "")
            ) and "$" in (quote or "")
            asked -= set(
                re.findall(r"[a-z]{4,}", f"{amenity} {F.amenity_label(amenity)}")
            )  # "pool": no detail
            written = set(re.findall(r"[a-z]{4,}", (quote or "").lower()))
            # "is the garage attached" is answered by "a detached garage" too.
            written |= {_OPPOSITE[w] for w in written if w in _OPPOSITE}
            answered = costs or bool(quote and asked & written)
            if detail and quote and (answered or not has):
                # "is there parking, and what's it cost": what the listing says of it, on its own.
                out.append(
                    Answer(
                        "description_quote",
                        f"detail:{amenity}",
                        f'The listing says: "{quote}"',
                        {"property_id": listing["id"], "quote": quote, "amenity": amenity},
                    )
                )
            elif detail and has:
                label = F.amenity_label(amenity).removeprefix("a ").removeprefix("an ")
                quality = _QUALITY.search(detail)
                subject = (
                    f"what the {label} costs"
                    if re.search(r"\b(?:cost|costs|charge|fee|fees|extra|how much)\b", detail)
                    else f"whether the {label} is {quality.group(0)}"
                    if quality
                    else f"the {label}"
                )
                out.append(await self._unknown(ask, listing, subject))
        if re.search(
            r"\b(?:need|needs|must|have to|has to|gotta|require|looking for|want|wants)\b", ask.clause
        ):
            self._want_item("must_haves", amenity)  # "we need a garage", not "is there a garage"
        return out

    async def _topic(self, ask: Ask) -> list[Answer]:
        targets = await self.targets(ask)
        if targets is None:
            return await self._clarify(ask)
        topic = ask.slots.get("topic")
        out = []
        for listing in targets:
            if topic == "lot size" and listing["property_type"] == "land":
                lot = Ask("area", "fact:area", ask.clause, ask.pos, {}, {"this": True})
                out.extend(await self._fact_about(lot, [listing]))
                continue
            # A subject without a topic of its own is looked for by its own rarer words
            # ("any oil tank issues" finds "the oil tank was decommissioned").
            keys = F.topic_keys(topic) if topic else F.content_words(ask.clause)
            context = F.topic_keys(ask.slots["context"]) if ask.slots.get("context") else ()
            quote = (
                F.quote_for(
                    listing.get("description", ""), keys, ask.clause, context, valued=topic in F.VALUED
                )
                if keys
                else None
            )
            if quote:
                out.append(
                    Answer(
                        "description_quote",
                        ask.rule,
                        self._prefix(listing, len(targets) > 1) + f'The listing says: "{quote}"',
                        {"property_id": listing["id"], "topic": topic, "quote": quote},
                    )
                )
                continue
            if topic == "parking details":  # no detail written: whether it has parking
                amenity_ask = Ask(
                    "amenity", "amenity:parking", ask.clause, ask.pos, {"amenity": "parking"}, ask.ref
                )
                out.extend(await self._amenity(amenity_ask))
                continue
            subject = topic.lower() if topic else None
            out.append(await self._unknown(ask, listing, subject))
        return out

    async def _unknown(self, ask: Ask, listing: dict[str, Any], subject: str | None) -> Answer:
        question = {
            "text": self.said,
            "asked": ask.clause,
            "subject": subject,
            "turn": self.turn,
            "property_id": listing["id"],
        }
        if self.d.note(question):
            await self.tools.note_question(question)
        about = f"about {subject}" if subject else "on that"
        said = (
            f"The listing doesn't say {subject}"
            if subject and subject.startswith(("whether", "what"))
            else f"I don't have information {about}"
        )
        return Answer(
            "unknown",
            "unknown" if not subject else f"unknown:{subject}",
            f"{said} — I've noted your question for the seller, who will get back to you.",
            {"property_id": listing["id"], "subject": subject, "recorded": True},
        )

    def _resumed(self, ask: Ask, filters: dict[str, Any]) -> dict[str, Any]:
        """The search held for "which portland", now in the place the buyer chose."""
        held, self.d.held, self.d.pending = self.d.held, {}, None
        if "state" in filters and "city" not in filters:
            return {**held, **filters}
        return {**{k: v for k, v in held.items() if k != "city"}, **filters}

    async def _search(self, ask: Ask) -> list[Answer]:
        filters = dict(ask.slots.get("filters") or {})
        if ask.slots.get("resume"):
            return await self._list(ask, self._resumed(ask, filters), "search")
        if self.d.search_filters and _is_refinement(ask.clause, filters):
            filters = _refine(self.d.search_filters, filters, ask.clause)
        return await self._list(ask, filters, "search")

    async def _seller_listings(self, ask: Ask) -> list[Answer]:
        filters = dict(ask.slots.get("filters") or {})
        if ask.slots.get("resume"):
            filters = self._resumed(ask, filters)
        elif ask.slots.get("refine"):
            filters = _refine(self.d.seller_filters, filters, ask.clause)
        return await self._list(ask, filters, "seller_listings")

    async def _list(self, ask: Ask, filters: dict[str, Any], kind: str) -> list[Answer]:
        said = dict(filters)  # what the buyer asked for, before comparisons fill it in
        if relative := filters.pop("relative", None):
            # "anything cheaper?" compares with the home being talked about.
            implied = comparative(relative, await self._get(self.d.focus))
            if {"min_bedrooms", "max_bedrooms"} & set(filters):  # "bigger, like three bedrooms"
                implied = {k: v for k, v in implied.items() if k not in ("min_area", "max_area")}
            filters = {**implied, **filters}
        order = filters.get("order")
        sort = order or budget_sort(filters)
        near = self.listing if filters.get("near_listing") else None
        query = {k: v for k, v in filters.items() if k not in ("near_listing", "order")}
        if kind == "search":
            total, relation, rows = await self.tools.search(query, MAX_READ + 1, sort=sort, near=near)
            self.d.search_filters = filters
        else:
            total, relation, rows = await self.tools.seller_listings(query, MAX_READ + 1, sort=sort)
            self.d.seller_filters = filters
        # The call's own listing is not "another" home.
        own = any(r["id"] == self.listing["id"] for r in rows)
        rows = [r for r in rows if r["id"] != self.listing["id"]][:MAX_READ]
        if own or (near is None and matches(self.listing, query)):
            total = max(total - 1, len(rows))
        self.d.last_list = [r["id"] for r in rows]
        self.d.last_kind = kind
        self.d.focus = None
        self._remember_wants({k: v for k, v in filters.items() if k in said})
        what = describe_filters(filters)
        about = "The seller has" if kind == "seller_listings" else "I found"
        data = {
            "filters": filters,
            "total": total,
            "total_relation": relation,
            "listings": [r["id"] for r in rows],
        }
        if total == 0:
            if kind == "seller_listings":
                text = (
                    "The seller has no other listings right now."
                    if not query
                    else f"The seller has no other {what} right now."
                )
            else:
                where = filters.get("city")
                text = f"I couldn't find any {what} right now." + (
                    f" There's nothing listed in {where} that matches — would you "
                    "like me to widen the search?"
                    if where
                    else " Would you like me to widen the search?"
                )
                self.d.pending = "widen"
            return [Answer(kind, ask.rule, text, data)]
        count = (
            f"about {total}"
            if relation == "approx"
            else (f"at least {total}" if relation == "gte" else str(total))
        )
        said = "; ".join(F.short(r) for r in rows)
        if total == 1:
            text = f"{about} one: {said}."
        elif total <= len(rows):
            text = f"{about} {count}: {said}."
        else:
            which = _ORDER_WORDS.get(order) or (
                "closest to your budget" if "max_price" in filters or "min_price" in filters else "newest"
            )
            text = f"{about} {count} {what}. The {len(rows)} {which}: {said}."
        if kind == "seller_listings" and total:
            text = text.replace("The seller has one:", "The seller has one other listing:")
        return [Answer(kind, ask.rule, text, data)]

    def _want_item(self, key: str, value: Any) -> None:
        items = self.d.wants.setdefault(key, [])
        if all(item["value"] != value for item in items):
            items.append({"value": value, "turn": self.turn})

    def _remember_wants(self, filters: dict[str, Any]) -> None:
        """What the buyer is after, each with the turn it was said in (for the summary)."""
        for key in (
            "min_price",
            "max_price",
            "min_bedrooms",
            "min_bathrooms",
            "listing_type",
            "property_type",
        ):
            if key in filters:
                self.d.wants[key] = {"value": filters[key], "turn": self.turn}
        if "city" in filters:
            self._want_item("areas", filters["city"])
        for amenity in filters.get("amenities", []):
            self._want_item("must_haves", amenity)

    async def _viewing_request(self, ask: Ask) -> list[Answer]:
        window = ask.slots.get("window")
        if self.d.viewing and find_day(ask.clause, self.ctx.now)[0] is None:
            # A new time for the day already asked: "in the morning, like nine thirty".
            window = merge_window(None, self.d.viewing, ask.clause, self.ctx.now) or window
        elif window is None:
            window = merge_window(None, self.d.viewing, ask.clause, self.ctx.now)
        if (
            window is not None
            and window.kind == "day"
            and self.d.viewing
            and re.search(r"\bsame time\b", ask.clause)
        ):
            # "actually make that sunday, same time": the new day at the time asked before.
            prev = self.d.viewing
            window = Window(
                window.day,
                time.fromisoformat(prev["start"]),
                time.fromisoformat(prev["end"]),
                prev["kind"],
                prev.get("part"),
            )
        details = ask.slots.get("contact") or {}
        self.d.contact.update(details)
        if self.d.focus is None and (booked := await self._book_in_call(ask, window)) is not None:
            return booked
        if window is None and self.d.viewing is None:
            self.d.pending = "viewing"
            lead_id = await self.tools.save_lead(self.d, "The buyer would like a viewing.")
            return [
                Answer(
                    "viewing_request",
                    ask.rule,
                    "I'd be happy to arrange a viewing. What day and time would suit you?",
                    {"lead_id": lead_id, "window": None, "contact": dict(self.d.contact)},
                )
            ]
        if window is not None:
            self.d.viewing = {**window.as_data(), "spoken": window.spoken(), "turn": self.turn}
            self.d.wants["timeline"] = {"value": window.spoken(), "turn": self.turn}
        self.d.pending = None
        lead_id = await self.tools.save_lead(self.d, "The buyer would like a viewing.")
        await self.tools.request_viewing(self.d)  # the seller is told: no slot to book
        spoken = window.spoken() if window is not None else "at the time you mentioned"
        text = f"I've noted that you'd like to see it {spoken}. The seller will confirm the time."
        if not self.d.contact.get("phone") and not self.d.contact.get("email"):
            text += " What's the best number or e-mail to reach you?"
        return [
            Answer(
                "viewing_request",
                ask.rule,
                text,
                {"lead_id": lead_id, "window": self.d.viewing, "contact": dict(self.d.contact)},
            )
        ]

    async def _book_in_call(self, ask: Ask, window: Window | None) -> list[Answer] | None:
        """Where the listing publishes availability: book the slot picked or asked for, or
        offer the free ones; None when it has none free (the request is noted instead)."""
        choice = booking.picked(self.d, ask.slots, window)
        if choice is not None and (done := await booking.book(self.d, self.tools, ask.rule, choice)):
            return [done]
        slots = await self.tools.free_slots()
        if not slots:
            return None
        fitting = booking.within(slots, window)
        exact = [
            s
            for s in fitting
            if window is not None
            and window.kind == "at"
            and datetime.fromisoformat(s["start"]).time() == window.start
        ]
        if exact or (window is not None and len(fitting) == 1):
            if done := await booking.book(self.d, self.tools, ask.rule, (exact or fitting)[0]["start"]):
                return [done]
            slots = await self.tools.free_slots()  # taken meanwhile: what is free now
            fitting = booking.within(slots, window)
        lead_id = await self.tools.save_lead(self.d, "The buyer would like a viewing.")
        if fitting:
            return [await booking.offer(self.d, ask.rule, fitting, lead_id)]
        if not slots:
            return None
        return [await booking.offer(self.d, ask.rule, slots, lead_id, "That time isn't free. ")]

    async def _contact(self, ask: Ask) -> list[Answer]:
        details = ask.slots.get("contact") or {}
        self.d.contact.update(details)
        lead_id = await self.tools.save_lead(self.d, "The buyer left contact details.")
        bits = []
        if "name" in details:
            bits.append(f"Thanks, {details['name'].split()[0]}.")
        noted = [
            f"your number {details['phone']}" if "phone" in details else "",
            f"your e-mail {details['email']}" if "email" in details else "",
        ]
        noted = [n for n in noted if n]
        if noted:
            bits.append(f"I've noted {' and '.join(noted)} for the seller.")
        else:
            bits.append("I've noted that for the seller.")
        return [Answer("contact", ask.rule, " ".join(bits), {"lead_id": lead_id, "contact": details})]

    async def _handover(self, ask: Ask) -> list[Answer]:
        self.d.handed_over = True
        lead_id = await self.tools.save_lead(self.d, "The buyer asked to talk to a person.")
        agent = await self.tools.hand_over()
        if agent is None:
            return [
                Answer(
                    "handover",
                    ask.rule,
                    "There's no one available to take the call "
                    "right now, but I've asked the seller to get back to you. What's the "
                    "best number to reach you?",
                    {"available": False, "lead_id": lead_id},
                )
            ]
        return [
            Answer(
                "handover",
                ask.rule,
                f"I'm passing you to {agent['name']}, who works "
                "with the seller. They'll reach out to you shortly.",
                {"available": True, "agent": agent, "lead_id": lead_id},
            )
        ]

    async def _goodbye(self, ask: Ask) -> list[Answer]:
        return [Answer("goodbye", ask.rule, "Thanks for calling! Goodbye.", end_call=True)]

    async def _greeting(self, ask: Ask) -> list[Answer]:
        self.d.greetings += 1
        return [
            Answer(
                "greeting",
                ask.rule,
                "Hi again! What would you like to know about the home?"
                if self.d.turns
                else f"Hello! I'm {self.ctx.agent_name}. Ask me anything about this home.",
            )
        ]

    async def _smalltalk(self, ask: Ask) -> list[Answer]:
        clause = ask.clause
        if re.search(r"\bhow are you\b|\bhow is (?:it going|your day)\b", clause):
            text = "I'm doing well, thank you! How can I help with the home?"
        elif re.search(r"\b(?:bot|robot|computer|machine|ai|human|real)\b", clause):
            text = (
                f"I'm {self.ctx.agent_name}, the seller's AI assistant. I can answer questions "
                "or pass you to a person."
            )
        elif re.search(r"\bthank", clause):
            text = "You're welcome!"
        elif re.search(r"\b(?:sorry|one sec|hold on|go ahead|driving|wait|no worries)\b", clause):
            text = "No problem, take your time."
        elif re.search(r"\bquestions\b|\bdo not (?:hang up|go)\b", clause):
            text = "Of course, I'm still here. What else would you like to know?"
        elif not self.d.turns:  # "hi, I saw your listing online"
            text = "Happy to help. What would you like to know about the home?"
        else:
            text = "Sure. Anything else you'd like to know?"
        if self.d.pending == "widen" and re.search(r"^(?:yes|yeah|sure|ok|please)", clause):
            return await self._widen(ask)
        return [Answer("smalltalk", ask.rule, text)]

    async def _widen(self, ask: Ask) -> list[Answer]:
        filters = {k: v for k, v in self.d.search_filters.items() if k not in ("city", "state")}
        self.d.pending = None
        return await self._list(ask, filters, "search")

    async def _out_of_scope(self, ask: Ask) -> list[Answer]:
        return [
            Answer(
                "out_of_scope",
                ask.rule,
                "I can only help with this home and other "
                "listings here. Is there anything you'd like to know about them?",
            )
        ]

    async def _refusal(self, ask: Ask) -> list[Answer]:
        kind = ask.slots["kind"]
        if kind == "privacy":
            text = (
                "I'm sorry, I can't share personal details about the seller or other "
                "buyers. I can pass a message to the seller for you."
            )
        elif kind == "injection":
            text = "I can't do that. I'm here to help with questions about this home."
        else:
            text = (
                "I can't negotiate or make any commitments on the seller's behalf, but "
                "I'll pass your interest and any offer on to the seller."
            )
            if len(self.d.offers) < MAX_NOTED:
                self.d.offers.append({"text": self.said, "turn": self.turn})
                await self.tools.note_question(
                    {
                        "text": self.said,
                        "subject": "offer",
                        "turn": self.turn,
                        "property_id": self.listing["id"],
                    }
                )
        return [Answer("refusal", ask.rule, text, {"kind": kind})]

    async def _clarify(self, ask: Ask) -> list[Answer]:
        cities = ask.slots.get("cities")
        if "filters" in ask.slots:  # "which portland": the search waits for the answer
            self.d.held = ask.slots["filters"]
            self.d.pending = f"place:{ask.slots['kind']}"
            name = ask.slots["filters"]["city"]
            text = f"Which {name} do you mean: {' or '.join(cities)}?"
        elif cities:
            text = f"Which city would you like: {' or '.join(cities)}?"
        elif self.d.last_list:
            text = "Which one do you mean — the first, second or third I mentioned, or this home?"
        else:
            text = "Sorry, which home do you mean, or could you say a bit more?"
        return [Answer("clarify", ask.rule, text)]


def _is_refinement(clause: str, filters: dict[str, Any]) -> bool:
    """ "what about in austin" changes one thing of the last search; "any condos in houston"
    (a place and what to find) is a search of its own."""
    located = bool({"city", "state", "near_listing"} & set(filters))
    # A place and what to find ("any condos in houston") is a search of its own; a place and a
    # price ("anything under 500 in meridian") changes the one made.
    complete = located and bool({"property_type", "listing_type"} & set(filters))
    marked = bool(P.REFINE.search(clause))
    return (
        (marked and not complete)
        or not located
        or bool(re.search(r"\b(?:same thing|same search|instead|i meant|as well)\b", clause))
    )


_DROP = re.compile(
    r"\b(?:drop|remove|without|forget|skip|no longer need|do not need|no)\s+"
    r"(?:the |a |an )?((?:\w+ ){0,2}\w+)"
)


def comparative(relative: list[str], reference: dict[str, Any] | None) -> dict[str, Any]:
    """Filters for "cheaper", "bigger", "more bedrooms" said of `reference` (and the same kind
    of deal: cheaper than a home for sale is not a rental)."""
    if reference is None:
        return {}
    price, area, beds = reference.get("price"), reference.get("area_sqft"), reference.get("bedrooms")
    out: dict[str, Any] = {"listing_type": reference.get("listing_type")}
    if reference.get("property_type") not in ("land", "commercial"):
        # A lot's area is its land: "bigger" than a home means a bigger home.
        out["property_type"] = RESIDENTIAL
    if "cheaper" in relative and price:
        out["max_price"] = price
    # Sizes as the listing says them ("over 1,480 square feet"); the home itself is never
    # among the results anyway.
    if "bigger" in relative and area:
        out["min_area"] = area
    if "smaller" in relative and area:
        out["max_area"] = area
    if "more_bedrooms" in relative and beds is not None:
        out["min_bedrooms"] = beds + 1
    if "fewer_bedrooms" in relative and beds:
        out["max_bedrooms"] = beds - 1
    return {k: v for k, v in out.items() if v is not None}


_FORGET = re.compile(
    r"\b(?:forget|drop|ignore|never mind|skip|remove|no limit on|any) (?:the |"
    r"about the |my )?(price|budget|bedrooms?|beds|bathrooms?|baths|type|city|"
    r"area|location|size)\b"
)
_FORGOTTEN = {
    "price": ("min_price", "max_price"),
    "budget": ("min_price", "max_price"),
    "bedroom": ("min_bedrooms", "max_bedrooms"),
    "bed": ("min_bedrooms", "max_bedrooms"),
    "bathroom": ("min_bathrooms",),
    "bath": ("min_bathrooms",),
    "type": ("property_type",),
    "city": ("city", "state", "near_listing"),
    "area": ("city", "state", "near_listing"),
    "location": ("city", "state"),
    "size": ("min_area", "max_area"),
}


def _refine(previous: dict[str, Any], new: dict[str, Any], clause: str) -> dict[str, Any]:
    merged = dict(previous)
    for m in _FORGET.finditer(clause):  # "ok forget the price"
        what = m.group(1).rstrip("s") if m.group(1) != "bathrooms" else "bathroom"
        for key in _FORGOTTEN.get(what, _FORGOTTEN.get(m.group(1), ())):
            merged.pop(key, None)
    for m in _DROP.finditer(clause):  # "forget the ac, what about with a dishwasher"
        for _, amenity in amenities_in(m.group(1)):
            merged["amenities"] = [a for a in merged.get("amenities", []) if a != amenity]
            new = {**new, "amenities": [a for a in new.get("amenities", []) if a != amenity]}
        if not merged.get("amenities"):
            merged.pop("amenities", None)
        if not new.get("amenities"):
            new.pop("amenities", None)
    if "city" in new:
        merged.pop("state", None)
        merged.pop("near_listing", None)
    if "amenities" in new:
        merged["amenities"] = sorted(set(merged.get("amenities", [])) | set(new["amenities"]))
        new = {k: v for k, v in new.items() if k != "amenities"}
    merged.update(new)
    return merged
