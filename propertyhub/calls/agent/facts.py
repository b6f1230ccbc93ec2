"""Facts about one listing, spoken: every number comes from the listing's own fields."""

from __future__ import annotations

from typing import Any

from propertyhub.calls.agent import regex as re
from propertyhub.calls.agent.lexicon import AMENITIES, AMENITY_LABELS, COUNTABLE, TOPICS

STATE_NAMES = {
    "TX": "Texas",
    "UT": "Utah",
    "CO": "Colorado",
    "WA": "Washington",
    "CA": "California",
    "NY": "New York",
    "FL": "Florida",
    "AZ": "Arizona",
    "IL": "Illinois",
    "GA": "Georgia",
    "NC": "North Carolina",
    "OR": "Oregon",
}


def money(amount: int, currency: str = "USD") -> str:
    sign = "$" if currency == "USD" else f"{currency} "
    return f"{sign}{amount:,}"


def price_of(listing: dict[str, Any]) -> str:
    said = money(listing["price"], listing.get("currency", "USD"))
    return f"{said} a month" if listing["listing_type"] == "rent" else said


def baths(n: float) -> str:
    return f"{n:g} bathroom" + ("" if n == 1 else "s")


def beds(n: int) -> str:
    return f"{n} bedroom" + ("" if n == 1 else "s")


def kind(listing: dict[str, Any]) -> str:
    return listing["property_type"]


def short(listing: dict[str, Any]) -> str:
    """ "a 3-bedroom house on Elm Street in Round Rock for $489,000"."""
    size = (
        f"{listing['bedrooms']}-bedroom "
        if listing["bedrooms"]
        else ("studio " if listing["property_type"] == "apartment" else "")
    )
    street = re.sub(r"^\d+\s+", "", listing.get("address") or "").strip()
    where = f" on {street}" if street else ""
    noun = {"land": "lot", "commercial": "commercial space"}.get(kind(listing), kind(listing))
    return f"a {size}{noun}{where} in {listing['city']} for {price_of(listing)}"


def amenity_label(amenity: str) -> str:
    label = AMENITY_LABELS.get(amenity, amenity.replace("_", " "))
    if amenity not in COUNTABLE:
        return label
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


def sentences(description: str) -> list[str]:
    parts = re.split(r"(?<=[.!?;])\s+|\n+", description or "")
    return [p.strip() for p in parts if p.strip()]


_QUALIFIERS = frozenset(
    [
        "pet",
        "security",
        "cleaning",
        "holding",
        "application",
        "move",
        "parking",
        "pool",
        "garage",
        "hoa",
        "water",
        "gas",
        "electric",
        "trash",
    ]
)


def _qualifier(text: str, key: str) -> str | None:
    m = re.search(rf"\b(\w+)[\s-]+{re.escape(key)}", text)
    return m.group(1) if m and m.group(1) in _QUALIFIERS else None


# Subjects whose qualifier is their value: "is it on the ground floor" is answered by
# "Second-floor condo", "does it have a basement" by "crawl space, no basement".
VALUED = frozenset(
    [
        "floor level",
        "ceiling height",
        "basement",
        "heating and cooling",
        "water and sewer",
        "roof",
        "water heater",
        "furnished",
        "lease terms",
        "parking details",
        "garage size",
    ]
)


def quote_for(
    description: str,
    keys: tuple[str, ...],
    question: str = "",
    context: tuple[str, ...] = (),
    *,
    valued: bool = False,
) -> str | None:
    """The description's sentence that literally mentions the subject, if any: the one
    naming most of it (and what "it" referred to). A sentence about a differently qualified
    thing is no answer ("a $300 pet deposit" is not the security deposit)."""
    best, best_score = None, 0
    asked = question.lower()
    for sentence in sentences(description):
        low = sentence.lower()
        score = 0
        for key in keys:
            if not re.search(rf"\b{re.escape(key)}", low):
                continue
            said, written = _qualifier(asked, key), _qualifier(low, key)
            if said and written and said != written and not valued:
                continue
            score += 2 if re.search(rf"\b{re.escape(key)}", asked) else 1
        if score:
            score += sum(1 for key in context if re.search(rf"\b{re.escape(key)}", low))
            score += sum(1 for w in set(re.findall(r"[a-z]{4,}", asked)) if w in low)
        if score > best_score:
            best, best_score = sentence, score
    return best


_COMMON = frozenset(
    [
        "what",
        "when",
        "where",
        "which",
        "does",
        "have",
        "that",
        "this",
        "there",
        "here",
        "with",
        "about",
        "from",
        "your",
        "they",
        "them",
        "will",
        "would",
        "could",
        "should",
        "been",
        "being",
        "into",
        "just",
        "like",
        "know",
        "tell",
        "much",
        "many",
        "more",
        "some",
        "other",
        "than",
        "then",
        "also",
        "only",
        "very",
        "really",
        "still",
        "ever",
        "issues",
        "issue",
        "problem",
        "problems",
        "thing",
        "things",
        "stuff",
        "house",
        "home",
        "place",
        "property",
        "listing",
        "unit",
        "building",
        "room",
        "rooms",
        "area",
        "street",
        "city",
        "good",
        "okay",
        "right",
        "need",
        "want",
        "wondering",
        "curious",
        "asking",
        "question",
        "inspector",
        "always",
        "usually",
        "around",
        "near",
        "anything",
        "something",
        "nothing",
        "everything",
    ]
)


