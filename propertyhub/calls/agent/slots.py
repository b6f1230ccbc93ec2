"""Search filters read from a buyer's words: the same filters REST search has.

Cities are matched against the live vocabulary (every city with listings, read from
the database) and a list of well-known cities, so that a city with nothing listed is
still understood and answered honestly. Prices follow the words around them: "four
fifty" is 450,000 for a home to buy and "fourteen fifty a month" is 1,450.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from propertyhub.calls.agent import regex as re
from propertyhub.calls.agent.lexicon import (
    AMENITIES,
    CITY_ALIASES,
    DOMAIN_WORDS,
    KNOWN_CITIES,
    PROPERTY_TYPES,
    REGIONS,
    STATES,
)

FILTER_KEYS = (
    "city",
    "state",
    "property_type",
    "listing_type",
    "min_price",
    "max_price",
    "min_bedrooms",
    "max_bedrooms",
    "min_bathrooms",
    "min_area",
    "max_area",
    "amenities",
    "near_listing",
)


_STREET_AFTER = re.compile(
    r"\s+(?:street|st|avenue|ave|boulevard|blvd|road|rd|drive|dr|lane|ln|way|court|ct|place|pl|"
    r"parkway|pkwy|terrace|circle|highway|hwy|trail|pike)\b"
)
# Words no city name begins or ends with: a gram that does is not compared with the cities
# ("in ashville" is not "nashville"), and a turn of such words costs no fuzzy matching.
_GRAM_STOP = frozenset(
    [
        "in",
        "to",
        "at",
        "the",
        "of",
        "near",
        "by",
        "on",
        "a",
        "an",
        "up",
        "out",
        "and",
        "or",
        "is",
        "it",
        "its",
        "this",
        "that",
        "there",
        "what",
        "how",
        "much",
        "many",
        "does",
        "do",
        "have",
        "has",
        "had",
        "any",
        "some",
        "with",
        "for",
        "from",
        "about",
        "can",
        "could",
        "would",
        "will",
        "i",
        "we",
        "you",
        "my",
        "our",
        "your",
        "me",
        "us",
        "they",
        "he",
        "she",
        "them",
        "was",
        "be",
        "been",
        "are",
        "am",
        "not",
        "no",
        "yes",
        "yeah",
        "ok",
        "so",
        "just",
        "like",
        "really",
        "very",
        "also",
        "too",
        "then",
        "than",
        "when",
        "where",
        "which",
        "who",
        "why",
        "again",
        "still",
        "more",
        "other",
        "else",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "please",
        "thanks",
        "thank",
        "hi",
        "hello",
        "bye",
        "well",
        "get",
        "got",
        "go",
        "see",
        "look",
        "want",
        "need",
    ]
) | frozenset(w for w in DOMAIN_WORDS if " " not in w)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|to|near|around|from|at|out|over|up|down|of|by|outside|moving|relocating)\s+(?:the\s+)?$"
)
_GAZETTEER = Path(__file__).parent / "data" / "us_cities.tsv"


@lru_cache(maxsize=1)
def gazetteer() -> re.Phrases:
    """US cities of 15,000 people or more (GeoNames), as said: longest names first."""
    names: dict[str, str] = {}
    for line in _GAZETTEER.read_text().splitlines():
        if line and not line.startswith("#"):
            name = line.split("\t")[0]
            key = name.lower().replace(".", "").replace("'", "")
            if len(key) >= 4:
                for variant in _spoken_variants(key):
                    names.setdefault(variant, name)
    return re.Phrases(sorted(names.items(), key=lambda kv: -len(kv[0])))


_ABBREVIATED = {"st": "saint", "ft": "fort", "mt": "mount"}


def _spoken_variants(name: str) -> list[str]:
    """ "st paul" is also said "saint paul" (and "fort worth" written "ft worth")."""
    first, _, rest = name.partition(" ")
    out = [name]
    if rest and first in _ABBREVIATED:
        out.append(f"{_ABBREVIATED[first]} {rest}")
    for short, long in _ABBREVIATED.items():
        if rest and first == long:
            out.append(f"{short} {rest}")
    return out


_ALIASES = re.Phrases(sorted(CITY_ALIASES.items(), key=lambda a: -len(a[0])))


@dataclass
class Vocabulary:
    """What the agent can recognise by name: cities (with their states) from the database."""

    cities: dict[str, str] = field(default_factory=dict)  # lower-case name -> as written
    # lower-case name -> the states it has listings in: "portland" in ME and OR is two places.
    states: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.states = {k.lower().replace(".", "").replace("'", ""): v for k, v in self.states.items()}
        said = {}
        for name, written in [*self.cities.items(), *((c.lower(), c) for c in KNOWN_CITIES)]:
            key = name.lower().replace(".", "").replace("'", "")
            for variant in _spoken_variants(key):
                said.setdefault(variant, written)
            if key in self.states:
                for variant in _spoken_variants(key):
                    self.states.setdefault(variant, self.states[key])
        self.cities = said
        self._names = sorted(self.cities, key=len, reverse=True)
        self._pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in self._names) + r")\b")

    def places(self, city: str) -> tuple[str, ...]:
        """The states a city name has listings in (two or more: ask which)."""
        return self.states.get(city.lower().replace(".", "").replace("'", ""), ())

    def city_span(self, text: str) -> tuple[str, int, int] | None:
        """The city named in the text, where it starts and ends (what a state name inside
        it, "kansas city", is part of)."""
        found = self.city_in(text)
        if found is None:
            return None
        start = found[1]
        rest = text[start:]
        written = found[0].lower().replace(".", "").replace("'", "")
        end = start + (len(written) if rest.replace(".", "").startswith(written) else len(rest.split(" ")[0]))
        return found[0], start, end

    def city_in(self, text: str) -> tuple[str, int] | None:
        """The city named in the text (longest name first) and where (remembered: a turn
        asks it of the same clause several times)."""
        memo = self.__dict__.setdefault("_memo", {})
        if text not in memo:
            if len(memo) > 4096:
                memo.clear()
            memo[text] = self._city_in(text)
        return memo[text]

    def _city_in(self, text: str) -> tuple[str, int] | None:
        text = re.sub(
            r"\b(?:washington state|state of washington|new york state)\b", " ", text.replace(".", "")
        )
        for alias, city, pattern in _ALIASES.candidates(text):
            m = pattern.search(text)
            if m and not re.search(rf"\bsouth {re.escape(alias)}\b", text):
                return self.cities.get(city.lower().replace(".", ""), city), m.start()
        for m in self._pattern.finditer(text):
            if not _STREET_AFTER.match(text, m.end()):  # "lakewood boulevard" is a street
                return self.cities[m.group(1)], m.start()
        # A real place with no listing ("anything over in missoula"): after a place word only,
        # so that "normal" or "paradise" in passing are not cities.
        for _, written, pattern in gazetteer().candidates(text):
            for m in pattern.finditer(text):
                if _PLACE_BEFORE.search(text, 0, m.start()) and not _STREET_AFTER.match(text, m.end()):
                    return written, m.start()
        # Speech-to-text spellings of a known city ("san antonyo", "hueston").
        for size in (3, 2, 1):
            grams = text.split()
            for i in range(len(grams) - size + 1):
                gram = " ".join(grams[i : i + size])
                if len(gram) < 5 or grams[i] in _GRAM_STOP or grams[i + size - 1] in _GRAM_STOP:
                    continue  # "in ashville" is not "nashville"
                cutoff = 88 if size > 1 or len(gram) < 7 else 85
                near = process.extract(gram, self._names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
                # "ashville": Asheville and Nashville score alike; the first sound decides.
                found = next(
                    (f for f in near if f[0][0] == gram[0] and f[1] >= near[0][1] - 3),
                    near[0] if near else None,
                )
                if found and found[1] < 88 and found[0][0] != gram[0]:
                    found = None  # a weak match must keep the first sound: no "benton"
                if found:
                    return self.cities[found[0]], text.find(gram)
        return None


def _index(table: dict[str, tuple[str, ...]]) -> re.Phrases:
    """Each key's phrases, longest first: the longest one said places the key."""
    return re.Phrases(
        (p, key) for key, phrases in table.items() for p in sorted(phrases, key=len, reverse=True)
    )


