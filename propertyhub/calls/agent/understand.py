"""What the buyer asked: a turn split into its questions, each one scored against the
intents (not first match), with its slots and which listing it is about.

Order of weighing, strongest first: attempts to steer the agent (injection), requests
for someone's personal data, negotiation, a human, a goodbye that is really one, a
viewing, contact details, the seller's other listings, a search, then facts about a
listing (several per question: "beds and baths"), subjects the data has no field for,
and conversation (greetings, thanks, off-topic, ambiguous).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from propertyhub.calls.agent import patterns as P
from propertyhub.calls.agent import regex as re
from propertyhub.calls.agent.contacts import contact
from propertyhub.calls.agent.lexicon import STATE_NAMES, TOPICS
from propertyhub.calls.agent.numbers import digitize
from propertyhub.calls.agent.slots import (
    Vocabulary,
    amenities_in,
    filters_in,
    region_in,
    state_in,
)
from propertyhub.calls.agent.text import normalize
from propertyhub.calls.agent.when import find_part, find_time, find_window

_JOIN = r"(?:and|also|plus|but|then|oh and|and also|and then)"
_SPLIT = re.compile(
    rf"(?:\s*,\s*(?:{_JOIN}\s+)?|\s+{_JOIN}\s+)"
    rf"(?=(?:is|are|does|do|did|can|could|would|will|what|how|when|where|"
    rf"which|who|any|tell|give|show|i would like|i want|may i|whats|has|"
    rf"have|i need|i am|we are|my|the|it|its|and)\b)"
)
_TOPIC_PHRASES = re.Phrases(
    sorted(((p, topic) for topic, (asks, _) in TOPICS.items() for p in asks), key=lambda pt: -len(pt[0]))
)


@dataclass
class Ask:
    intent: str
    rule: str
    clause: str
    pos: int = 0
    slots: dict[str, Any] = field(default_factory=dict)
    ref: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What understanding needs from the conversation so far."""

    vocab: Vocabulary
    now: datetime
    last_answer: str | None = None  # intent of the agent's last answer
    has_list: bool = False
    pending: str | None = None  # "viewing" while the agent waits for a time
    viewing: bool = False  # a viewing has been asked for: a new time changes it
    searched: bool = False  # a search was made in this call
    seller_names: tuple[str, ...] = ()  # first names / full names of the seller
    people: tuple[str, ...] = ()  # names of the seller's human agents


def clauses(text: str) -> list[tuple[int, str]]:
    """(position, clause) for each question of the turn."""
    out: list[tuple[int, str]] = []
    pos = 0
    for sentence in text.split("|"):
        start = 0
        parts = []
        for m in _SPLIT.finditer(sentence):
            if m.start() > start:
                parts.append(sentence[start : m.start()])
            start = m.end()
        parts.append(sentence[start:])
        for part in parts:
            part = part.strip(" ,")
            if part:
                out.append((pos, part))
                pos += 1
    return out


_NOT_TOPIC = re.compile(r"\b(?:parking lot|a lot|lots of|the land (?:lord|line))\b")


def topics_in(text: str) -> list[tuple[int, str, str]]:
    """(position, topic, the phrase said) — longest phrases first; a phrase inside one
    already matched ("water" in "water heater") is not another topic."""
    found: dict[str, tuple[int, str]] = {}
    taken: list[tuple[int, int]] = [m.span() for m in _NOT_TOPIC.finditer(text)]
    for phrase, topic, pattern in _TOPIC_PHRASES.candidates(text):
        if topic in found:
            continue
        for m in pattern.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                found[topic] = (m.start(), phrase)
                taken.append(m.span())
                break
    return sorted((pos, topic, phrase) for topic, (pos, phrase) in found.items())


_RANKS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}


# "the cheaper one", "the bigger of the two": a listing of the last list, by comparison.
_PICKS = {
    "cheaper": "price",
    "cheapest": "price",
    "less expensive": "price",
    "more expensive": "-price",
    "pricier": "-price",
    "bigger": "-area",
    "biggest": "-area",
    "larger": "-area",
    "largest": "-area",
    "smaller": "area",
    "smallest": "area",
    "newer": "-year_built",
    "newest": "-year_built",
    "older": "year_built",
    "oldest": "year_built",
}
_PICK = re.compile(
    r"\bthe (" + "|".join(_PICKS) + r") (?:one|of the two|of them|of those|house|home|place|"
    r"condo|apartment|flat|townhouse|listing|option)\b"
)
_THIS_DESCRIBED = re.compile(
    r"\bthis ((?:\w+ ){1,3})(?:house|home|condo|apartment|townhouse|townhome|place|listing|"
    r"property|lot|unit|rental|studio)\b"
)
_PLAIN = {
    "nice",
    "beautiful",
    "lovely",
    "big",
    "little",
    "small",
    "cute",
    "great",
    "same",
    "particular",
    "specific",
    "exact",
    "actual",
    "one",
    "here",
    "very",
    "whole",
    "old",
    "new",
    "current",
}


