"""Names -> the ASCII slugs of file names: one rule for entries, tags, people and equipment."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from unidecode import unidecode

MAX_SLUG_WORDS = 8
# Pelican's default SLUG_REGEX_SUBSTITUTIONS (pelican.settings.DEFAULT_CONFIG), for a call
# without a site's settings; a test checks that they are still Pelican's.
PELICAN_SLUG_SUBSTITUTIONS = (
    (r"[^\w\s-]", ""),  # remove non-alphabetical/whitespace/'-' chars
    (r"(?u)\A\s*", ""),  # strip leading whitespace
    (r"(?u)\s*\Z", ""),  # strip trailing whitespace
    (r"[-\s]+", "-"),  # reduce multiple whitespace or '-' to single '-'
)


def slugify(title: str, max_words: int = MAX_SLUG_WORDS, substitutions=None) -> str:
    """The slug Pelican makes of a title, by the rules of ``pelican.utils.slugify``
    (compatibility normalisation, unidecode, the site's SLUG_REGEX_SUBSTITUTIONS, lower
    case), cut to its first words and to what a file name here may hold:
    'Franco–German talks' -> 'franco-german-talks', 'Визит' -> 'vizit',
    'Yaşar Güler' -> 'yasar-guler'. Written out because this layer does not import
    Pelican; a test checks that both give the same slugs."""
    value = unidecode(unicodedata.normalize("NFKC", title))
    for pattern, replacement in substitutions or PELICAN_SLUG_SUBSTITUTIONS:
        value = re.sub(pattern, replacement, value, flags=re.IGNORECASE)
    # A site's substitutions may keep characters a slug here refuses (SLUG_RE).
    words = re.findall(r"[a-z0-9]+", value.lower())
    return "-".join(words[:max_words])


def name_slug(name: str) -> str:
    """The slug of a tag, a person or a piece of equipment: every word of it, or, for a
    name with no Latin letter or digit ('Ан-26' has some; '東京' none), a short hash, so
    that no page is skipped for an empty name."""
    return slugify(name, max_words=32) or "n-" + hashlib.sha256(name.encode()).hexdigest()[:10]