_AMENITY_INDEX, _TYPE_INDEX = _index(AMENITIES), _index(PROPERTY_TYPES)


def _phrases(index: re.Phrases, text: str) -> list[tuple[int, str]]:
    found: dict[str, int] = {}
    for _, key, pattern in index.candidates(text):
        if key not in found and (m := pattern.search(text)):
            found[key] = m.start()
    return sorted((pos, key) for key, pos in found.items())


def amenities_in(text: str) -> list[tuple[int, str]]:
    found = _phrases(_AMENITY_INDEX, text)
    keys = {k for _, k in found}
    # "park" inside "parking lot"/"garage" questions: the garage answers it.
    if "garage" in keys and "parking" in keys and not re.search(r"\bparking\b", text):
        found = [(p, k) for p, k in found if k != "parking"]
    # "pool" of "car pool", "deck" of "on deck": leave these to their readers.
    return found


def property_types_in(text: str) -> list[str]:
    text = re.sub(r"\b(?:i|we|flight|plane|they) (?:land|lands)\b|\blanding\b", " ", text)  # "i land monday"
    types = [key for _, key in _phrases(_TYPE_INDEX, text)]
    if "land" in types and re.search(
        r"\b(parking lot|the lot|lot size|a lot of|lots of|a lot "
        r"(?!for\b|in\b|to\b|with\b|that\b|near\b|under\b|"
        r"over\b|around\b))\b",
        text,
    ):
        types.remove("land")
    return types


