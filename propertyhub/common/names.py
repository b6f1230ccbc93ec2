"""Names the public sees (AI agents, agents for hire) must not pass for the platform."""

from __future__ import annotations

import re
import unicodedata

BRAND = "propertyhub"  # refused anywhere in a name, however spaced or spelled
# Words that make a name read as the platform's own or its staff (whole words only, so
# "Stafford Realty" and "Badminton Court Homes" pass).
RESERVED_WORDS = frozenset({"official", "officially", "platform", "admin", "administrator",
                            "staff", "support", "verified"})
# Look-alike characters that would let "Pr0perty-Hub" through.
_LOOKALIKE = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                            "@": "a", "$": "s", "|": "i", "!": "i"})
_WORD = re.compile(r"[a-z]+")


def _plain(name: str) -> str:
    """Compatibility-folded, lower-cased, accents and look-alikes mapped to letters."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_LOOKALIKE)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def impersonates_platform(name: str) -> bool:
    words = _WORD.findall(_plain(name))
    return BRAND in "".join(words) or any(word in RESERVED_WORDS for word in words)