def reference(clause: str) -> dict[str, Any]:
    """Which listing the clause is about, as said: a rank in the last list, "this" (the
    call's listing), "that"/"it" (the one being talked about), or describing words."""
    if m := (
        re.search(
            r"\b(1st|2nd|3rd|4th|5th|last) (?:one|listing|place|house|home|option|"
            r"property|unit|condo|apartment|townhouse|townhome|rental|lot|result|"
            r"match)s?\b",
            clause,
        )
        or re.search(
            r"^(?:and |what about |how about |ok )?(?:the )?(1st|2nd|3rd|last)\b"
            r"\s*(?:$|,|one\b)",
            clause,
        )
    ):
        return {"rank": _RANKS[m.group(1)]}
    if m := re.search(r"\bnumber (\d)\b", clause):
        return {"rank": int(m.group(1))}
    if m := _PICK.search(clause):
        return {"pick": _PICKS[m.group(1)]}
    if re.search(r"\b(?:either|both|each|any) of (?:them|those|these)\b|\bboth\b", clause):
        return {"all": True}
    if (m := _THIS_DESCRIBED.search(clause)) and set(m.group(1).split()) - _PLAIN:
        # "this round rock house": the one so described (the call's when none is).
        return {"words": True, "said": m.group(0), "or_this": True}
    if (
        m := re.search(
            r"\bthis (?!one\b|place\b|house\b|home\b|listing\b|property\b|unit\b|"
            r"apartment\b|condo\b|townhouse\b|townhome\b|building\b|lot\b|is\b|"
            r"week|weekend|morning|afternoon|evening|year|month|coming|area|saturday|"
            r"sunday|monday|tuesday|wednesday|thursday|friday)(\w{4,})\b",
            clause,
        )
    ) and m.group(1) not in _PLAIN:
        return {"words": True, "said": m.group(0), "or_this": True}  # "this greystone": by name
    if m := re.search(r"\bthis one (?:here )?(?:in|on|at|by|near) (?:the )?(\w+(?: \w+)?)", clause):
        return {"words": True, "said": m.group(0), "or_this": True}  # "this one here in westshore"
    if re.search(
        r"\bthe (?:\w+ )?(?:house|home|place|one|condo|townhouse|apartment|flat|unit) here\b", clause
    ):
        return {"this": True}  # "what about the townhouse here"
    if re.search(
        r"\b(?:this|back to|going back to|the one i am calling about|"
        r"the one we were talking about first)\b(?! (?:week|weekend|morning|"
        r"afternoon|evening|year|month|saturday|sunday|monday|tuesday|wednesday|"
        r"thursday|friday|coming|area))",
        clause,
    ):
        return {"this": True}
    if re.search(r"\b(?:that|those|there|that one|that place)\b", clause):
        return {"that": True}
    if re.search(r"\b(?:it|its)\b", clause):
        return {"it": True}
    if re.search(r"\bthe (?:lot|land|yard|grounds)\b", clause) and not re.search(
        r"\bthe (?:lot|land) (?:on|in|at|near|off|by)\b|\bthe \w+ (?:lot|land)\b", clause
    ):
        return {}  # "how big is the lot": this home's lot, not a listed lot
    if re.search(r"\bthe (?:building|property|premises|complex|unit|place)\b", clause) and not re.search(
        r"\bthe (?:building|property|complex|unit|place) (?:on|in|at|near|with|by)\b", clause
    ):
        return {"this": True}  # "the building has pool?": this home's building
    if P.NAMED.search(clause) or re.search(r"\bthe one (?:on|in|at|near|with)\b", clause):
        return {"words": True}
    return {}


_RANK_WORDS = {"1st": 1, "2nd": 2, "3rd": 3, "last": -1}


def _slot_pick(text: str) -> dict[str, Any] | None:
    """A choice among offered slots: a rank, or a plain yes."""
    if m := re.match(
        r"(?:and |ok |so |yes |yeah |um |lets do |let us do |i will take )*(?:the )?"
        r"(1st|2nd|3rd|last)(?: one| option| time| slot)?\b",
        text,
    ):
        return {"rank": _RANK_WORDS[m.group(1)]}
    if re.match(
        r"(?:yes|yeah|yep|sure|ok|okay|perfect|great|that works|sounds good|book it|lets do it|"
        r"let us do it|please do|that one)\b",
        text,
    ) and not find_time(text, None):
        return {"yes": True}
    return None