def listing_type_in(text: str) -> str | None:
    rent = re.search(
        r"\b(for rent|to rent|to let|for let|rent|rentals?|renting|lease|leasing|for lease|"
        r"a month|per month|monthly|/mo)\b",
        text,
    )
    sale = re.search(r"\b(for sale|to buy|buy|buying|purchase|purchasing|to own|sale)\b", text)
    if rent and not sale:
        return "rent"
    if sale and not rent:
        return "sale"
    return None


def state_in(text: str) -> str | None:
    for name, code in sorted(STATES.items(), key=lambda s: -len(s[0])):
        if re.search(rf"\b{name}\b", text):
            return code
    m = re.search(r"\bin (tx|ut|co|wa|ca|ny|fl|az|il)\b", text)
    return m.group(1).upper() if m else None


_NUM = r"\$?(\d+(?:\.\d+)?)"


def _amount(m: re.Match, group: int) -> float:
    """A price token, with a colloquial "4 50" (four fifty) read as 450."""
    value = float(m.group(group))
    tail = m.group(group + 1) if m.re.groups > group else None
    if tail and value < 100 and 10 <= float(tail) <= 99:
        value = value * 100 + float(tail)
    return value


def _scaled(value: float, context: str | None) -> int:
    """Whole dollars from what was said: "under 500" for a home to buy is 500,000."""
    if not 0 <= value < 10**12:  # a 400-digit "price" is noise, not a budget: dropped
        return 0
    if context == "rent":
        return int(value * 1000) if value < 10 else int(value)
    if value < 10:  # "under 2" (million)
        return int(value * 1_000_000) if context == "sale" else int(value * 1000)
    if value < 1000:
        return int(value * 1000)
    if context == "sale" and value < 10_000:
        return int(value * 1000)
    return int(value)


_PAIR = rf"{_NUM}(?:\s(\d{{2}})(?!\d))?"
_MAX = (
    r"under|below|less than|no more than|not more than|max(?:imum)?(?: of)?|up to|upto|"
    r"at most|cheaper than|within|budget is|budget of|budget|not over|no higher than|"
    r"less then|lower than|tops|top out at|no more then|"
    r"(?:bump|raise|up|push|stretch|increase|lower|drop|bring) (?:it |that |the budget |my budget |the max )?"
    r"(?:up |down )?to|go up to|budget is now"
)
_MIN = (
    r"over|above|more than|at least|minimum(?: of)?|starting at|upwards of|north of|"
    r"no less than|bigger than|larger than|higher than|from"
)
_ABOUT = r"around|about|roughly|approximately|approx|near|close to|ballpark|somewhere around"


