"""What every English relation frame shares: a cue counts only where it happened.

A trigger word sets up a frame in its clause; the clause's own subordinate clauses
("…, which is backed by Amazon, …") are read apart, and a cue put in the future or negated
just before it ("is expected to attend", "did not sign") sets up nothing.
"""

from __future__ import annotations

import re

NOT_YET = re.compile(
    r"\b(?:will|would|expected\s+to|scheduled\s+to|due\s+to|plans?\s+to|planning\s+to|set\s+to|is\s+to|"
    r"whether\s+to|weigh(?:ed|ing)?|consider(?:ed|ing)?|"
    r"are\s+to|not|n't|never|declined\s+to|refused\s+to|yet\s+to|invited\s+to|hopes?\s+to)"
    r"\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
SUBCLAUSE = re.compile(
    r",\s*(?:which|whose|who|(?:neither|none|both|all|one|each)\s+of\s+(?:which|whom))\b[^,]*(?:,|$)"
)


def happened(text: str, pattern: re.Pattern[str], negation: re.Pattern[str]) -> bool:
    """True when some cue of `pattern` is not put in the future or negated just before it."""
    return any(
        not negation.search(text[max(0, m.start() - 60) : m.start()])
        for m in pattern.finditer(text)
    )