def content_words(question: str) -> tuple[str, ...]:
    """The words of a question that could name its subject in a description."""
    return tuple(w for w in dict.fromkeys(re.findall(r"[a-z]{3,}", question.lower())) if w not in _COMMON)


def topic_keys(topic: str) -> tuple[str, ...]:
    return TOPICS[topic][1]


def amenity_keys(amenity: str) -> tuple[str, ...]:
    return tuple(p for p in AMENITIES[amenity] if len(p) > 2)


def fact(listing: dict[str, Any], intent: str) -> tuple[str, dict[str, Any]] | None:
    """(what to say, the fields used) for a fact intent; None when the data has no value."""
    t = listing["property_type"]
    if intent == "price":
        verb = "The rent is" if listing["listing_type"] == "rent" else "The asking price is"
        return f"{verb} {price_of(listing)}.", {"price": listing["price"]}
    if intent == "bedrooms":
        n = listing["bedrooms"]
        if n == 0 and t in ("land", "commercial"):
            return f"It's {t}, so it has no bedrooms.", {"bedrooms": 0}
        if n == 0:
            return "It's a studio, with no separate bedroom.", {"bedrooms": 0}
        return f"It has {beds(n)}.", {"bedrooms": n}
    if intent == "bathrooms":
        n = listing["bathrooms"]
        if not n:
            return "It has no bathrooms.", {"bathrooms": 0}
        return f"It has {baths(n)}.", {"bathrooms": n}
    if intent == "area":
        n = listing["area_sqft"]
        if not n:
            return None
        acres = f", about {float(f'{n / 43560:.1f}'):g} acres" if t == "land" else ""
        return f"It's {n:,} square feet{acres}.", {"area_sqft": n}
    if intent == "address":
        state = listing.get("state") or ""
        return (
            f"It's at {listing['address']}, {listing['city']}{', ' + state if state else ''}.",
            {"address": listing["address"], "city": listing["city"]},
        )
    if intent == "postal_code":
        if not listing.get("postal_code"):
            return None
        return f"The zip code is {listing['postal_code']}.", {"postal_code": listing["postal_code"]}
    if intent == "city":
        state = STATE_NAMES.get(listing.get("state") or "", listing.get("state") or "")
        return (
            f"It's in {listing['city']}{', ' + state if state else ''}.",
            {"city": listing["city"], "state": listing.get("state")},
        )
    if intent == "year_built":
        if not listing.get("year_built"):
            return None
        return f"It was built in {listing['year_built']}.", {"year_built": listing["year_built"]}
    if intent == "property_type":
        article = "an" if t[0] in "aeiou" else "a"
        what = "for rent" if listing["listing_type"] == "rent" else "for sale"
        return f"It's {article} {t}, {what}.", {"property_type": t}
    if intent == "listing_type":
        if listing["listing_type"] == "rent":
            return f"It's for rent, at {price_of(listing)}.", {"listing_type": "rent"}
        return f"It's for sale, at {price_of(listing)}.", {"listing_type": "sale"}
    if intent == "status":
        status = listing["status"]
        said = {
            "active": "Yes, it's still available.",
            "pending": "It's pending — the seller has accepted an offer, but I can note "
            "your interest in case it falls through.",
            "sold": "It has already sold.",
            "rented": "It has already been rented.",
            "withdrawn": "It has been taken off the market.",
        }[status]
        return said, {"status": status}
    if intent == "summary":
        return summary(listing), {"property_id": listing["id"]}
    return None


def summary(listing: dict[str, Any]) -> str:
    t = listing["property_type"]
    rooms = []
    if listing["bedrooms"]:
        rooms.append(beds(listing["bedrooms"]))
    elif t == "apartment":
        rooms.append("a studio layout")
    if listing["bathrooms"]:
        rooms.append(baths(listing["bathrooms"]))
    size = f" with {' and '.join(rooms)}" if rooms else ""
    area = f", {listing['area_sqft']:,} square feet" if listing["area_sqft"] else ""
    built = f", built in {listing['year_built']}" if listing.get("year_built") else ""
    deal = "for rent at" if listing["listing_type"] == "rent" else "listed at"
    text = (
        f"It's {'an' if t[0] in 'aeiou' else 'a'} {t} in {listing['city']}{size}{area}"
        f"{built}, {deal} {price_of(listing)}."
    )
    extras = [
        amenity_label(a).removeprefix("a ").removeprefix("an ") for a in listing.get("amenities", [])[:5]
    ]
    if extras:
        text += f" It has {', '.join(extras[:-1]) + ' and ' + extras[-1] if len(extras) > 1 else extras[0]}."
    if listing["status"] != "active":
        text += f" Note that it is {listing['status']}."
    return text
