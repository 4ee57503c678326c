"""Names -> the ASCII slugs of file names: one rule for entries, tags, people and equipment."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG_WORDS = 8


def slugify(title: str, max_words: int = MAX_SLUG_WORDS) -> str:
    """Lowercase ASCII words joined by hyphens: 'Zürich talks' -> 'zurich-talks'."""
    folded = unicodedata.normalize("NFKD", title.replace("ı", "i").replace("İ", "I"))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:max_words])


def name_slug(name: str) -> str:
    """The slug of a tag, a person or a piece of equipment: every word of it, or, for a
    name with no Latin letter or digit ('Ан-26' has some; '東京' none), a short hash, so
    that no page is skipped for an empty name."""
    return slugify(name, max_words=32) or "n-" + hashlib.sha256(name.encode()).hexdigest()[:10]
