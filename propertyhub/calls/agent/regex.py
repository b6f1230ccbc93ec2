"""`re`, with a pattern cache the agent's vocabulary fits in.

Python keeps the last 512 compiled patterns; the agent matches over a thousand phrase
patterns a turn (amenities, topics, cities, names), so with `re` itself every turn
recompiled hundreds of them (90 % of a turn's time, measured with cProfile). Modules of
the agent import this as `re`.
"""

from __future__ import annotations

import re as _re
from functools import lru_cache

Match = _re.Match
Pattern = _re.Pattern
escape = _re.escape
compile = _re.compile  # the name users of `re` expect
IGNORECASE = _re.IGNORECASE


@lru_cache(maxsize=16384)
def _compiled(pattern: str, flags: int = 0) -> Pattern:
    return _re.compile(pattern, flags)


def search(pattern: str | Pattern, string: str, flags: int = 0) -> Match | None:
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).search(string)


def match(pattern: str | Pattern, string: str, flags: int = 0) -> Match | None:
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).match(string)


def fullmatch(pattern: str | Pattern, string: str, flags: int = 0) -> Match | None:
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).fullmatch(string)


def finditer(pattern: str | Pattern, string: str, flags: int = 0):
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).finditer(string)


def findall(pattern: str | Pattern, string: str, flags: int = 0) -> list:
    return (pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)).findall(string)


def sub(pattern: str | Pattern, repl, string: str, count: int = 0, flags: int = 0) -> str:
    compiled = pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)
    return compiled.sub(repl, string, count)


def split(pattern: str | Pattern, string: str, maxsplit: int = 0, flags: int = 0) -> list:
    compiled = pattern if isinstance(pattern, Pattern) else _compiled(pattern, flags)
    return compiled.split(string, maxsplit)


_WORD = _re.compile(r"[a-z0-9]+")


class Phrases:
    """Literal phrases to find as whole words, in priority order, indexed by their first
    word: a turn (a dozen words) is searched only for the phrases that could be in it, not
    for the ~2,000 of the agent's tables. `\\bphrase` can only match where a word of the
    text equals the phrase's first word, so the index loses no match."""

    def __init__(self, entries) -> None:  # (phrase, value) pairs, in priority order
        self.entries: list[tuple[str, object, Pattern]] = []
        self._by_first: dict[str, list[int]] = {}
        self._always: list[int] = []
        for n, (phrase, value) in enumerate(entries):
            self.entries.append((phrase, value, _re.compile(rf"\b{_re.escape(phrase)}\b")))
            first = _WORD.match(phrase.lower())
            (self._by_first.setdefault(first.group(), []) if first else self._always).append(n)

    def candidates(self, text: str) -> list[tuple[str, object, Pattern]]:
        """The entries that may match `text` (lower-case), in priority order."""
        picked = set(self._always)
        for word in set(_WORD.findall(text)):
            picked.update(self._by_first.get(word, ()))
        return [self.entries[n] for n in sorted(picked)]
