"""Tags against a site's vocabulary: what counts as the same tag spelled another way.

Two tags are near-duplicates when they differ only in case, in hyphens, dashes or spaces,
or in a plural ``s``; a tag close in spelling to one of the vocabulary is suggested too.
"""

from __future__ import annotations

import difflib
import itertools
import re

_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tag_key(tag: str) -> str:
    """'Caspian-Seas' -> 'caspian sea': equal keys mean near-duplicate tags."""
    words = _SEPARATORS.sub(" ", tag.casefold()).split()
    return " ".join(_singular(word) for word in words)


def near_duplicates(tags) -> list[tuple[str, str]]:
    """Pairs of distinct tags with the same key, in the order given."""
    return [
        (a, b)
        for a, b in itertools.combinations(dict.fromkeys(tags), 2)
        if a != b and tag_key(a) == tag_key(b)
    ]


def suggest(tag: str, vocabulary) -> str:
    """The vocabulary's spelling of ``tag`` (same key, else close spelling), or ""."""
    by_key = {tag_key(word): word for word in vocabulary}
    if tag_key(tag) in by_key:
        return by_key[tag_key(tag)]
    close = difflib.get_close_matches(tag_key(tag), list(by_key), n=1, cutoff=0.75)
    return by_key[close[0]] if close else ""