_BUSY_STATEMENT = re.compile(
    r"(?:oh |well |but |cause |because |since )*(?:i am|i will be|we are|i have|i have got|i got|we have|"
    r"my \w+ (?:is|has)|she is|he is) (?:at work|working|busy|on call|in class|in a meeting|at school|work|"
    r"class|a meeting|school|(?:my |his |her |our )?(?:\w+ )?(?:game|practice|appointment|shift))\b"
)
_OPENING = re.compile(
    r"\b(?:looking at|calling about|calling on|calling regarding|calling for|interested in|asking about|"
    r"ask about|enquiring about|inquiring about|ringing about|here about|saw|found|checking on|"
    r"calling in about) (?:the|this|your|that|unit|number|a|an|one of)\b"
)
_DROP_FILTER = re.compile(
    r"(?:ok |so |and |actually |alright |well |um )*(?:drop|forget|remove|never mind|nevermind|ignore|"
    r"scrap|skip|lose|forget about|do not worry about|dont worry about) (?!(?:it|that|the \w+|my \w+) to\b|"
    r"to\b)"
    r"(?:the |about the |my )?"
)
# What is asked of an amenity beyond having it: "is the pool heated", "is the yard fenced".
_QUALIFIER = re.compile(
    r"\b(?:heated|fenced|fenced in|covered|private|shared|indoor|outdoor|in ground|inground|above ground|"
    r"gas or|wood burning|saltwater|salt water|screened|enclosed|assigned|gated|attached|detached|"
    r"tankless|working|functional|usable|how big|what size|how deep|how many (?:cars|spots|spaces))\b"
)
# Parts of a home with an age of their own.
_AGED = {"roof", "water heater", "heating and cooling", "appliances", "renovations", "basement"}


def _fact_asks(clause: str, pos: int) -> list[Ask]:
    """Facts, amenities and subjects without a field, in the order they were asked."""
    found: list[tuple[float, Ask]] = []
    # "the square footage of the house itself, not the land": the land is not asked about.
    clause = re.sub(r"\bnot (?:the |a |an )?(\w+)\b", lambda m: " " * len(m.group(0)), clause)
    found_topics = topics_in(clause)
    topics = [(at, topic) for at, topic, _ in found_topics]
    covered: list[tuple[int, int]] = []
    for at, topic, phrase in found_topics:
        found.append((at, Ask("topic", f"topic:{topic}", clause, pos, {"topic": topic, "phrase": phrase})))
        covered.append((at, at + len(phrase)))
        if topic == "parking details" and phrase.startswith("where"):
            # "where would i park": is there parking at all, and what the listing says of it.
            found.append((at - 0.5, Ask("amenity", "amenity:parking", clause, pos, {"amenity": "parking"})))

    def inside_topic(at: int) -> bool:
        return any(a <= at < b for a, b in covered)

    for at, amenity in amenities_in(clause):
        if not inside_topic(at):
            slots: dict[str, Any] = {"amenity": amenity}
            if _QUALIFIER.search(clause):
                slots["detail"] = clause  # "is the pool heated": whether the listing says so
            found.append((at, Ask("amenity", f"amenity:{amenity}", clause, pos, slots)))
    money_topics = {
        "HOA fees",
        "deposit",
        "utilities",
        "property taxes",
        "insurance",
        "pet rules",
        "specials",
        "lease terms",
        "parking details",
    }
    for intent, pattern in P.FACTS.items():
        m = pattern.search(clause)
        if not m or inside_topic(m.start()):
            continue
        if intent == "price" and any(t in money_topics for _, t in topics):
            continue  # "how much is the deposit" asks about the deposit
        if intent == "status" and (topics or any(k.intent == "amenity" for _, k in found)):
            continue  # "is fiber internet available" asks about the internet
        if intent == "area" and (
            any(t in ("lot size", "garage size") for _, t in topics)
            or re.search(r"\b(?:full|queen|king|mid) size\b", clause)
        ):
            continue
        if intent in ("bedrooms", "bathrooms") and any(t == "primary suite" for _, t in topics):
            continue  # "is the main bedroom en suite" asks about the suite, not the count
        if (
            intent == "year_built"
            and {t for _, t in topics} & _AGED
            and not re.search(r"\b(?:house|home|place|building|property|it) (?:built|constructed)\b", clause)
        ):
            continue  # "how old is the roof" asks about the roof, not the house
        if (
            intent == "bedrooms"
            and re.search(r"\bstudio (?:space|apartment)\b", clause)
            and "home office" in {t for _, t in topics}
        ):
            continue
        if intent == "address" and re.search(
            r"\bwhere (?:do|can|would|should) (?:i|we) "
            r"park\b",
            clause,
        ):
            continue
        found.append((m.start(), Ask(intent, f"fact:{intent}", clause, pos)))
    asks = [ask for _, ask in sorted(found, key=lambda f: f[0])]
    # "how much is it, price-wise" said twice is one question.
    seen, unique = set(), []
    for ask in asks:
        key = (ask.intent, ask.slots.get("amenity"), ask.slots.get("topic"))
        if key not in seen:
            seen.add(key)
            unique.append(ask)
    return unique


def _is_goodbye(clause: str) -> bool:
    """A goodbye that is one: not negated ("don't hang up"), not a word in a question
    ("goodbye seattle hello phoenix, is this place still available")."""
    guarded = P.NOT_GOODBYE.sub(" ", clause)
    if not P.GOODBYE.search(guarded) or P.NOT_GOODBYE.search(clause):
        return False
    if re.search(r"\b(?:bye|bye bye|goodbye|good bye|adios|take care|cheerio)\s*[.!|]*\s*$", clause) and not (
        P.QUESTION.search(clause)
    ):
        return True  # "gotta run, my kid's school is calling, bye": the last word is the goodbye
    rest = P.GOODBYE.sub(" ", clause)
    return not _fact_asks(rest, 0)


