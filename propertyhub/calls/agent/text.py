"""Speech-to-text, made readable for rules: one spelling per word, no fillers.

Lower case, apostrophes and contractions unified, split or joined words put back
together ("fire place", "squarefeet"), domain words misspelt by the recogniser
corrected against the domain's vocabulary (rapidfuzz, conservative), spoken filler
words dropped. Punctuation that separates questions (? . ! ;) is kept as a mark.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz, process

from propertyhub.calls.agent import regex as re
from propertyhub.calls.agent.lexicon import CONTRACTIONS, DOMAIN_WORDS, FILLERS, JOINS

SEPARATOR = " | "  # where the caller ended a sentence (? . ! ;)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
# A full stop ends a sentence, but not after an abbreviation ("st. pete", "apt. 4").
_SENTENCE_END = re.compile(
    r"(?<!\d)[?!;]+|(?<![\d\s.@])(?<!\bst)(?<!\bmr)(?<!\bmrs)(?<!\bdr)"
    r"(?<!\bapt)(?<!\bave)(?<!\bft)(?<!\bmt)\.(?![\w])|(?<!\bst)(?<!\bft)"
    r"(?<!\bmt)(?<!\bapt)\.(?=\s)|\.$"
)
_KEEP = re.compile(r"[^a-z0-9'@.,\-/+$:%|\s]")
_JOINS = sorted(JOINS, key=len, reverse=True)
_JOIN_RE = re.compile(r"\b(" + "|".join(re.escape(j) for j in _JOINS) + r")\b")
_FILLER_RE = re.compile(
    r"\b("
    + "|".join(
        re.escape(f) for f in sorted((f for f in FILLERS if f not in ("like", "oh")), key=len, reverse=True)
    )
    + r")\b"
)
_DIGITISH = (
    r"(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|double)"
)
# "oh" is a zero inside spoken numbers ("two one oh five"), a filler elsewhere.
_OH = re.compile(rf"(\b{_DIGITISH} )?\boh\b(?= ({_DIGITISH})\b)?")


def _oh(match: re.Match) -> str:
    return match.group(0) if match.group(1) or match.group(2) else " "


# "like" is a filler ("is there like a pool") except where it is the verb ("i would like
# to", "what is it like", "do they like pets").
_LIKE_FILLER = re.compile(
    r"(?<!\bwould )(?<!\bi )(?<!\bwe )(?<!\byou )(?<!\bthey )"
    r"(?<!\bnot )(?<!\bdo )(?<!\bdoes )(?<!\breally )(?<!\bit )"
    r"(?<!\blooks )(?<!\bsounds )(?<!\bfeel )(?<!\bfeels )"
    r"\blike\b(?! to\b| it\b| this\b| that\b| them\b|\s*$|\s*[|,?])"
)
_DOMAIN = frozenset(DOMAIN_WORDS)
# Real words the corrector must leave alone although they are close to a domain word.
_LEAVE = frozenset(
    {
        "house",
        "homes",
        "rooms",
        "floor",
        "floors",
        "heated",
        "leased",
        "owned",
        "sellers",
        "renting",
        "rented",
        "listed",
        "lists",
        "parks",
        "barking",
        "larger",
        "places",
        "palace",
        "graduate",
        "gardens",
        "garages",
        "bedroom",
        "bathroom",
        "selling",
        "seller",
        "owners",
        "square",
        "squares",
        "prices",
        "priced",
        "pricey",
        "pricing",
        "lasting",
        "building",
        "buildings",
        "showings",
        "viewings",
        "schedules",
        "morning",
        "mornings",
        "evenings",
        "afternoons",
        "houses",
        "housing",
        "parked",
        "properly",
        "proper",
        "basements",
        "balconies",
        "elevators",
        "rentals",
        "renter",
        "renters",
        "hardware",
        "hardwoods",
        "availability",
        "available",
        "address",
        "addressed",
        "dress",
        "dresser",
        "garbage",
        "average",
        "apartments",
        "condos",
        "condo",
        "laundromat",
        "mortgage",
        "mortgages",
        "deposits",
        "deposited",
        "utility",
        "owner",
        "asking",
        "asked",
        "asks",
        "washing",
        "washed",
        "dryers",
        "drier",
    }
)


def _variant(token: str) -> bool:
    """A plural, singular or inflected form of a domain word is no misspelling."""
    stems = {
        token[:-1],
        token[:-2],
        token[:-3],
        token + "s",
        token + "es",
        token[:-3] + "y",
        token[:-1] + "y" if token.endswith("ies") else "",
    }
    return any(stem in _DOMAIN for stem in stems if stem)


@lru_cache(maxsize=4096)
def _corrected(token: str) -> str:
    """A misspelt domain word ("adress", "garadge", "bedroms") as the word it means."""
    if len(token) < 5 or token in _DOMAIN or token in _LEAVE or not token.isalpha() or _variant(token):
        return token
    found = process.extractOne(token, _DOMAIN, scorer=fuzz.ratio, score_cutoff=86)
    return found[0] if found else token


def _expand(match: re.Match) -> str:
    return CONTRACTIONS[match.group(0)]


_CONTRACTION_RE = re.compile(
    r"(?<![\w'])("
    + "|".join(re.escape(c) for c in sorted(CONTRACTIONS, key=len, reverse=True))
    + r")(?![\w'])"
)


# Words dropped their g in speech ("lookin", "fixin to"): put back where the -ing word is
# a common one (a list, not a rule: "cabin" and "austin" stay).
_ING = frozenset(
    [
        "looking",
        "lookin",
        "fixing",
        "taking",
        "living",
        "doing",
        "hanging",
        "buying",
        "during",
        "flying",
        "trying",
        "moving",
        "coming",
        "going",
        "having",
        "getting",
        "thinking",
        "wondering",
        "calling",
        "asking",
        "renting",
        "selling",
        "showing",
        "viewing",
        "morning",
        "evening",
        "nothing",
        "something",
        "anything",
        "everything",
        "wanting",
        "hoping",
        "planning",
        "waiting",
        "working",
        "driving",
        "checking",
        "parking",
        "heading",
        "running",
        "staying",
        "leaving",
        "seeing",
        "visiting",
        "touring",
        "talking",
        "saying",
        "telling",
        "making",
        "putting",
        "bringing",
        "paying",
        "starting",
        "closing",
        "booking",
        "building",
        "swimming",
        "hiring",
        "listing",
        "interesting",
        "charging",
        "cooling",
        "heating",
    ]
)
_G_DROPPED = {w[:-1]: w for w in _ING}
# "how's", "what's", "long's": after these words 's is "is", elsewhere a possessive.
_IS_AFTER = frozenset(
    [
        "how",
        "what",
        "where",
        "when",
        "who",
        "why",
        "that",
        "it",
        "there",
        "here",
        "he",
        "she",
        "everything",
        "nothing",
        "something",
        "long",
        "much",
        "big",
        "old",
        "far",
        "rent",
        "price",
        "lease",
        "hoa",
        "zip",
        "address",
        "number",
        "name",
        "email",
        "cell",
    ]
)


def _apostrophe_s(match: re.Match) -> str:
    word = match.group(1)
    return f"{word} is" if word in _IS_AFTER else word


# Texting and phone-typing spellings of whole words.
_TEXTING = {
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2mrw": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "2nite": "tonight",
    "2night": "tonight",
    "tonite": "tonight",
    "2day": "today",
    "hw": "how",
    "hv": "have",
    "wat": "what",
    "wut": "what",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "ty": "thank you",
    "ur": "your",
    "bday": "birthday",
    "b4": "before",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "w/": "with",
    "w/o": "without",
    "abt": "about",
    "cuz": "because",
    "coz": "because",
    "dnt": "do not",
    "wnt": "want",
    "nd": "and",
}
_LETTER_WORDS = {"n": "and", "r": "are", "u": "you"}


def normalize(text: str) -> str:
    # "adiós", "café": accents dropped, letters kept.
    low = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    low = low.lower().translate(_APOSTROPHES)
    low = _SENTENCE_END.sub(SEPARATOR, low)
    low = re.sub(r",(?!\d{3}(?!\d))|(?<!\d),", " , ", low)  # "1,200,000" keeps its commas
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", low)  # "co-op", "ten-ish", "as-is"
    low = _KEEP.sub(" ", low)
    low = re.sub(r"\s+", " ", low).strip()
    low = " ".join(_G_DROPPED.get(t, t) for t in low.split())
    low = " ".join(_TEXTING.get(t, t) for t in low.split())
    # "me n my gf", "how r u": one-letter words only between words (not in "j o h n").
    low = re.sub(
        r"\b([a-z]{2,}) (n|r|u) (?=[a-z]{2,}\b|u\b)",
        lambda m: f"{m.group(1)} {_LETTER_WORDS[m.group(2)]} ",
        low,
    )
    low = re.sub(r"\b(are) u\b", r"\1 you", low)
    low = _CONTRACTION_RE.sub(_expand, low)
    low = re.sub(r"\b(i|we|flight|plane|they) (land|lands)\b", r"\1 arrive", low)  # not a lot of land
    low = re.sub(r"\b(\w+)'s\b", _apostrophe_s, low).replace("s' ", "s ").replace("'", "")
    low = " ".join(_corrected(t) for t in low.split())
    low = _JOIN_RE.sub(lambda m: JOINS[m.group(1)], low)
    # Letters said one by one are one word: "c d d", "g p t" ("a" and "i" start none: they
    # are words).
    low = re.sub(r"\b[b-hj-z](?: [a-z])+\b", lambda m: m.group(0).replace(" ", ""), low)
    low = _FILLER_RE.sub(" ", low)
    low = _LIKE_FILLER.sub(" ", low)
    low = _OH.sub(_oh, low)
    low = re.sub(r"\s+", " ", low).strip(" ,")
    return low


def without_separators(text: str) -> str:
    return re.sub(r"\s*\|\s*", " ", text).strip()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text)
