"""Contact details as a caller gives them: phone numbers spoken digit by digit, e-mail
addresses spelt out ("mike underscore chen at yahoo dot com"), names ("name's Marcus
Johnson", "this is Linda", "it's James Okafor, o k a f o r", "tran, bao tran")."""

from __future__ import annotations

from propertyhub.calls.agent import regex as re
from propertyhub.calls.agent.numbers import UNITS

_DIGIT_WORDS = {word: str(n) for word, n in UNITS.items()} | {"o": "0"}
_TLD = r"(?:com|net|org|edu|io|co|us|gov|me|info|biz|ca|uk)"
_SPOKEN_EMAIL = re.compile(
    r"\b((?:[a-z0-9] )*[a-z0-9]+(?:\s*(?:dot|underscore|dash|hyphen|\.|_|-)\s*[a-z0-9]+)*)\s+at\s+"
    r"([a-z0-9-]+(?:\s*(?:dot|\.)\s*[a-z0-9-]+)*\s*(?:dot|\.)\s*" + _TLD + r")\b"
)
_EMAIL = re.compile(r"\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b")
# Words that follow "i am" / "this is" / "it is" and are not a name.
_NOT_NAMES = frozenset(
    [
        "up",
        "now",
        "number",
        "phone",
        "cell",
        "email",
        "put",
        "write",
        "too",
        "down",
        "off",
        "done",
        "finished",
        "leaving",
        "hanging",
        "hangin",
        "moving",
        "fixing",
        "fixin",
        "heading",
        "about",
        "wanting",
        "needing",
        "a",
        "an",
        "the",
        "looking",
        "interested",
        "calling",
        "wondering",
        "trying",
        "going",
        "not",
        "just",
        "here",
        "from",
        "in",
        "on",
        "at",
        "about",
        "with",
        "for",
        "so",
        "very",
        "really",
        "also",
        "still",
        "back",
        "gonna",
        "wanting",
        "hoping",
        "curious",
        "thinking",
        "asking",
        "new",
        "moving",
        "out",
        "checking",
        "glad",
        "happy",
        "sorry",
        "fine",
        "good",
        "great",
        "ok",
        "okay",
        "sure",
        "definitely",
        "planning",
        "ready",
        "available",
        "free",
        "busy",
        "working",
        "the",
        "one",
        "two",
        "three",
        "four",
        "five",
        "interested",
        "single",
        "married",
        "buying",
        "renting",
        "selling",
        "it",
        "is",
        "this",
        "that",
        "what",
        "how",
        "when",
        "where",
        "why",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "should",
        "will",
        "your",
        "you",
        "my",
        "me",
        "we",
        "they",
        "he",
        "she",
        "there",
        "their",
        "them",
        "our",
        "us",
        "his",
        "her",
        "its",
        "if",
        "and",
        "or",
        "but",
        "then",
        "than",
        "too",
        "of",
        "to",
        "be",
        "been",
        "being",
        "am",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "get",
        "got",
        "go",
        "pretty",
        "kind",
        "sort",
        "around",
        "near",
        "there",
        "sold",
        "pending",
        "gone",
        "taken",
        "rented",
        "leased",
        "available",
        "expensive",
        "cheap",
        "nice",
        "big",
        "small",
        "large",
        "perfect",
        "beautiful",
        "lovely",
        "great",
        "awesome",
        "cool",
        "fine",
        "too",
        "way",
        "out",
        "over",
        "under",
        "just",
        "only",
        "still",
        "already",
        "actually",
        "really",
        "definitely",
        "kinda",
        "located",
        "listed",
        "priced",
        "gonna",
    ]
)
# Words a caller says around a name that are not part of it: skipped, not a stop.
_SKIP = frozenset(["again", "calling", "speaking", "here", "back"])


def phone(text: str) -> str | None:
    """A phone number: 10 digits (or 11 with a leading 1), however they were spoken."""
    tokens = re.findall(
        r"\+|plus|[0-9]+|[a-z]+", text.replace("-", " ").replace(".", " ").replace("(", " ").replace(")", " ")
    )
    best = None
    i = 0
    while i < len(tokens):
        plus = tokens[i] in ("+", "plus")
        j = i + 1 if plus else i
        digits = ""
        while j < len(tokens):
            t = tokens[j]
            if t.isdigit() and len(digits) + len(t) <= 12:
                digits += t
            elif t in _DIGIT_WORDS and (digits or t not in ("o", "oh")):
                digits += _DIGIT_WORDS[t]
            elif t == "double" and j + 1 < len(tokens) and tokens[j + 1] in _DIGIT_WORDS:
                digits += _DIGIT_WORDS[tokens[j + 1]] * 2
                j += 1
            else:
                break
            j += 1
        if len(digits) == 10 or (len(digits) == 11 and digits.startswith("1")):
            best = ("+" if plus else "") + digits
            break
        i = max(j, i + 1)
    return best