_TIME_WORDS = re.compile(
    r"\b(?:any ?time|sometime|preferably|ideally|maybe|say|like|around|about|at|after|before|by|"
    r"from|between|and|to|until|till|or so|or later|ish|\d{1,2}(?::\d{2})?|am|pm|oclock|noon|"
    r"morning|afternoon|evening|is fine|works|is good|would be|great|best|for me|ok|please|the|"
    r"in|or|but|is|fine|time|slot|please)\b|[,|?.]"
)


def time_only(text: str) -> bool:
    """A clause that gives a time of day and nothing else ("any time before 2", "same time")."""
    if re.fullmatch(r"(?:at |and |but )?(?:the )?same time(?: as before| as that)?\s*[?|.]*", text):
        return True
    return (find_time(text, find_part(text)) is not None or find_part(text) is not None) and not (
        _TIME_WORDS.sub(" ", text).strip()
    )


def day_only(text: str, window: Any, ctx: Context) -> bool:
    """A clause that names a day (and maybe a time) and asks nothing else."""
    if window is None or P.SEARCH_NOUN.search(text) or P.FACTS["status"].search(text):
        return False
    rest = re.sub(r"\b(?:i|we) (?:could|can|would|am|will)\b.*?\b(?:be there|come|do|make)\b", " ", text)
    return not _fact_asks(rest, 0) and not topics_in(rest)


def _search_like(clause: str, filters: dict[str, Any], ctx: Context) -> bool:
    if re.match(
        r"^(?:so |and |but |ok |wait )*(?:is|does|has) (?:it|this|that)\b|"
        r"^(?:so |and |ok )*(?:it|this|that) is\b",
        clause,
    ) and not re.search(
        r"\b(?:any|anything|find|show me|looking for|search|gotta|got to|has to|have to|needs to|must)\b",
        clause,
    ):
        return False  # "is it a standalone house or attached to other units": about this one
    if re.search(
        r"\b(?:in|at|on|of) (?:the|this|that|your) (?:building|complex|property|community|"
        r"development|unit|premises|grounds)\b|\bon ?site\b",
        clause,
    ) and not any(k in filters for k in ("city", "state", "near_listing")):
        return False  # "any gym in the building": about this home
    if (
        re.match(
            r"(?:so |and |ok |also |oh )*(?:is there|are there|does it have|has it got) (?:any|a|an|some)\b",
            clause,
        )
        and not P.SEARCH_NOUN.search(clause)
        and not {"city", "state", "near_listing"} & set(filters)
    ):
        return False  # "is there any outdoor space": about this home
    if (
        re.search(
            r"\bthis one\b(?! (?:of|or))|\bthis (?:house|home|place|listing|property|unit|apartment|"
            r"condo|townhouse|flat|office|space|building)\b|\b(?:house|home|place|one|condo|townhouse) "
            r"here\b",
            clause,
        )
        and not P.ANYTHING.search(clause)
        and "near_listing" not in filters
    ):
        return False  # "what's the rent on this one here in lincoln": this home
    if re.match(
        r"(?:so |and |ok |um )*is (?:the|this|that) (?!\w+s\b)\w+(?: \w+)? (?:in|on|at) \w+.*\b"
        r"(?:still )?(?:available|for sale|for rent|on the market|sold|pending|listed)\b",
        clause,
    ):
        return False  # "is the foursquare in kalamazoo still available": one home, named
    place = bool(P.SEARCH_NOUN.search(clause))
    if (
        not place
        and P.NAMED.search(clause)
        and not re.search(r"\b(?:any|anything|something|find|looking for|search|show me)\b", clause)
    ):
        return False  # "is the victory park condo still available": a listing named
    located = any(k in filters for k in ("city", "state", "near_listing"))
    narrowing = any(
        k in filters
        for k in (
            "min_price",
            "max_price",
            "min_bedrooms",
            "max_bedrooms",
            "min_bathrooms",
            "min_area",
            "max_area",
            "property_type",
            "listing_type",
        )
    )
    if (filters.get("amenities") or filters.get("relative")) and P.ANYTHING.search(clause):
        narrowing = True  # "anything with an elevator", "anything cheaper"
    if P.SEARCH.search(clause) and (place or located or narrowing):
        return True
    if located and (place or narrowing):
        return True
    # Right after a search, filter words are a refinement: "four bedroom though", "to buy".
    if (
        ctx.last_answer == "search"
        and filters
        and not re.search(r"\b(?:does|do|is|has|can|are) (?:it|that|this|that one|there|they)\b", clause)
    ):
        return True
    # A refinement of the search made: "for sale", "what about in austin", "i meant denton".
    if (
        not filters
        or not P.REFINE.search(clause)
        or re.search(r"\b(?:does|do|is|has) (?:it|that|this|that one|there)\b", clause)
    ):
        return False
    if ctx.last_answer == "search":
        return True
    return (
        ctx.searched
        and bool(
            re.search(
                r"\b(?:what about|how about|same thing|instead|"
                r"i meant)\b",
                clause,
            )
        )
        and (located or narrowing)
    )


