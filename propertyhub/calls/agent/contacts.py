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
        "dot",
        "at",
        "underscore",
        "dash",
        "gmail",
        "yahoo",
        "hotmail",
        "outlook",
        "com",
        "by",
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


_CORRECTION = frozenset(["no", "sorry", "mean", "correction", "actually", "wait", "oops", "scratch"])


def _digit_runs(tokens: list[str]) -> list[tuple[int, int, str, bool]]:
    """(start, end, digits, after a "+") for each run of spoken or written digits."""
    runs = []
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
            elif (
                t in ("double", "triple")
                and j + 1 < len(tokens)
                and (tokens[j + 1] in _DIGIT_WORDS or (tokens[j + 1].isdigit() and len(tokens[j + 1]) == 1))
            ):
                # "double five" (and "double 5" once numbers are digits)
                digits += _DIGIT_WORDS.get(tokens[j + 1], tokens[j + 1]) * (2 if t == "double" else 3)
                j += 1
            else:
                break
            j += 1
        if digits:
            runs.append((i, j, digits, plus))
        i = max(j, i + 1)
    return runs


def phone(text: str) -> str | None:
    """A phone number: 10 digits (or 11 with a leading 1), however they were spoken; a
    correction after it ("... oh one nine three, no sorry, oh one nine eight") mends its end."""
    tokens = re.findall(
        r"\+|plus|[0-9]+|[a-z]+", text.replace("-", " ").replace(".", " ").replace("(", " ").replace(")", " ")
    )
    runs = _digit_runs(tokens)
    best = None
    for n, (_, end, digits, plus) in enumerate(runs):
        if not (len(digits) == 10 or (len(digits) == 11 and digits.startswith("1"))):
            continue
        best = ("+" if plus else "") + digits
        for start, _, fix, _ in runs[n + 1 :]:
            corrected = _CORRECTION & set(tokens[end:start])
            if corrected and 3 <= len(fix) < len(digits):
                best = best[: len(best) - len(fix)] + fix
            elif corrected and len(fix) == len(digits):
                best = ("+" if plus else "") + fix
        break
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


def _number(words: str) -> str:
    if words.isdigit():
        return words
    tens = {
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
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
    first, _, second = words.partition(" ")
    return str(tens[first] + (int(_SPOKEN_DIGITS[second]) if second else 0))


def email(raw: str) -> str | None:
    low = _light(raw)
    # "tomk eighty eight at ...": a handle with a number said after it.
    low = re.sub(
        r"\b([a-z][a-z0-9]*) ((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
        r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
        r"(?: (?:one|two|three|four|five|six|seven|eight|nine))?|\d+) at ",
        lambda m: f"{m.group(1)}{_number(m.group(2))} at ",
        low,
    )
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
    # "emily r at ...": a handle with a letter said after it.
    low = re.sub(
        r"\b(?!(?:is|email|mail|address|it|its|was|me|be)\b)([a-z]{2,}) ([a-z0-9]) at ", r"\1\2 at ", low
    )
    # Mail providers said in two words: "proton mail", "hot mail", "g mail", "out look".
    low = re.sub(
        r"\bat (proton|hot|g|fast|zoho|ao|ya|out|i|my|web) (mail|look|hoo|cloud|l)\b", r"at \1\2", low
    )
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
    low = re.sub(r"\b(?:by the way|btw|anyway)\b", ",", low)  # "im ben by the way, ben ortiz"
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