_SPOKEN_DIGITS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}


def _light(raw: str) -> str:
    """The caller's words lower-cased, with the contractions a name follows expanded but
    apostrophes inside names kept (O'Neal)."""
    low = raw.lower().replace("\u2019", "'")
    low = re.sub(r"\b(i)'m\b", "i am", low)
    return re.sub(r"\b(name|email|e mail|number|cell|it|this|that)'s\b", r"\1 is", low)


def email(raw: str) -> str | None:
    low = _light(raw)
    # Digits spoken inside an address ("bigdawg underscore seven seven at ...").
    low = re.sub(
        r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b(?= (?:[a-z0-9]+ )*"
        r"?at [a-z0-9-]+ (?:dot|\.))",
        lambda m: _SPOKEN_DIGITS[m.group(0)],
        low,
    )
    if m := _EMAIL.search(low):
        return m.group(0)
    low = re.sub(r"\b(?:[a-z0-9] )+[a-z0-9]\b", lambda m: m.group(0).replace(" ", ""), low)
    if m := _SPOKEN_EMAIL.search(low):

        def squeeze(part: str) -> str:
            part = re.sub(r"\s*(?:dot|\.)\s*", ".", part)
            part = re.sub(r"\s*(?:underscore|_)\s*", "_", part)
            part = re.sub(r"\s*(?:dash|hyphen|-)\s*", "-", part)
            return part.replace(" ", "")

        return f"{squeeze(m.group(1))}@{squeeze(m.group(2))}"
    return None


def _join_spelled(text: str) -> str:
    """Letters said one by one joined: "d a v i d" -> "david"."""
    return re.sub(r"\b(?:[a-z] ){2,}[a-z]\b", lambda m: m.group(0).replace(" ", ""), text)


def _title(words: list[str]) -> str:
    def cap(word: str) -> str:
        head, sep, tail = word.partition("'")
        if sep and len(head) <= 2 and tail:  # O'Neal, D'Angelo
            return f"{head.capitalize()}'{tail.capitalize()}"
        return word.replace("'", "").capitalize()

    return " ".join(cap(w) for w in words)


def name(text: str) -> str | None:
    low = _join_spelled(text.lower())
    low = re.sub(r"\b(?:last|first|sur) ?name (?:is )?", ", ", low)
    low = re.sub(r"[^a-z ,']", " ", low.replace("|", ","))
    # "i am X" is a name only when the name ends the sentence or is followed by a pause,
    # "calling", "here": "i am fixing to move" and "i am hanging up" are not names.
    said = r"(?=\s*(?:$|,|and\b|calling|here|speaking|from\b|again\b))"
    patterns = (
        r"\b(?:my name is|name is|my names|the name is|names|call me|i go by|put me down as|"
        r"last name is|last name|first name is)\s+([a-z' ,]+)",
        r"^(?:hi |hello |hey |so |yeah |ok |oh )*(?:this is|it is|i am)\s+((?:[a-z']+ ?){1,3}"
        + said
        + r"[a-z' ,]*)",
        r"\b(?:this is|i am)\s+([a-z' ,]+?)\s+(?:calling|here|speaking)\b",
        r"^([a-z]+(?: [a-z]+)?) here(?: calling)?\s*$",
    )
    for pattern in patterns:
        m = re.search(pattern, low)
        if not m:
            continue
        chunk = m.group(1)
        # "tran, bao tran": the surname said first, then the whole name.
        parts = [p.strip().split() for p in chunk.split(",") if p.strip()]
        candidates = []
        for words in parts:
            taken = []
            words = [w for w in words if w not in _SKIP]
            for w in words:
                if w in _NOT_NAMES or len(w) < 2:
                    break
                taken.append(w)
            if taken:
                candidates.append(taken[:3])
            if not taken or len(taken) < len(words):
                break
        if not candidates:
            continue
        # A part said again spelt out ("okafor, o k a f o r") is the same part.
        unique = [c for k, c in enumerate(candidates) if k == 0 or c != candidates[k - 1]]
        longest = max(unique, key=len)
        if all(len(c) == 1 for c in unique):
            full = [c[0] for c in unique][:3]  # "david, kim"
        elif len(unique) > 1 and len(unique[-1]) >= 2 and unique[0][-1] in unique[-1]:
            full = unique[-1]  # "tran, bao tran"
        else:
            full = longest
        return _title(full)
    return None


def contact(raw: str, normalized: str, digits: str) -> dict[str, str]:
    """`normalized`: the clause normalised; `digits`: the same with numbers as digits;
    `raw`: the turn as said (names keep their apostrophes)."""
    found: dict[str, str] = {}
    if (value := name(normalized)) is not None:
        as_said = name(_light(raw))
        found["name"] = as_said if as_said and as_said.replace("'", "").lower() == value.lower() else value
    if (value := phone(digits)) is not None:
        found["phone"] = value
    if (value := email(raw)) is not None:
        found["email"] = value
    return found