def _placed(ask: Ask, ctx: Context) -> Ask:
    """A search in a city name that is two places ("portland": Maine and Oregon) asks which."""
    filters = ask.slots["filters"]
    city = filters.get("city")
    places = ctx.vocab.places(city) if city and "state" not in filters else ()
    if len(places) < 2:
        return ask
    options = tuple(f"{city}, {STATE_NAMES.get(state, state)}" for state in places)
    return Ask(
        "clarify",
        "clarify:place",
        ask.clause,
        ask.pos,
        {"cities": options, "filters": filters, "kind": ask.intent},
    )


def two_cities(text: str, ctx: Context) -> tuple[str, ...] | None:
    """ "anything in atlanta or decatur": one search is one city, so which one."""
    first = ctx.vocab.city_in(text)
    if first is None:
        return None
    rest = text[first[1] + len(first[0]) :]
    m = re.match(r"\s*(?:or|and|and or|/)\s+(.*)$", rest)
    if not m:
        return None
    second = ctx.vocab.city_in(m.group(1))
    if second is None or second[1] > 3 or second[0] == first[0]:
        return None
    return first[0], second[0]


def _city_question(text: str, ctx: Context) -> bool:
    """ "this is in san antone right", "is this fort worth or weatherford": which city."""
    city = ctx.vocab.city_in(text)
    if city is None or P.SEARCH_NOUN.search(text):
        return False
    if re.search(r"\bwhich (?:\w+ ){1,2}is (?:it|this|that)(?: in)?\b", text):
        return True  # "which portland is this, maine or oregon"
    before, after = text[: city[1]], text[city[1] :]
    if re.search(r"\b(?:part of|in the city of|within)\s*$", before):
        return True  # "is allston part of boston"
    if re.search(r"\b(?:this|it|that) is (?:actually |really |in )?$", before) and re.search(
        r"\b(?:right|correct|yes|yeah|isnt it|is it|no|or)\b|[?|]\s*$|^\w+(?: \w+)?\s*$", after
    ):
        return True  # "this is columbus right"
    return bool(
        re.search(
            r"\b(?:is (?:it|this|that)(?: one| place| house)?(?: actually| really|"
            r" located)?(?: in)?|(?:it|this|that) is (?:actually |really |located )?"
            r"in)\s*$",
            before,
        )
    )