def prices_in(text: str, context: str | None) -> dict[str, int]:
    """min_price / max_price from the words around the numbers."""
    out: dict[str, int] = {}
    # Square feet, bedrooms, times, and phone numbers are not prices.
    plain = re.sub(
        r"\d+(?:\.\d+)?\s*(?:\+|plus|or more|or fewer|or less)?\s*(?:full\s+)?"
        r"(?:square feet|sq|feet|foot|footage|bed\w*|bath\w*|br\b|"
        r"ba\b|car\b|cars\b|acres?|years?|months? free|stor\w+|floors?\b|pm\b|"
        r"am\b|oclock)",
        " ",
        text,
    )
    m = re.search(rf"\b(?:between|from)\s+{_PAIR}\s+(?:and|to|-)\s+{_PAIR}", plain) or re.search(
        rf"{_PAIR}\s*(?:to|-)\s*{_PAIR}\s*(?:dollars|a month|per month|k\b|$)", plain
    )
    if m:
        low, high = _amount(m, 1), _amount(m, 3)
        if low < high / 10 and high >= 1000:  # "between four and five hundred thousand"
            scale = 10 ** (len(str(int(high))) - len(str(int(low))))
            while low * scale > high and scale > 1:
                scale //= 10
            low *= scale
        high_value = _scaled(high, context)
        low_value = (
            _scaled(low, context)
            if low >= 1000 or high < 1000 or context == "rent"
            else int(low * high_value / high)
        )
        out["min_price"], out["max_price"] = low_value, high_value
        return {key: value for key, value in out.items() if value > 0}
    if (m := re.search(rf"\b(?:{_MAX})\s+{_PAIR}", plain)) or (
        m := re.search(
            rf"{_PAIR}\s+(?:or less|or under|or below|max|maximum|tops|or cheaper|"
            r"at the most|at most)\b",
            plain,
        )
    ):
        out["max_price"] = _scaled(_amount(m, 1), context)
    if (m := re.search(rf"\b(?:{_MIN})\s+{_PAIR}", plain)) or (
        m := re.search(rf"{_PAIR}\s+(?:or more|plus|and up|or above|or higher|minimum)\b", plain)
    ):
        out["min_price"] = _scaled(_amount(m, 1), context)
    if not out and (
        m := re.search(rf"\b(?:{_ABOUT})\s+{_PAIR}", plain)
        or re.search(rf"{_PAIR}\s*(?:ish|range|or so)\b", plain)
    ):
        middle = _scaled(_amount(m, 1), context)
        out["min_price"], out["max_price"] = round(middle * 0.9), round(middle * 1.1)
    return {key: value for key, value in out.items() if value > 0}


