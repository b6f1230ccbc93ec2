"""Spoken numbers as digits: "four hundred fifty thousand", "half a million", "1.2 mil",
"two and a half", "twenty five hundred", "500 k", "two grand".

Groups stay apart where speech keeps them apart ("four fifty" is "4 50", "between two
thousand and twenty five hundred" is "between 2000 and 2500"): what a pair of groups
means (a price, a time, a year) depends on the words around it, which the slot readers
know. "one" stays a word where it is a pronoun ("the second one", "no one").
"""

from __future__ import annotations

from text_to_num import text2num

from propertyhub.calls.agent import regex as re

UNITS = {
    "zero": 0,
    "oh": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "thousand": 1_000,
    "grand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mil": 1_000_000,
    "mill": 1_000_000,
    "m": 1_000_000,
    "millions": 1_000_000,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
# "one" is a number before these words (or next to other numbers), a pronoun elsewhere.
_ONE_BEFORE = {
    "bed",
    "beds",
    "bedroom",
    "bedrooms",
    "bath",
    "baths",
    "bathroom",
    "bathrooms",
    "br",
    "bd",
    "ba",
    "story",
    "stories",
    "car",
    "acre",
    "acres",
    "hundred",
    "thousand",
    "million",
    "mil",
    "point",
    "k",
    "grand",
    "half",
    "pm",
    "am",
    "oclock",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "level",
    "floor",
    "full",
    "and",
}
_ONE_AFTER = {"at", "around", "about", "by", "till", "until", "after", "before", "plus", "one", "zero", "oh"}
_WORD_NUMBER = set(UNITS) | set(TEENS) | set(TENS) | {"hundred"} | set(SCALES)
_MONEY = re.compile(r"\$?(\d+(?:\.\d+)?)\s*(k|grand|thousand|m|mil|mill|million|millions)\b")


def _is_number_word(tokens: list[str], i: int) -> bool:
    word = tokens[i]
    if word in ("k", "m", "mil", "mill", "grand"):
        return False  # suffixes only (folded onto the number before them)
    if word == "oh":
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        return (prev in UNITS or prev.isdigit()) and (nxt in UNITS or nxt.isdigit())
    if word == "one":
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        return (
            nxt in _ONE_BEFORE
            or nxt in UNITS
            or nxt.isdigit()
            or prev in _ONE_AFTER
            or prev in TENS
            or prev in UNITS
            or prev.isdigit()
        )
    return word in UNITS or word in TEENS or word in TENS or word == "hundred"


def _group(tokens: list[str], i: int) -> tuple[float, int]:
    """One spoken cardinal from tokens[i]: (value, tokens used). Stops where a new group
    starts ("four fifty" -> 4, then 50)."""
    total, current, j, last = 0, 0, i, None
    while j < len(tokens):
        w = tokens[j]
        if w in UNITS and (w != "oh" or last is not None) and _is_number_word(tokens, j):
            if last in ("unit", "teen"):
                break
            current += UNITS[w]
            last = "unit"
        elif w in TEENS:
            if last in ("unit", "teen", "tens"):
                break
            current += TEENS[w]
            last = "teen"
        elif w in TENS:
            if last in ("unit", "teen", "tens"):
                break
            current += TENS[w]
            last = "tens"
        elif w == "hundred":
            current = (current or 1) * 100
            last = "hundred"
        elif w in ("thousand", "million", "millions") and last is not None:
            total += (current or 1) * SCALES[w]
            current = 0
            last = "scale"
        elif (
            w == "and"
            and j + 1 < len(tokens)
            and (tokens[j + 1] in UNITS or tokens[j + 1] in TEENS or tokens[j + 1] in TENS)
            and (
                (
                    last == "hundred"
                    and _group_scale(tokens, j + 1) != "hundred"
                    # "fifteen hundred and two thousand" is two numbers
                    and (current < 1000 or _group_scale(tokens, j + 1) is None)
                )
                or (last == "scale" and _group_scale(tokens, j + 1) is None)
            )
        ):
            # "four hundred and fifty (thousand)" is one number; "two thousand and twenty
            # five hundred" is two.
            last = "and"
        else:
            break
        j += 1
    return _value(tokens[i:j], total + current), j - i


def _value(words: list[str], counted: float) -> float:
    """The group's value as text2num reads it (the library is the reference for English
    cardinals); where it refuses a form speech allows ("two oh five" inside a number), the
    count made while segmenting stands."""
    try:
        return float(text2num(" ".join(words), "en"))
    except ValueError:
        return counted


def _group_scale(tokens: list[str], i: int) -> str | None:
    """The first hundred/thousand/million word of the group starting at i, if any."""
    for w in tokens[i : i + 4]:
        if w in ("hundred", "thousand", "million"):
            return w
        if w not in UNITS and w not in TEENS and w not in TENS:
            return None
    return None


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _decimals(tokens: list[str], i: int) -> tuple[str, int]:
    """Digits spoken after "point": "point two five" -> ("25", 2)."""
    digits, j = "", i
    while j < len(tokens) and (tokens[j] in UNITS or tokens[j].isdigit()):
        digits += str(UNITS.get(tokens[j], tokens[j]))
        j += 1
    return digits, j - i


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def digitize(text: str) -> str:
    """Number words as digits, money suffixes folded ("500 k" -> "500000")."""
    text = re.sub(r"\bhalf (?:a|an) (million|mil|mill)\b", "500000", text)
    text = re.sub(r"\b(?:a|one) (million|mil|mill) and (?:a )?half\b", "1500000", text)
    text = re.sub(r"\b(?:a|one) (million|mil|mill)\b", "1000000", text)
    text = re.sub(r"\ba (hundred|thousand|grand)\b", r"one \1", text)
    tokens = text.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        w = tokens[i]
        if w in ORDINALS:
            out.append(ordinal(ORDINALS[w]))
            i += 1
            continue
        if (
            w in TENS and i + 1 < len(tokens) and tokens[i + 1] in ORDINALS and ORDINALS[tokens[i + 1]] < 10
        ):  # "twenty first"
            out.append(ordinal(TENS[w] + ORDINALS[tokens[i + 1]]))
            i += 2
            continue
        spelled = w in _WORD_NUMBER and w not in SCALES and _is_number_word(tokens, i)
        if spelled or w.isdigit():
            value, used = _group(tokens, i) if spelled else (float(w), 1)
            if used:
                i += used
                folded = spelled
                if i + 1 < len(tokens) and tokens[i] == "point":
                    digits, more = _decimals(tokens, i + 1)
                    if more:  # "one point two (million)"
                        value = float(f"{int(value)}.{digits}")
                        i += 1 + more
                        folded = True
                if i < len(tokens) and tokens[i] in ("million", "millions", "thousand"):
                    value *= SCALES[tokens[i]]
                    i += 1
                    folded = True
                # Digits said as digits stay as they were ("0133" keeps its zero).
                out.append(_fmt(value) if folded else w)
                continue
        out.append(w)
        i += 1
    text = " ".join(out)
    # "2 point 4" -> 2.4; "2 and a half" -> 2.5; "2 and half" -> 2.5
    text = re.sub(r"\b(\d+) point (\d+)\b", r"\1.\2", text)
    text = re.sub(r"\b(\d+) and (?:a )?half\b", lambda m: f"{int(m.group(1))}.5", text)
    text = re.sub(r"\b(\d+) 1/2\b", lambda m: f"{int(m.group(1))}.5", text)
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    text = re.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    text = _MONEY.sub(lambda m: _fmt(float(m.group(1)) * SCALES[m.group(2)]), text)
    # "a mil two", "a million five": a million and that many hundred thousands.
    text = re.sub(
        r"\b1000000 ([1-9])\b(?! (?:bed|bath|br|ba|car|stor|kid|dog|cat|people))",
        lambda m: str(1_000_000 + int(m.group(1)) * 100_000),
        text,
    )
    # Digits said one by one ("nine eight one oh two") are one number: a zip, a unit, a phone.
    return re.sub(r"\b\d(?: (?:\d|oh)\b){2,}", lambda m: m.group(0).replace(" ", "").replace("oh", "0"), text)


def number(token: str) -> float | None:
    try:
        return float(token.lstrip("$"))
    except ValueError:
        return None