def understand_clause(clause: str, pos: int, raw: str, ctx: Context) -> list[Ask]:
    text = clause
    if P.INJECTION.search(text):
        return [Ask("refusal", "refusal:injection", clause, pos, {"kind": "injection"})]
    details = contact(raw, clause, digitize(clause))
    said_name = details.get("name", "").lower()
    if said_name and (
        ctx.vocab.city_in(said_name)
        or state_in(said_name)
        or _fact_asks(said_name, 0)
        or (re.match(r"(?:so )?it is\b", text) and "?" in raw)  # "it is furnished?"
    ):
        del details["name"]  # "this is columbus right": a place, not the caller
    owners = "|".join(re.escape(n) for n in ctx.seller_names if n)
    if (
        P.PRIVACY.search(text)
        or (
            owners
            and re.search(
                rf"\b(?:{owners})s? (?:personal |private |direct |home |cell )?(?:email|e mail|"
                r"phone|number|cell|mobile|address|contact)",
                text,
            )
        )
    ) and not ({"phone", "email"} & set(details)):
        return [Ask("refusal", "refusal:privacy", clause, pos, {"kind": "privacy"})]
    if P.NEGOTIATION.search(text) and not re.search(r"\bnegotiable\b", text):
        return [Ask("refusal", "refusal:negotiation", clause, pos, {"kind": "negotiation"})]
    names = "|".join(re.escape(n) for n in (*ctx.people, *ctx.seller_names) if n)
    if P.HANDOVER.search(text) or (
        names
        and re.search(
            rf"\b(?:talk|speak|chat) (?:to|with) (?:{names})\b|\b(?:call|ring|phone) from (?:{names})\b|"
            rf"\b(?:{names}) (?:call|contact|"
            rf"text|reach) me\b|\b(?:have|can) (?:{names}) (?:call|contact)\b|\bis (?:{names})"
            rf" (?:\w+ )?(?:available|around|there|in (?:today|now|the office)|free)\b",
            text,
        )
    ):
        handover = Ask("handover", "handover", clause, pos)
        if {"phone", "email"} & set(details):  # "can kelsey call me back at 720 555 0199"
            return [handover, Ask("contact", "contact", clause, pos, {"contact": details})]
        return [handover]
    if _is_goodbye(text):
        return [Ask("goodbye", "goodbye", clause, pos)]
    if ctx.has_list and re.match(
        r"(?:and |what about |how about |ok |so )*(?:the )?(?:1st|2nd|3rd|4th|5th|last)(?: one)?\s*[?|]*$",
        text,
    ):
        return [Ask("focus", "focus:rank", clause, pos)]  # "and the second": of the list, not a date
    if ctx.pending == "slot" and (picked := _slot_pick(text)) is not None:
        # "the second one", "yes please": of the viewing slots just offered.
        return [Ask("viewing_request", "viewing:pick", clause, pos, {**picked, "contact": details})]
    if _BUSY_STATEMENT.match(text):
        # "i'm at work till four", "my wife's on call": why a time does not suit, not a time.
        return [Ask("smalltalk", "statement:busy", clause, pos)]
    window = find_window(text, ctx.now)
    viewing = P.VIEWING.search(text) and not re.search(
        r"\bsee (?:the |other |more |any )"
        r"(?:listings|photos|pictures|price)",
        text,
    )
    timed = window is not None or find_part(text) or find_time(text, None)
    if (
        not viewing
        and P.OUT_OF_SCOPE.search(text)
        and not (P.FACTS["price"].search(text) or find_time(text, None))
    ):
        return [Ask("out_of_scope", "out_of_scope", clause, pos)]  # "are the royals playing tonight"
    if viewing or (
        (ctx.pending in ("viewing", "slot") or ctx.viewing)
        and timed
        and not (P.SEARCH_NOUN.search(text) or _fact_asks(text, pos))
    ):
        return [
            Ask(
                "viewing_request",
                "viewing",
                clause,
                pos,
                {
                    "window": window,
                    "part": find_part(text),
                    "clock": find_time(text, find_part(text)),
                    "contact": details,
                },
            )
        ]
    if ctx.last_answer is not None and re.fullmatch(
        r"(?:ok |well |right |and )*(?:good (?:evening|night|day)|goodnight)(?: to you)?\s*[!.|]*", text
    ):
        return [Ask("goodbye", "goodbye", clause, pos)]  # "thank you ever so much. good evening."
    if ctx.last_answer is None and _OPENING.search(text) and not P.QUESTION.search(text) and not details:
        # "hi, we're looking at the summerlin home": the caller says what they call about.
        return [Ask("greeting", "greeting:opening", clause, pos)]
    if ctx.searched and _DROP_FILTER.match(text):
        # "ok forget the price", "drop the bedroom thing": the last search, loosened.
        return [
            Ask("search", "search:drop", clause, pos, {"filters": filters_in(text, ctx.vocab), "drop": True})
        ]
    if (details and not P.QUESTION.search(re.sub(r"\b(?:is|at)\b", "", text))) or (
        details and re.search(r"\b(?:my|name|number|email|reach me|call me|text me)\b", text)
    ):
        return [Ask("contact", "contact", clause, pos, {"contact": details})]
    if P.SMALLTALK_STATEMENTS.search(text) and not (
        P.QUESTION.search(text) and _fact_asks(P.SMALLTALK_STATEMENTS.sub(" ", text), pos)
    ):
        return [Ask("smalltalk", "smalltalk", clause, pos)]
    if _city_question(text, ctx):
        return [Ask("city", "fact:city", clause, pos)]
    cities = two_cities(text, ctx)
    if cities:
        return [Ask("clarify", "clarify:cities", clause, pos, {"cities": cities})]
    if m := re.search(r"\b(?:greater|the greater|metro) (\w+(?: \w+)?)", text):
        # "around greater cleveland": Cleveland and its namesake suburbs, which one.
        around = sorted({c for c in ctx.vocab.cities.values() if m.group(1).split()[0] in c.lower()})
        if len(around) > 1:
            return [Ask("clarify", "clarify:region", clause, pos, {"cities": tuple(around)})]
    sellers = "|".join(re.escape(n) for n in ctx.seller_names if n)
    if (region := region_in(text)) is not None and not (sellers and re.search(rf"\b(?:{sellers})\b", text)):
        known = set(ctx.vocab.cities.values())
        cities = tuple(c for c in region if c in known) or region  # the ones with listings
        return [Ask("clarify", "clarify:region", clause, pos, {"cities": cities})]
    if P.OUT_OF_SCOPE.search(text) and not P.FACTS["price"].search(text) and not topics_in(text):
        return [Ask("out_of_scope", "out_of_scope", clause, pos)]
    filters = filters_in(text, ctx.vocab)
    if (ctx.pending or "").startswith("place:") and ({"state", "city"} & set(filters)):
        # The answer to "which portland": the search asked before, in that place.
        return [
            Ask(
                ctx.pending.split(":", 1)[1],
                "search:place",
                clause,
                pos,
                {"filters": filters, "resume": True},
            )
        ]
    seller_names = "|".join(re.escape(n) for n in ctx.seller_names if n)
    if P.SELLER_LISTINGS.search(text) or (
        seller_names
        and re.search(
            rf"\b(?:{seller_names})\b.*\b(?:have|has|got|own|list|listed|selling|sell|renting|"
            rf"else|other)\b|\b(?:other|more) (?:\w+ )?(?:listings|properties|homes|places|"
            rf"houses|rentals) (?:from|by|of) (?:{seller_names})\b",
            text,
        )
    ):
        # (the seller's own list is read whole: it names each home's city)
        return [Ask("seller_listings", "seller_listings", clause, pos, {"filters": filters})]
    if (
        ctx.last_answer == "seller_listings"
        and filters
        and (
            re.search(
                r"\b(?:which|what) (?:ones?|of them|of those)\b|\b(?:any|some|all) of (?:them|those)\b|"
                r"\bthe ones\b|\bof those\b",
                text,
            )
            or (P.REFINE.search(text) and not _BROAD.search(text))
        )
    ):
        # "which ones are for rent": the seller's list just read, narrowed.
        return [
            Ask(
                "seller_listings", "seller_listings:refine", clause, pos, {"filters": filters, "refine": True}
            )
        ]
    if _search_like(text, filters, ctx) and not P.FACTS["summary"].search(text):
        return [_placed(Ask("search", "search", clause, pos, {"filters": filters}), ctx)]
    statement = re.match(r"^(?:so |oh |ok )*(?:it|that|this) is (?:a|an)\b", text)
    if P.SEARCH_NOUN.search(text) and filters and not P.QUESTION.search(text) and not statement:
        return [Ask("search", "search:bare", clause, pos, {"filters": filters})]
    if day_only(text, window, ctx):
        # "saturday morning, say ten ish": a time offered is a viewing asked for.
        return [
            Ask(
                "viewing_request",
                "viewing:time",
                clause,
                pos,
                {
                    "window": window,
                    "part": find_part(text),
                    "clock": find_time(text, find_part(text)),
                    "contact": details,
                },
            )
        ]
    if time_only(text):
        # "saturday, any time before 2": the time joins the turn's viewing request.
        return [
            Ask(
                "viewing_request",
                "viewing:time_only",
                clause,
                pos,
                {
                    "window": None,
                    "part": find_part(text),
                    "clock": find_time(text, find_part(text)),
                    "contact": details,
                },
            )
        ]
    asks = _fact_asks(text, pos)
    if asks:
        return asks
    if _PICK.search(text):
        return [Ask("focus", "focus:pick", clause, pos)]  # "the cheaper one": of the last list
    if P.CLARIFY.search(text):
        return [Ask("clarify", "clarify", clause, pos)]
    if P.OUT_OF_SCOPE.search(text):
        return [Ask("out_of_scope", "out_of_scope", clause, pos)]
    if P.GREETING.match(text) or re.match(
        r"^(?:(?:hi|hello|hey|yeah|yes|so|ok|there|again|good (?:morning|afternoon|evening)|just)\b[\s,]*)*"
        r"(?:i am |we are )?(?:just )?calling (?:about|"
        r"regarding|on|for) (?:the|this|your|that) (?:\w+ ){0,8}\w+\s*$",
        text,
    ):
        return [Ask("greeting", "greeting", clause, pos)]
    if P.SMALLTALK.match(text) or P.SMALLTALK_STATEMENTS.search(text):
        return [Ask("smalltalk", "smalltalk", clause, pos)]
    if re.search(
        r"\bthe one (?:i am|we are|i was|we were) calling (?:about|on|for)\b|^(?:ok |so |and )*"
        r"(?:going )?back to\b",
        text,
    ):
        return [Ask("focus", "focus:this", clause, pos)]
    if (
        (P.NAMED.search(text) or reference(text).get("or_this"))
        and not re.match(
            r"(?:so |and |but |ok )*(?:is|does|are|has|have|can|could|will|would|how|why)\b", text
        )
    ) or re.search(
        r"^(?:and |what about |how about )?(?:the )?"
        r"(?:1st|2nd|3rd|last)(?: one)?$",
        text,
    ):
        # "the one in wallingford": which listing the next question is about.
        return [Ask("focus", "focus", clause, pos)]
    if P.QUESTION.search(text):
        return [Ask("topic", "topic:unknown", clause, pos, {"topic": None})]
    return [Ask("smalltalk", "statement", clause, pos)]