def rooms_in(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    if re.search(r"\bstudios?\b", text):
        out["max_bedrooms"] = 0
    bed = r"(?:bed|beds|bedroom|bedrooms|br|bd|bdr|bdrm|bdrms|bedder)\b"
    if m := re.search(rf"\b(?:at most|no more than|up to|max|maximum)\s+(\d+)\s*{bed}", text):
        out["max_bedrooms"] = int(m.group(1))
    elif found := (
        list(re.finditer(rf"\b(\d+)\s*(?:\+|plus|or more)?\s*{bed}", text))
        or list(re.finditer(r"\bbedrooms?\s*(?:at least|min(?:imum)?)?\s*(\d+)\b", text))
    ):
        # The last said wins: "three bed, no wait, two bed".
        out["min_bedrooms"] = int(found[-1].group(1))
    bath = r"(?:full\s+)?(?:bath|baths|bathroom|bathrooms|ba)\b"
    if found := list(re.finditer(rf"\b(\d+(?:\.5)?)\s*(?:\+|plus|or more)?\s*{bath}", text)):
        out["min_bathrooms"] = float(found[-1].group(1))
    return out


def area_in(text: str) -> dict[str, int]:
    unit = r"(?:square feet|sq|feet|foot)\b"
    if m := re.search(rf"\b(?:{_MAX})\s+(\d+)\s*{unit}", text):
        return {"max_area": int(float(m.group(1)))}
    if m := re.search(rf"\b(\d+)\s*{unit}\s*(?:or less|max|or smaller)\b", text):
        return {"max_area": int(float(m.group(1)))}
    if m := re.search(rf"\b(\d+)\s*{unit}", text):
        return {"min_area": int(float(m.group(1)))}
    return {}


NEAR = re.compile(
    r"\b(near here|around here|close by|nearby|near by|near this|close to this|"
    r"close to here|in the area|in this area|same area|same neighborhood|"
    r"around this|near it|close to it|in the neighborhood|around there|"
    r"near there|close to there|this area|the area)\b"
)


def region_in(text: str) -> tuple[str, ...] | None:
    for name, cities in REGIONS.items():
        if re.search(rf"\b{name}\b", text):
            return cities
    return None


def filters_in(text: str, vocab: Vocabulary, *, city_of_call: str | None = None) -> dict[str, Any]:
    """Every filter the words carry (the caller merges them with the dialogue's)."""
    # What the caller rules out is no filter: "to buy, not rent", "swap houses for condos".
    text = re.sub(
        r"\b(?:not|no) (?:to |a |an |for )?(?:rent|rentals?|buy|sale|lease|houses?|"
        r"condos?|apartments?|townhouses?|townhomes?|land|lots?|studios?)\b",
        " ",
        text,
    )
    text = re.sub(r"\b(?:swap|switch|change|trade)\s+(?:the\s+)?\w+\s+(?:for|to|with)\b", " ", text)
    text = re.sub(r"\binstead of (?:the |a )?\w+\b", " ", text)
    found: dict[str, Any] = {}
    city = vocab.city_span(text)
    if city is not None:
        found["city"] = city[0]
        # "kansas city", "oklahoma city", "iowa city": the state's name is the city's.
        text_without_city = text[: city[1]] + " " * (city[2] - city[1]) + text[city[2] :]
    else:
        text_without_city = text
    if state := state_in(text_without_city):
        found["state"] = state
    if types := property_types_in(text):
        found["property_type"] = types
    listing_type = listing_type_in(text)
    if listing_type:
        found["listing_type"] = listing_type
    found.update(rooms_in(text))
    found.update(area_in(text))
    found.update(prices_in(text, listing_type))
    if amenities := [a for _, a in amenities_in(text)]:
        found["amenities"] = sorted(set(amenities))
    if NEAR.search(text):
        found["near_listing"] = True
    if relative := relative_in(text):
        found["relative"] = relative
    if order := order_in(text):
        found["order"] = order
    return found


_ORDER = {
    "cheapest": "price",
    "least expensive": "price",
    "most affordable": "price",
    "lowest priced": "price",
    "most expensive": "-price",
    "priciest": "-price",
    "biggest": "-area",
    "largest": "-area",
    "smallest": "area",
    "most bedrooms": "-bedrooms",
}
_ORDER_RE = re.compile(r"\b(" + "|".join(_ORDER) + r")\b")


def order_in(text: str) -> str | None:
    """The order a superlative asks for: "the cheapest one" is the search sorted by price."""
    m = _ORDER_RE.search(text)
    return _ORDER[m.group(1)] if m else None


_RELATIVE = re.compile(
    r"\b(cheaper|less expensive|more affordable|lower priced|less money|"
    r"bigger|larger|more space|roomier|smaller|more bedrooms|fewer bedrooms|less bedrooms)\b"
    r"(?! than \$?\d)(?<!or bigger)(?<!or larger)(?<!or more)"  # "cheaper than 500k" is a price
)
_RELATIVE_WORDS = {
    "bigger": "bigger",
    "larger": "bigger",
    "more space": "bigger",
    "roomier": "bigger",
    "smaller": "smaller",
    "more bedrooms": "more_bedrooms",
    "fewer bedrooms": "fewer_bedrooms",
    "less bedrooms": "fewer_bedrooms",
}


def relative_in(text: str) -> list[str]:
    """Comparisons with the home talked about: "anything cheaper", "something bigger"."""
    return sorted({_RELATIVE_WORDS.get(m.group(1), "cheaper") for m in _RELATIVE.finditer(text)})