_CONVERSATION = {"greeting", "smalltalk", "focus"}
# A search beyond the seller's list: "what about office space for lease anywhere".
_BROAD = re.compile(
    r"\b(?:anywhere|everywhere|in general|at all|on the (?:site|market|platform)|any city|"
    r"other sellers?)\b"
)
_THERE = re.compile(
    r"\b(?:there|that area|that city|that town|those parts|out there|over there|up there|down there)\b"
)


def _city_from_before(asks: list[Ask], ctx: Context) -> None:
    """ "we are moving to round rock, any houses there": a search takes the place (city or
    state) a statement just before it named."""
    place: dict[str, str] = {}
    for ask in asks:
        filters = ask.slots.get("filters")
        if (
            ask.intent in ("search", "seller_listings")
            and filters is not None
            and place
            and not {"city", "state", "near_listing"} & set(filters)
            and (_THERE.search(ask.clause) or ask.intent == "search")
        ):
            filters.update(place)
        if ask.intent in _CONVERSATION or ask.rule == "statement":
            if found := ctx.vocab.city_in(ask.clause):
                place = {"city": found[0]}
            elif state := state_in(ask.clause):
                place = {"state": state}


def _merge_subject_and_question(asks: list[Ask]) -> list[Ask]:
    """ "the fireplace, does it burn wood or gas": a subject named, then asked about with
    "it" — one question about that subject (its details)."""
    merged: list[Ask] = []
    for ask in asks:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.intent == "amenity"
            and ask.intent == "price"
            and (
                ask.ref.get("it")
                or ask.ref.get("that")
                or re.search(r"\bthe (?:spot|space|stall)s?\b", ask.clause)
            )
            and re.search(r"\b(?:cost|costs|charge|fee|fees|extra|run)\b", ask.clause)
        ):
            # "is there parking and what is it cost": the cost of the parking.
            prev.slots["detail"] = ask.clause
            continue
        if (
            prev is not None
            and prev.intent in ("amenity", "topic")
            and ask.intent == "topic"
            and ask.slots.get("topic") is None
            and (ask.ref.get("that") or ask.ref.get("it"))
            and not P.QUESTION.search(prev.clause)
        ):
            prev.slots["detail"] = ask.clause
            prev.clause = f"{prev.clause}, {ask.clause}"
            continue
        merged.append(ask)
    return merged


def understand(raw: str, ctx: Context) -> list[Ask]:
    text = digitize(normalize(raw))
    asks: list[Ask] = []
    for pos, clause in clauses(text):
        for ask in understand_clause(clause, pos, raw, ctx):
            ask.ref = reference(clause)
            if ask.rule == "fact:city" and "words" in ask.ref:
                ask.ref = {"this": True}  # "is this minneapolis or saint paul": a city, not a listing
            asks.append(ask)
    asks = _merge_subject_and_question(asks)
    _city_from_before(asks, ctx)
    for drop, search in itertools.pairwise(list(asks)):
        if drop.rule == "search:drop" and search.intent == "search":
            # "drop the bedroom thing, what's there under 2100": one search, loosened and narrowed.
            search.clause = f"{drop.clause} , {search.clause}"
            asks.remove(drop)
    for before, ask in itertools.pairwise(asks):
        # "what is the hoa and does it include the yard work": "it" is the HOA.
        if ask.intent == "topic" and before.intent == "topic" and (ask.ref.get("it") or ask.ref.get("that")):
            ask.slots["context"] = before.slots.get("topic")
    substantive = [a for a in asks if a.intent not in _CONVERSATION]
    if substantive:
        # A listing named in its own clause is what the next question is about.
        for named, ask in itertools.pairwise(asks):
            if named.intent == "focus" and not ask.ref.get("this"):
                ask.ref = {**named.ref, "said": named.clause}
        asks = substantive
    elif any(a.intent == "focus" for a in asks):
        asks = [next(a for a in asks if a.intent == "focus")]
    elif any(a.intent == "greeting" for a in asks):
        asks = [next(a for a in asks if a.intent == "greeting")]
    elif asks:
        asks = [asks[0]]
    # One viewing request per turn: its contact details and time join it.
    viewings = [a for a in asks if a.intent == "viewing_request"]
    if viewings:
        first = viewings[0]
        for ask in asks:
            if ask.intent in ("contact", "viewing_request") and ask is not first:
                merged = {**ask.slots.get("contact", {}), **first.slots.get("contact", {})}
                first.slots["contact"] = merged
                if ask.rule == "viewing:time_only":
                    first.clause = f"{first.clause} , {ask.clause}"
                    first.slots["window"] = find_window(first.clause, ctx.now) or first.slots.get("window")
                for key in ("window", "part", "clock"):
                    if first.slots.get(key) is None and ask.slots.get(key) is not None:
                        first.slots[key] = ask.slots[key]
        asks = [a for a in asks if a.intent not in ("contact", "viewing_request") or a is first]
        # "on the fourteenth, could i see it that afternoon": the day and the time are said
        # in different clauses; read them together.
        together = " ".join(a.clause for a in viewings)
        if len(viewings) > 1 and (window := find_window(together, ctx.now)) is not None:
            first.slots["window"] = window
    # "i'm moving to franklin, any houses there": the place said before the search.
    for before, ask in itertools.pairwise(asks):
        if (
            ask.intent in ("search", "seller_listings")
            and "city" not in ask.slots["filters"]
            and re.search(r"\bthere\b", ask.clause)
        ):
            city = ctx.vocab.city_in(before.clause)
            if city is not None:
                ask.slots["filters"]["city"] = city[0]
    searches = [a for a in asks if a.intent == "search"]
    if len(searches) > 1:  # "how about denver, any three bed houses under a million"
        for other in searches[1:]:
            searches[0].slots["filters"] = {**searches[0].slots["filters"], **other.slots["filters"]}
            searches[0].clause += f", {other.clause}"
        asks = [a for a in asks if a.intent != "search" or a is searches[0]]
    contacts = [a for a in asks if a.intent == "contact"]
    if len(contacts) > 1:  # "my number is ... and the name is ...": one set of details
        for other in contacts[1:]:
            contacts[0].slots["contact"] = {**other.slots["contact"], **contacts[0].slots["contact"]}
        asks = [a for a in asks if a.intent != "contact" or a is contacts[0]]
    # A goodbye said together with a question is no goodbye ("ok thanks, and the hoa?").
    if len(asks) > 1:
        asks = [a for a in asks if a.intent != "goodbye"] or asks[:1]
    # One refusal of a kind, one answer per repeated question.
    unique: list[Ask] = []
    for ask in asks:
        if not any(u.intent == ask.intent and u.slots == ask.slots and u.ref == ask.ref for u in unique):
            unique.append(ask)
    return unique or [Ask("smalltalk", "nothing_said", text)]
